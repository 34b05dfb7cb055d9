// Every way an extractor can fail, in one table: the code the API answers with, the reason the
// CLI's error lines carry, and whether the component behind it is gone (a batch stops trying).
// Only the error classes are imported, so the CLI and the API's error mapping can report failures
// without loading the CoreNLP client or the LLM client.
import { ExtractionFailed } from './check.js';
import { NlpError, type NlpErrorCode } from '../nlp/errors.js';
import { LlmExtractorError, type LlmErrorCode } from './llm/errors.js';

/** A stage threw something that is none of the typed failures (a bug, a worker that stopped). */
export class ExtractionFailedError extends Error {
  override name = 'ExtractionFailedError';
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

export type ExtractorFailureCode = 'NLP_UNAVAILABLE' | 'NLP_TIMEOUT' | 'EXTRACTOR_UNAVAILABLE' | 'EXTRACTOR_TIMEOUT' | 'EXTRACTION_FAILED';
export type ExtractorFailureReason = 'nlp-unavailable' | 'nlp-timeout' | 'extractor-unavailable' | 'extractor-timeout' | 'extraction-failed';

export interface ExtractorFailureRow {
  /** `extensions.code` in the API. */
  code: ExtractorFailureCode;
  /** `reason` in the CLI's error lines. */
  reason: ExtractorFailureReason;
  /** What stopped answering, when it did: the seed command then leaves the rest of a batch. */
  gone?: 'the NLP server' | 'the model server';
  /** Whether a client sees the error's own message (typed failures say what to fix) or a masked one. */
  shown: boolean;
}

type FailureKind = `nlp:${NlpErrorCode}` | `llm:${LlmErrorCode}` | 'contract' | 'other';

/** The table. Typed by the error classes' own codes, so a new code without a row does not compile. */
export const EXTRACTOR_FAILURES: Readonly<Record<FailureKind, ExtractorFailureRow>> = {
  'nlp:NLP_UNAVAILABLE': { code: 'NLP_UNAVAILABLE', reason: 'nlp-unavailable', gone: 'the NLP server', shown: true },
  'nlp:NLP_TIMEOUT': { code: 'NLP_TIMEOUT', reason: 'nlp-timeout', shown: true },
  'llm:unreachable': { code: 'EXTRACTOR_UNAVAILABLE', reason: 'extractor-unavailable', gone: 'the model server', shown: true },
  // 401, 404 (no such model), 429, 503: the server is there but will not extract for us now.
  'llm:http-error': { code: 'EXTRACTOR_UNAVAILABLE', reason: 'extractor-unavailable', shown: true },
  'llm:timeout': { code: 'EXTRACTOR_TIMEOUT', reason: 'extractor-timeout', shown: true },
  // The model answered, but not with the extraction JSON: this article failed, the server is fine.
  'llm:invalid-response': { code: 'EXTRACTION_FAILED', reason: 'extraction-failed', shown: true },
  // The extractor's answer broke the contract (./check.ts): a bug in it, named so it can be fixed.
  contract: { code: 'EXTRACTION_FAILED', reason: 'extraction-failed', shown: true },
  other: { code: 'EXTRACTION_FAILED', reason: 'extraction-failed', shown: false },
};

export interface ExtractorFailure extends ExtractorFailureRow {
  kind: FailureKind;
  message: string;
}

function kindOf(err: unknown): FailureKind | undefined {
  if (err instanceof NlpError) return `nlp:${err.code}`;
  if (err instanceof LlmExtractorError) return `llm:${err.code}`;
  if (err instanceof ExtractionFailed) return 'contract';
  if (err instanceof ExtractionFailedError) return 'other';
  return undefined;
}

/** The row for an error that is known to be an extractor's failure; undefined for any other error. */
export function extractorFailure(err: unknown): ExtractorFailure | undefined {
  const kind = kindOf(err);
  return kind && { kind, ...EXTRACTOR_FAILURES[kind], message: (err as Error).message };
}

/** The row for an error an extractor threw, whatever it is (untyped errors are `other`). */
export function failureOfExtractor(err: unknown): ExtractorFailure {
  return extractorFailure(err) ?? { kind: 'other', ...EXTRACTOR_FAILURES.other, message: err instanceof Error ? err.message : String(err) };
}

/** Runs an extractor so that whatever it throws is a failure the table knows (untyped errors wrapped). */
export async function extractOrFail<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw extractorFailure(err) ? err : new ExtractionFailedError(err);
  }
}
