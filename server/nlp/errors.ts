// The typed failures of an NLP server, apart from its client so that code which only reports them
// (the CLI, the API's error mapping) does not load the client.
export type NlpErrorCode = 'NLP_UNAVAILABLE' | 'NLP_TIMEOUT';

export class NlpError extends Error {
  override name = 'NlpError';
  constructor(
    readonly code: NlpErrorCode,
    message: string,
  ) {
    super(message);
  }
}
