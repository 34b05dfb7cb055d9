// The event taxonomy: ../lexicons/events.json checked at load (zod) and compiled into triggers.
// A new event type is one entry in that file; nothing here names a type.
import { z } from 'zod';
import eventsData from '../lexicons/events.json' with { type: 'json' };

export const EVENT_CATEGORIES = ['life', 'movement', 'transaction', 'business', 'conflict', 'contact', 'personnel', 'justice', 'disaster', 'politics', 'sport', 'culture', 'science'] as const;
export const ARGUMENT_ROLES = ['agent', 'patient', 'place', 'time', 'amount'] as const;
export type ArgumentRole = (typeof ARGUMENT_ROLES)[number];
/** Slots a name template may use. */
export const NAME_SLOTS = ['agent', 'patient', 'place', 'participants', 'year'] as const;

/** A regular-expression fragment in a lexicon, checked to compile when the data is loaded. */
export const RegexFragment = z.string().min(1).refine((re) => {
  try {
    new RegExp(re, 'iu');
    return true;
  } catch {
    return false;
  }
}, { message: 'not a valid regular expression' });
const Fragment = RegexFragment;
const Roles = z.record(z.enum(ARGUMENT_ROLES), z.array(z.string().regex(/^[a-z]+(?::[a-z_]+)?$/, 'a UD relation such as "obj" or "obl:in"')));
const Template = z
  .string()
  .min(1)
  .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => (NAME_SLOTS as readonly string[]).includes(m[1]!)), { message: `slots must be among ${NAME_SLOTS.join(', ')}` });

const TypeDef = z
  .object({
    category: z.enum(EVENT_CATEGORIES),
    label: z.string().min(1),
    cameo: z.string().regex(/^(?:0[1-9]|1\d|20)$/).nullable(),
    goldstein: z.number().min(-10).max(10).nullable(),
    verbs: z.array(z.string().min(1)).default([]),
    nouns: z.array(z.string().min(1)).default([]),
    forms: z.array(Fragment).default([]),
    roles: Roles.optional(),
    name: z.array(Template).min(1),
    windowDays: z.number().int().min(0).max(3650).default(3),
    locatable: z.boolean().default(false),
    amounts: z.boolean().default(false),
    said: z.boolean().default(false),
    speech: z.boolean().default(false),
    verbal: z.boolean().default(false),
    family: z.string().optional(),
    passiveOnly: z.boolean().default(false),
    consequence: z.boolean().default(false),
    stance: z.boolean().default(false),
    regionalPlace: z.boolean().default(false),
  })
  .strict()
  .refine((t) => (t.cameo === null) === (t.goldstein === null), { message: 'cameo and goldstein are both set or both null' });

export const TaxonomySchema = z
  .object({
    _format: z.unknown().optional(),
    roles: Roles,
    types: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), TypeDef),
    triggers: z.array(z.object({ type: z.string(), noun: z.boolean().optional(), re: Fragment }).strict()).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    d.triggers.forEach((t, i) => {
      if (!d.types[t.type]) ctx.addIssue({ code: 'custom', path: ['triggers', i, 'type'], message: `unknown event type "${t.type}"` });
    });
  });

export type EventTypeDef = z.output<typeof TypeDef> & { id: string; roles: Partial<Record<ArgumentRole, string[]>> };

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

/** Checks a taxonomy (throws a readable error naming the bad entry) and compiles its triggers. */
export function loadTaxonomy(data: unknown): Taxonomy {
  const parsed = TaxonomySchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`event taxonomy: ${first.path.join('.')}: ${first.message}`);
  }
  const d = parsed.data;
  const types: Record<string, EventTypeDef> = {};
  for (const [id, t] of Object.entries(d.types)) types[id] = { ...t, id, roles: t.roles ?? d.roles };
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

/** Two event types that may name one happening: the same type, or one family ("meeting" / "negotiation"). */
export function compatibleTypes(tax: Taxonomy, a: string, b: string): boolean {
  if (a === b) return true;
  const fa = tax.types[a]?.family;
  return !!fa && fa === tax.types[b]?.family;
}
