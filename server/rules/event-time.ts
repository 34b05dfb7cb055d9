// When an event happened: the tense a time expression takes from the verb it hangs on, and the
// annotator's resolved time expressions in place of the rules' own.
import type { DateExpr, Tense } from './dates.js';
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

/** SUTime's values (when the annotator gave them) stand in for the rule-based dates they overlap. */
export function withTimeMentions(found: DateExpr[], article: Article, sentence: number): DateExpr[] {
  // Only expressions that name their year: SUTime resolves "Thursday" or "in March" without the
  // clause's tense ("will visit on Thursday" looks forward, "released in March" back), which the
  // rules read.
  const timex = article.timeMentions
    .filter((t) => t.sentence === sentence && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(t.value) && /\b\d{4}\b/.test(t.text))
    .map((t): DateExpr => ({ start: t.start, end: t.end, text: t.text, resolve: () => t.value }));
  if (!timex.length) return found;
  return [...timex, ...found.filter((d) => !timex.some((t) => d.start < t.end && t.start < d.end))].sort((a, b) => a.start - b.start);
}

export function ymdOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function dist(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
}
