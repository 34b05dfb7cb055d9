// Picks the extractor: the rule-based one (pure, no I/O) or the model-backed one. Both return the
// same Extraction contract, so callers never know which ran.
import type { Config } from '../config.js';
import { extractArticle } from '../extract/index.js';
import type { ArticleMeta, Extraction } from '../extract/types.js';
import { extractWithLlm, type LlmDiagnostics, type LlmExtractorOptions } from './llm.js';

export type Extractor = (text: string, meta: ArticleMeta) => Promise<Extraction>;
export type ExtractorName = 'rules' | 'llm';
export const EXTRACTOR_NAMES: readonly ExtractorName[] = ['rules', 'llm'];

export interface ExtractorOptions extends LlmExtractorOptions {
  /** Called after each model-backed extraction with what was dropped and why. */
  onDiagnostics?: (diagnostics: LlmDiagnostics) => void;
}

export function getExtractor(name: ExtractorName, config: Config, opts: ExtractorOptions = {}): Extractor {
  switch (name) {
    case 'rules':
      return async (text, meta) => extractArticle(text, meta);
    case 'llm':
      return async (text, meta) => {
        const { extraction, diagnostics } = await extractWithLlm(text, meta, config.llm, opts);
        opts.onDiagnostics?.(diagnostics);
        return extraction;
      };
    default:
      throw new Error(`unknown extractor ${JSON.stringify(name)}; use one of ${EXTRACTOR_NAMES.join(', ')}`);
  }
}

export { LlmExtractorError, extractWithLlm, type LlmDiagnostics } from './llm.js';
