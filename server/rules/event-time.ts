// When an event happened: the tense a time expression takes from the verb it hangs on.
import type { Tense } from './dates.js';
import type { Article } from '../nlp/document.js';

/**
 * With a dependency parse, a time expression takes the tense of the verb it hangs on, not of the
 * trigger's clause: in "will acquire Senator ..., the company announced on Monday", Monday belongs
 * to "announced" (past), so it is the Monday before publication.
 */
export function tenseOfTime(article: Article, s: { tokenStart: number; tokenEnd: number }, pos: number, fallback: Tense): Tense {
  const { tokens } = article;
  let i = -1;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) if (tokens[k]!.start <= pos && pos < tokens[k]!.end) i = k;
  if (i < 0 || tokens[i]!.head === undefined) return fallback;
  for (let hops = 0, k = tokens[i]!.head!; k >= 0 && hops < 4; hops++, k = tokens[k]!.head ?? -1) {
    const v = tokens[k]!;
    if (!v.pos?.startsWith('VB')) continue;
    const aux = tokens.slice(s.tokenStart, s.tokenEnd).filter((t) => t.head === k && (t.deprel === 'aux' || t.deprel === 'aux:pass'));
    if (aux.some((t) => /^(will|shall|'ll|going)$/.test(t.norm) || t.lemma === 'will')) return 'future';
    if (v.pos === 'VBD' || (v.pos === 'VBN' && aux.some((t) => t.lemma === 'have' || t.lemma === 'be'))) return 'past';
    return fallback;
  }
  return fallback;
}

export function ymdOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function dist(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
}
