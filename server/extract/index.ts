// The offline, rule-based extractor: article text + metadata -> actors, issues, events, places
// and the relations between them, each backed by a verbatim sentence of the text. Pure,
// synchronous and deterministic; it never throws (on failure it returns no entities).
import { assemble, emptyExtraction } from './assemble.js';
import type { Taxonomy } from './taxonomy.js';
import type { ArticleMeta, Extraction } from './types.js';

/** `options.taxonomy`: an event taxonomy of one's own (see ./taxonomy.ts), else the built-in one. */
export function extractArticle(text: string, meta: ArticleMeta = {}, options: { taxonomy?: Taxonomy } = {}): Extraction {
  const safeMeta: ArticleMeta = meta && typeof meta === 'object' ? meta : {};
  const out = emptyExtraction(safeMeta);
  if (typeof text !== 'string' || !text) return out;
  try {
    const { entities, relations } = assemble(text, safeMeta, options.taxonomy);
    out.entities = entities;
    const ids = new Set(entities.map((e) => e.id));
    out.relations = relations.filter((r) => ids.has(r.source) && ids.has(r.target) && text.slice(r.start, r.end) === r.evidence);
    for (const e of entities) e.mentions = e.mentions.filter((m) => text.slice(m.start, m.end) === m.text);
  } catch {
    // A rule that trips over unexpected input must not take the caller down with it.
    return out;
  }
  return out;
}
