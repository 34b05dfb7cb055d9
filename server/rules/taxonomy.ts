// The event taxonomy: ../lexicons/events.json checked at load against its schema (../lexicons/schemas.ts)
// and compiled into triggers.
// A new event type is one entry in that file; nothing here names a type.
import type { z } from 'zod';
import eventsData from '../lexicons/events.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { ARGUMENT_ROLES, TaxonomySchema, type EventTypeSchema, type RoleFiller } from '../lexicons/schemas.js';

export type ArgumentRole = (typeof ARGUMENT_ROLES)[number];

type EventTypeData = z.output<typeof EventTypeSchema>;
/** One event type as the rules use it: its data, with the defaults filled in and its patterns compiled. */
export type EventTypeDef = Omit<EventTypeData, 'notFollowedBy' | 'retype'> & {
  id: string;
  roles: Partial<Record<ArgumentRole, string[]>>;
  filler: RoleFiller;
  notFollowedBy?: RegExp;
  retype: Array<{ followedBy: RegExp; type: string }>;
};

export interface TriggerDef {
  type: string;
  noun: boolean;
  re: RegExp;
  /** Lemmas this trigger stands for, matched against an annotator's token lemmas. */
  lemmas: string[];
}

export interface Taxonomy {
  types: Record<string, EventTypeDef>;
  triggers: TriggerDef[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Inflections of a verb lemma (the first word of a phrase inflects: "file for" -> "filed for"). */
export function verbForms(lemma: string): string[] {
  const [head, ...rest] = lemma.split(' ');
  const w = head!;
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  const stem = w.endsWith('e') ? w.slice(0, -1) : w;
  const forms = new Set([w, `${w}s`, `${w}es`, `${stem}ed`, `${stem}ing`]);
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(w)) forms.add(`${w}${w.at(-1)}ed`).add(`${w}${w.at(-1)}ing`);
  if (/[^aeiou]y$/.test(w)) forms.add(`${w.slice(0, -1)}ies`).add(`${w.slice(0, -1)}ied`);
  return [...forms].map((f) => f + tail);
}

/** Singular and plural of a noun lemma (the last word of a phrase inflects). */
export function nounForms(lemma: string): string[] {
  const words = lemma.split(' ');
  const w = words.pop()!;
  const pre = words.length ? `${words.join(' ')} ` : '';
  const plural = /(?:s|x|ch|sh)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`;
  return [w, plural].map((f) => pre + f);
}

const wholeWords = (alts: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const byLength = (a: string, b: string) => b.length - a.length;

/** Checks a taxonomy (throws a readable error naming the file and the bad entry) and compiles its triggers. */
export function loadTaxonomy(data: unknown, file = 'events.json'): Taxonomy {
  const d = loadLexicon(file, TaxonomySchema, data);
  const types: Record<string, EventTypeDef> = {};
  for (const [id, t] of Object.entries(d.types)) {
    const { notFollowedBy, retype, ...rest } = t;
    types[id] = {
      ...rest, id, roles: t.roles ?? d.roles,
      filler: t.filler ?? (t.speech ? 'speaker' : 'arguments'),
      ...(notFollowedBy ? { notFollowedBy: new RegExp(notFollowedBy, 'i') } : {}),
      retype: retype.map((r) => ({ followedBy: new RegExp(r.followedBy, 'i'), type: r.type })),
    };
  }
  const triggers: TriggerDef[] = d.triggers.map((t) => ({ type: t.type, noun: !!t.noun, re: wholeWords([t.re]), lemmas: [] }));
  for (const t of Object.values(types)) {
    // Nouns first: "the shooting" is a definite noun that refers back, whichever form also matches.
    const nouns = t.nouns.flatMap(nounForms).map(esc).sort(byLength);
    if (nouns.length) triggers.push({ type: t.id, noun: true, re: wholeWords(nouns), lemmas: t.nouns });
    const verbs = t.verbs.flatMap(verbForms).map(esc);
    const verbAlts = [...verbs, ...t.forms].sort(byLength);
    if (verbAlts.length) triggers.push({ type: t.id, noun: false, re: wholeWords(verbAlts), lemmas: t.verbs });
  }
  return { types, triggers };
}

export const TAXONOMY: Taxonomy = loadTaxonomy(eventsData);

const speechWords = new WeakMap<Taxonomy, Map<string, boolean>>();

/** One word alone is a trigger of a speech type ("said", "told"). */
export function isSpeechTrigger(tax: Taxonomy, word: string): boolean {
  let known = speechWords.get(tax);
  if (!known) speechWords.set(tax, (known = new Map()));
  let yes = known.get(word);
  if (yes === undefined) {
    // String.match with a global pattern starts from 0 and leaves lastIndex at 0.
    yes = tax.triggers.some((t) => !!tax.types[t.type]?.speech && !!word.match(t.re)?.includes(word));
    known.set(word, yes);
  }
  return yes;
}

/** Two event types that may name one happening: the same type, or one family ("meeting" / "negotiation"). */
export function compatibleTypes(tax: Taxonomy, a: string, b: string): boolean {
  if (a === b) return true;
  const fa = tax.types[a]?.family;
  return !!fa && fa === tax.types[b]?.family;
}
