import { apiError } from '../../errors.js';

/** A record a non-null field points at vanished (removed between reads): say so with a code. */
export function notFound<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw apiError('NOT_FOUND', `${what} no longer exists.`);
  return value;
}
