// Canonical ids and alias keys: the normal forms under which mentions from different articles
// are recognised as the same entity. Pure and deterministic.
import titlesData from '../lexicons/titles.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { TitlesSchema } from '../lexicons/schemas.js';
import type { Entity, EntityType } from '../extractors/contract.js';
import { idSlug, matchKey, slugify } from '../normalise/index.js';


export { ENTITY_LABELS, type EntityLabel } from '../labels.js';

const titles = loadLexicon('titles.json', TitlesSchema, titlesData);
// Titles only ever precede a person's name ("President Xi"); longest first so "vice premier"
// is stripped before "premier" could leave "vice".
const PERSON_TITLES: readonly string[] = [...new Set([...titles.leader, ...titles.role, ...titles.honorifics])]
  .map((t) => matchKey(t))
  .filter((t) => t !== '')
  .sort((a, b) => b.length - a.length || a.localeCompare(b));

/** Prefix of the surname key of a person ("surname:lighthizer"). */
export const SURNAME = 'surname:';

function stripTitles(key: string): string {
  let out = key;
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of PERSON_TITLES) {
      if (out.startsWith(`${t} `)) {
        out = out.slice(t.length + 1);
        changed = true;
        break;
      }
    }
  }
  return out;
}

/**
 * The normalised keys an entity is known by: its name and aliases, with a leading "the" and,
 * for people, titles and middle initials removed. Keys shorter than two characters or made of
 * digits only say too little to merge on and are dropped.
 */
export function entityKeys(entity: Pick<Entity, 'name' | 'aliases' | 'type' | 'kind'>): string[] {
  const keys = new Set<string>();
  const person = entity.type === 'actor' && entity.kind === 'person';
  const surname = person ? stripTitles(matchKey(entity.name).replace(/^the /, '')).split(' ') : [];
  const fullName = surname.length > 1;
  for (const raw of [entity.name, ...entity.aliases]) {
    let key = matchKey(raw).replace(/^the /, '');
    if (person) {
      key = stripTitles(key);
      const words = key.split(' ');
      if (words.length > 2) keys.add(words.filter((w, i) => i === 0 || w.length > 1).join(' '));
      // "Lighthizer" alone may be "Robert Lighthizer"; the resolver only merges on this key when
      // one side is the bare surname and no other person shares it.
      if (words.at(-1)) keys.add(`${SURNAME}${words.at(-1)}`);
      // The surname a full name's article also used alone ("Thompson" for Tommy Thompson) stands
      // with the given name's initial ("t thompson"): as a name of its own it would merge Tommy
      // and Paul Thompson, while Mo and Maurice Cheeks, both "Cheeks", still meet.
      if (fullName && words.length === 1 && words[0] === surname.at(-1)) key = `${surname[0]!.charAt(0)} ${words[0]}`;
    }
    keys.add(key);
  }
  return [...keys].filter((k) => k.replace(SURNAME, '').length >= 2 && !/^[0-9 ]+$/.test(k.replace(SURNAME, ''))).sort();
}

/** The part of an extraction-local id after "type:", when it is a name rather than a counter. */
function localSlug(entity: Pick<Entity, 'id'>): string {
  const rest = entity.id.includes(':') ? entity.id.slice(entity.id.indexOf(':') + 1) : entity.id;
  const slug = slugify(rest);
  return /^[0-9]*$/.test(slug) ? '' : slug;
}

/**
 * The global id an entity gets when it is first created: actor:<kind>:<slug>, issue:<slug>,
 * place:<slug>, event:<eventType>:<date|undated>:<slug>.
 */
export function canonicalId(entity: Pick<Entity, 'id' | 'type' | 'kind' | 'name' | 'date' | 'eventType'>): string {
  const slug = localSlug(entity) || idSlug(entity.name);
  switch (entity.type) {
    case 'actor':
      return `actor:${entity.kind ?? 'group'}:${slug}`;
    case 'issue':
      return `issue:${slug}`;
    case 'place':
      return `place:${slug}`;
    case 'event':
      return `event:${slugify(entity.eventType ?? 'event') || 'event'}:${entity.date ?? 'undated'}:${idSlug(entity.name)}`;
  }
}

/** [first day, last day] of "YYYY", "YYYY-MM" or "YYYY-MM-DD" (ISO timestamps use their day), as UTC ms. */
export function dateRange(date: string | undefined | null): [number, number] | undefined {
  if (!date) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  if (m[3]) {
    const t = Date.UTC(y, Number(m[2]) - 1, Number(m[3]));
    return [t, t];
  }
  if (m[2]) return [Date.UTC(y, Number(m[2]) - 1, 1), Date.UTC(y, Number(m[2]), 0)];
  return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
}

const DAY = 86_400_000;

/** Days between two dates' ranges (0 when they overlap); undefined when either is missing. */
export function daysApart(a: string | undefined | null, b: string | undefined | null): number | undefined {
  const ra = dateRange(a);
  const rb = dateRange(b);
  if (!ra || !rb) return undefined;
  if (ra[1] < rb[0]) return Math.round((rb[0] - ra[1]) / DAY);
  if (rb[1] < ra[0]) return Math.round((ra[0] - rb[1]) / DAY);
  return 0;
}
