// The typed failures of the model-backed extractor, apart from its HTTP client so that code which
// only reports them (server/extractors/errors.ts: the API's codes and the CLI's reasons) does not
// load the client.
export type LlmErrorCode = 'unreachable' | 'timeout' | 'http-error' | 'invalid-response';

export class LlmExtractorError extends Error {
  override name = 'LlmExtractorError';
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
