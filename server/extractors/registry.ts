// The extractors, registered by name (./names.ts holds the one list the configuration
// enum and the CLI help are made from). All return the same Extraction contract, checked here on
// every result (./check.ts), so callers never know which ran. The CoreNLP client, its adapter and
// the LLM extractor are imported on first use: the rules alone load neither, nor anything of Java.
import type { Config } from '../config.js';
import { extractArticle, extractFromArticle, sentenceNeedsParse } from '../rules/index.js';
import { checkedExtraction } from './check.js';
import type { ArticleMeta, Extraction } from './contract.js';
import type { AnnotatedPiece, CoreNlpClient } from '../nlp/corenlp/client.js';
import { EXTRACTOR_NAMES, type ExtractorName } from './names.js';
import type { LlmDiagnostics, LlmExtractorOptions } from './llm/index.js';

export type Extractor = (text: string, meta: ArticleMeta) => Promise<Extraction>;
export { EXTRACTOR_NAMES, type ExtractorName };

/** Where the pure extraction stages run: in this thread (default) or on worker threads (./pool.ts). */
export interface StageRunner {
  rules(text: string, meta: ArticleMeta): Promise<Extraction>;
  annotated(text: string, meta: ArticleMeta, pieces: AnnotatedPiece[]): Promise<Extraction>;
}

export const IN_PROCESS: StageRunner = {
  rules: async (text, meta) => extractArticle(text, meta),
  annotated: async (text, meta, pieces) => {
    const { articleFromCoreNlp } = await import('../nlp/corenlp/article.js');
    return extractFromArticle(articleFromCoreNlp(text, pieces), meta);
  },
};

/** How long one CoreNLP extraction took, and how much of it was CoreNLP's own annotation. */
export interface ExtractionTiming {
  annotateMs: number;
  totalMs: number;
  characters: number;
}

export interface ExtractorOptions extends LlmExtractorOptions {
  /** Called after each model-backed extraction with what was dropped and why. */
  onDiagnostics?: (diagnostics: LlmDiagnostics) => void;
  /** Called after each CoreNLP extraction (the benchmark reports the project's overhead from it). */
  onTiming?: (timing: ExtractionTiming) => void;
  stages?: StageRunner;
}

type Factory = (config: Config, opts: ExtractorOptions) => Extractor;

const REGISTRY: Record<ExtractorName, Factory> = {
  corenlp: (config, opts) => {
    // One client per extractor, made on its first article.
    let client: Promise<CoreNlpClient> | undefined;
    const stages = opts.stages ?? IN_PROCESS;
    return async (text, meta) => {
      // Only the sentences the stages read a parse of are parsed.
      client ??= import('../nlp/corenlp/client.js').then((m) => m.createCoreNlpClient(config.corenlp, { parseSentence: (s) => sentenceNeedsParse(s) }));
      const ready = await client;
      const started = performance.now();
      const { pieces, annotateMs } = await ready.annotate(text);
      const extraction = await stages.annotated(text, meta, pieces);
      opts.onTiming?.({ annotateMs, totalMs: performance.now() - started, characters: text.length });
      return extraction;
    };
  },
  rules: (_config, opts) => {
    const stages = opts.stages ?? IN_PROCESS;
    return (text, meta) => stages.rules(text, meta);
  },
  llm: (config, opts) => async (text, meta) => {
    const { extractWithLlm } = await import('./llm/index.js');
    const { extraction, diagnostics } = await extractWithLlm(text, meta, config.llm, opts);
    opts.onDiagnostics?.(diagnostics);
    return extraction;
  },
};

export function getExtractor(name: ExtractorName, config: Config, opts: ExtractorOptions = {}): Extractor {
  const make = REGISTRY[name];
  if (!make) throw new Error(`unknown extractor ${JSON.stringify(name)}; use one of ${EXTRACTOR_NAMES.join(', ')}`);
  const extract = make(config, opts);
  return async (text, meta) => checkedExtraction(name, text, await extract(text, meta));
}

export type { LlmDiagnostics } from './llm/index.js';
