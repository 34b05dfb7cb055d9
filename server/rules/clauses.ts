// Clause boundaries inside a sentence: a date or cue in one clause is not read into another.
import { CLAUSE_WORDS } from './lexicon.js';
import type { Article, Sentence } from '../nlp/document.js';

/** Clause boundaries inside a sentence, as absolute offsets (always includes start and end). */
export function clauseBounds(article: Article, s: Sentence): number[] {
  const bounds = [s.start];
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const tok = article.tokens[i]!;
    if (/^[;:—–]$/.test(tok.text)) bounds.push(tok.end);
    else if (tok.isWord && CLAUSE_WORDS.has(tok.norm) && i > s.tokenStart) bounds.push(tok.start);
  }
  bounds.push(s.end);
  return bounds;
}

export function clauseOf(bounds: number[], pos: number): { start: number; end: number } {
  for (let i = 0; i < bounds.length - 1; i++) {
    if (pos >= bounds[i]! && pos < bounds[i + 1]!) return { start: bounds[i]!, end: bounds[i + 1]! };
  }
  return { start: bounds[0] ?? 0, end: bounds[bounds.length - 1] ?? 0 };
}
