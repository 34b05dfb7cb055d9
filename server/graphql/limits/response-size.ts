// MAX_RESPONSE_BYTES: an answer is measured after execution and replaced by a refusal when it is
// too large to send.
import type { GraphQLError } from 'graphql';
import { responseTooLarge } from '../../errors.js';

/**
 * The size of `value` as JSON, counted until it passes `limit` (then `limit + 1`): strings by
 * their length, so a result that shares one article text 400 times is measured without ever
 * building the 400-copy string.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  // Run on every answer: strings and scalars are counted where they are met, and only objects
  // and arrays wait on the stack (no per-object entry arrays: a 1,300-edge picture is 20,000 values).
  let total = 0;
  const stack: object[] = [];
  const count = (v: unknown): void => {
    if (typeof v === 'string') total += v.length + 2;
    else if (v === null || typeof v !== 'object') total += 8;
    else stack.push(v);
  };
  count(value);
  while (stack.length && total <= limit) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      total += 2 + v.length;
      for (let i = 0; i < v.length; i++) count(v[i]);
    } else {
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        total += k.length + 4;
        count((v as Record<string, unknown>)[k]);
      }
    }
  }
  return total > limit ? limit + 1 : total;
}

/** The answer's size (counted up to the limit), and the refusal when it is over. */
export function checkResponseSize(result: unknown, maxBytes: number): { size: number; error?: GraphQLError } {
  const size = jsonSizeUpTo(result, maxBytes);
  return size > maxBytes ? { size, error: responseTooLarge(maxBytes) } : { size };
}
