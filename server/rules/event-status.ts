// The status and tense of an event from the words around its trigger: planned, hypothetical,
// negated or denied, or else it occurred.
import type { Tense } from './dates.js';
import type { EventStatus } from '../extractors/contract.js';

const HYPO_RE = /\b(?:if|unless|could|might|would|possibility|possible|possibly|potential|potentially|whether|should|may)\b/;
const FUTURE_RE = /\b(?:will|shall|going to|plans? to|planned|planning to|set to|scheduled|expected to|is to|are to|next (?:week|month|year)|upcoming|coming (?:days|weeks|months)|future|preparing|prepares|considering|to be held|'ll)\b/;
export const DEFINITE_BEFORE = /\b(?:the|these|those|this|that)\s+(?:(?:current|ongoing|latest|recent|planned|proposed|upcoming|trade|two|deadly|powerful|massive|devastating|strong|huge|fatal|same|magnitude[- ]?\d+(?:\.\d+)?|\d+(?:\.\d+)?-magnitude)\s+){0,2}$/i;
export const PAST_VERB = /(?:ed|said|told|wrote|held|met|made|gave|took|sent|struck|fought|won|lost|fled|shot|beat|began|rose|fell|hit|led|left|sought|brought|spoke|chose|drew|swore|threw|went on strike)$/i;
export const PASSIVE_RE = /^(?:was|were|been|being)\s/i;
/** "did not meet", "never signed", "failed to reach": the event did not happen. */
export const NEGATED_BEFORE = /\b(?:not|n't|never|no longer|failed to|fail to|fails to|refused to|without)\s+(?:\w+\s+){0,2}$/i;
/** "no one died", "nobody was hurt": a negative subject says it did not happen. */
export const NO_SUBJECT_BEFORE = /\b(?:no one|no-one|nobody|none)\s+(?:\w+\s+){0,2}$/i;
export const NO_BEFORE = /\b(?:no|there (?:was|were|is|are|has been|have been) no)\s+(?:\w+\s+){0,1}$/i;
/** "denied ordering the attack", "rejected reports of a meeting": someone says it did not happen. */
export const DENIED_BEFORE = /\b(?:denied|denies|deny|denying|dismissed (?:reports|claims)|rejected (?:reports|claims)|refuted)\b(?:\s+(?:\w+\s+){0,6})?(?:that\s+)?(?:\w+\s+){0,6}$/i;
const VERB_BREAK = /,\s|\s(?:and|but)\s/;

/** The words around a trigger that carry its tense: back to the clause start (or the last comma),
 * forward to the next comma (or "and", for verbs, whose coordinated verb has its own tense). */
export function localWindow(text: string, clause: { start: number; end: number }, f: { start: number; end: number; def: { noun: boolean } }, upToTrigger = false): string {
  const before = text.slice(clause.start, f.start);
  const comma = before.lastIndexOf(', ');
  const from = comma >= 0 && comma < before.length - 2 ? clause.start + comma + 2 : clause.start;
  if (upToTrigger) return text.slice(from, f.end);
  let after = text.slice(f.start, Math.min(clause.end, f.end + 80));
  const cut = f.def.noun ? after.slice(f.end - f.start).search(/,\s/) : after.slice(f.end - f.start).search(VERB_BREAK);
  if (cut >= 0) after = after.slice(0, f.end - f.start + cut);
  return text.slice(from, f.start) + after;
}

export function statusOf(clauseText: string, afterTrigger: string): { status: EventStatus; tense: Tense } {
  const lower = clauseText.toLowerCase();
  const hypo = HYPO_RE.test(lower.replace(/\bmay\b/g, (m, i: number) => (clauseText.slice(i, i + 3) === 'May' ? 'MAY' : m)));
  const future = FUTURE_RE.test(lower) || /^\s+(?:are |is )?set\b/.test(afterTrigger);
  if (hypo && !/\bwill\b/.test(lower)) return { status: 'hypothetical', tense: 'future' };
  if (future || hypo) return { status: hypo ? 'hypothetical' : 'planned', tense: 'future' };
  return { status: 'occurred', tense: 'past' };
}
