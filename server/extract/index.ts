// Placeholder until the rule-based extractor lands: keeps the contract importable.
import type { ArticleMeta, Extraction } from './types.js';

export function extractArticle(_text: string, meta: ArticleMeta = {}): Extraction {
  return {
    article: {
      title: meta.title ?? null,
      source: meta.source ?? null,
      author: meta.author ?? null,
      url: meta.url ?? null,
      publishedAt: meta.publishedAt ?? null,
    },
    entities: [],
    relations: [],
  };
}
