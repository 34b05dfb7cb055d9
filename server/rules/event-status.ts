// The status and tense of an event from the words around its trigger: planned, hypothetical,
// negated or denied, or else it occurred.
import statusCuesData from '../lexicons/status-cues.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { StatusCuesSchema } from '../lexicons/schemas.js';
import type { Tense } from './dates.js';
import type { EventStatus } from '../extractors/contract.js';

// The cue words are data (../lexicons/status-cues.json); here is only how a cue is looked for.
const CUES = loadLexicon('status-cues.json', StatusCuesSchema, statusCuesData);
const alts = (words: string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
type Cue = (typeof CUES)['before']['negated'];
/** A cue ending at most `gap` words before the trigger (the text up to it ends the match). */
function cueBefore(c: Cue): RegExp {
  const end = c.wordEnd ? '\\b' : '';
  const tail = c.thatClause ? `(?:\\s+(?:\\w+\\s+){0,${c.gap}})?(?:that\\s+)?(?:\\w+\\s+){0,${c.gap}}` : `\\s+(?:\\w+\\s+){0,${c.gap}}`;
  return new RegExp(`\\b(?:${alts(c.words)})${end}${tail}$`, 'i');
}

// Tested on the lower-cased clause.
const HYPO_RE = new RegExp(`\\b(?:${alts(CUES.hypothetical)})\\b`);
const FUTURE_RE = new RegExp(`\\b(?:${alts(CUES.future)})\\b`);
const D = CUES.definite;
export const DEFINITE_BEFORE = new RegExp(`\\b(?:${alts(D.determiners)})\\s+(?:(?:${[alts(D.modifiers), ...D.modifierPatterns].join('|')})\\s+){0,${D.gap}}$`, 'i');
export const PAST_VERB = /(?:ed|said|told|wrote|held|met|made|gave|took|sent|struck|fought|won|lost|fled|shot|beat|began|rose|fell|hit|led|left|sought|brought|spoke|chose|drew|swore|threw|went on strike)$/i;
export const PASSIVE_RE = /^(?:was|were|been|being)\s/i;
/** "did not meet", "never signed", "failed to reach": the event did not happen ("not only" says nothing of the kind). */
const NEGATED_BEFORE = cueBefore(CUES.before.negated);
const NOT_NEGATED_BEFORE = new RegExp(`\\b(?:${alts(CUES.before.negated.except ?? [])})\\s+$`, 'i');
export const negatedBefore = (before: string): boolean => NEGATED_BEFORE.test(before) && !(CUES.before.negated.except?.length && NOT_NEGATED_BEFORE.test(before));
/** "did not meet", "didn't meet" as one trigger. */
export const NEGATED_TRIGGER = new RegExp(`\\b(?:${alts(CUES.inTrigger.words)})\\b|(?:${alts(CUES.inTrigger.suffixes)})\\b`, 'i');
/** "would say", "expected to announce": a report of speech still to come (tested on the lower-cased words up to its verb). */
export const SPEECH_MODAL_BEFORE = new RegExp(`\\b(?:${alts(CUES.speechModals)})\\s+(?:\\w+\\s+)?\\S*$`);
/** "no one died", "nobody was hurt": a negative subject says it did not happen. */
export const NO_SUBJECT_BEFORE = cueBefore(CUES.before.noSubject);
export const NO_BEFORE = cueBefore(CUES.before.noDeterminer);
/** "denied ordering the attack", "rejected reports of a meeting": someone says it did not happen. */
export const DENIED_BEFORE = cueBefore(CUES.before.denied);
/** "agreed to delay tariff hikes": what follows is what was put off. */
export const PUT_OFF_BEFORE = new RegExp(`\\b(?:${alts(CUES.putOff)})\\s+(?:(?:${alts(CUES.putOffModifiers)})\\s+)*$`, 'i');
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
