// Why one article could not be read. Readers yield these instead of throwing so that one bad
// article never stops a batch; callers report `reason` (machine-readable) and `message`.

export type InputFailureReason =
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'oversized'
  | 'unsupported-language'
  | 'malformed'
  | 'fetch-failed';

export class ArticleInputError extends Error {
  override name = 'ArticleInputError';
  readonly origin: string;
  readonly reason: InputFailureReason;
  /** The input's own id when it was read before the failure (a JSON line's "id"), so answers keep it. */
  id: string | undefined;

  constructor(origin: string, reason: InputFailureReason, message: string, options?: { cause?: unknown; id?: string }) {
    super(`${origin}: ${message}`, options);
    this.origin = origin;
    this.reason = reason;
    this.id = options?.id;
  }

  /** The message without the origin prefix, for reports that show the origin separately. */
  get detail(): string {
    return this.message.startsWith(`${this.origin}: `) ? this.message.slice(this.origin.length + 2) : this.message;
  }
}
