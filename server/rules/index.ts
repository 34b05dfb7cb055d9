// The extraction stages: an annotated article + metadata -> actors, issues, events, places and the
// relations between them, each backed by a verbatim sentence of the text. Pure, synchronous and
// deterministic over its annotations. The annotation comes from CoreNLP (server/nlp/corenlp/) or,
// with `extractArticle`, from the built-in tokenizer. A stage that trips over its input throws:
// callers report the article as `extraction-failed` rather than storing it with nothing in it.
import { assemble, emptyExtraction } from './assemble.js';
import { confirmCaselessNames } from './headlines.js';
import type { Taxonomy } from './taxonomy.js';
export { sentenceNeedsParse } from './parse-needs.js';
import type { Article } from '../nlp/document.js';
import { analyse } from '../nlp/tokenizer/index.js';
import type { ArticleMeta, Extraction } from '../extractors/contract.js';

/** `options.taxonomy`: an event taxonomy of one's own (see ./taxonomy.ts), else the built-in one. */
export interface ExtractOptions {
  taxonomy?: Taxonomy;
}

/** The rule-based extractor: the built-in tokenizer, then the stages. */
export function extractArticle(text: string, meta: ArticleMeta = {}, options: ExtractOptions = {}): Extraction {
  if (typeof text !== 'string' || !text) return emptyExtraction(safe(meta));
  return extractFromArticle(analyse(text), meta, options);
}

/** The stages over an article some annotator has already tokenised (and perhaps tagged and parsed). */
export function extractFromArticle(article: Article, meta: ArticleMeta = {}, options: ExtractOptions = {}): Extraction {
  const safeMeta = safe(meta);
  const out = emptyExtraction(safeMeta);
  const { text } = article;
  if (!text) return out;
  const { entities, relations } = assemble(confirmCaselessNames(article), safeMeta, options.taxonomy);
  out.entities = entities;
  const ids = new Set(entities.map((e) => e.id));
  // The contract promises verbatim evidence and mentions; anything else is dropped, never stored.
  out.relations = relations.filter((r) => ids.has(r.source) && ids.has(r.target) && text.slice(r.start, r.end) === r.evidence);
  for (const e of entities) e.mentions = e.mentions.filter((m) => text.slice(m.start, m.end) === m.text);
  return out;
}

function safe(meta: ArticleMeta): ArticleMeta {
  return meta && typeof meta === 'object' ? meta : {};
}
