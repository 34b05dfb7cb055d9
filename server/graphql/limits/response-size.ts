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
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (v === null || typeof v !== 'object') total += 8;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const x of v) stack.push(x);
    } else {
      for (const [k, x] of Object.entries(v)) {
        total += k.length + 4;
        stack.push(x);
      }
    }
    if (total > limit) return limit + 1;
  }
  return total;
}

/** The answer's size (counted up to the limit), and the refusal when it is over. */
export function checkResponseSize(result: unknown, maxBytes: number): { size: number; error?: GraphQLError } {
  const size = jsonSizeUpTo(result, maxBytes);
  return size > maxBytes ? { size, error: responseTooLarge(maxBytes) } : { size };
}
