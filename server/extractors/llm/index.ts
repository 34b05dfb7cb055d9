// A model-backed extractor behind the same interface as the rule-based one. It talks to any
// OpenAI-compatible chat-completions endpoint (./client.ts) and trusts nothing the model says
// about positions: every mention and evidence is looked up verbatim in the article (./locate.ts),
// and facts whose evidence is not there are dropped and counted (./assemble.ts).
import type { Config } from '../../config.js';
import type { ArticleMeta } from '../contract.js';
import { assembleExtraction, type LlmResult } from './assemble.js';
import { askModel } from './client.js';
import { chunkByParagraphs, type Chunk } from './locate.js';
import type { ModelOutput } from './schema.js';

export { LlmExtractorError, type LlmErrorCode } from './errors.js';
export type { DroppedFact, LlmDiagnostics, LlmResult } from './assemble.js';

export interface LlmExtractorOptions {
  fetch?: typeof fetch;
  /** Longest chunk sent in one request, in characters; chunks break between paragraphs. */
  maxChunkChars?: number;
}

/** Extracts with the model, returning what was dropped along with the extraction. */
export async function extractWithLlm(
  text: string,
  meta: ArticleMeta,
  llm: Config['llm'],
  opts: LlmExtractorOptions = {},
): Promise<LlmResult> {
  const doFetch = opts.fetch ?? fetch;
  const chunks = chunkByParagraphs(text, opts.maxChunkChars ?? 6000);
  const outputs: Array<{ chunk: Chunk; output: ModelOutput }> = [];
  // One request at a time: local model servers usually serve one generation at a time anyway.
  for (const chunk of chunks) outputs.push({ chunk, output: await askModel(llm, chunk.text, meta, doFetch) });
  return assembleExtraction(text, meta, outputs);
}
