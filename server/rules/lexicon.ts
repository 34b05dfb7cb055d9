// Loads the JSON lexicons once, at module load, and indexes them for token-sequence look-ups.
// The data lives in ../lexicons/*.json so that it can be extended without touching code.
import countriesData from '../lexicons/countries.json' with { type: 'json' };
import placesData from '../lexicons/places.json' with { type: 'json' };
import orgsData from '../lexicons/organizations.json' with { type: 'json' };
import peopleData from '../lexicons/people.json' with { type: 'json' };
import titlesData from '../lexicons/titles.json' with { type: 'json' };
import namesData from '../lexicons/names.json' with { type: 'json' };
import groupsData from '../lexicons/groups.json' with { type: 'json' };
import { tokenize } from '../nlp/tokenizer/index.js';

export type LexKind = 'country' | 'demonym' | 'capital' | 'city' | 'region' | 'org' | 'person';

export interface LexEntry {
  kind: LexKind;
  /** Canonical name of the thing the form refers to (a country for demonyms and capitals). */
  name: string;
  /** Country the entry belongs to, if any. */
  country: string | null;
  /** Organisation category or person title. */
  category: string | null;
  /** All-capitals forms (US, WHO) match only when written in capitals. */
  caseSensitive: boolean;
  /** Forms written with a leading "the" in the lexicon ("the Fed") need it in the text. */
  needsThe: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: LexEntry[];
}

const newNode = (): TrieNode => ({ next: new Map(), entries: [] });

export class Trie {
  readonly root = newNode();
  maxLen = 0;

  add(form: string, entry: Omit<LexEntry, 'caseSensitive' | 'needsThe'>): void {
    let f = form.trim();
    let needsThe = false;
    if (/^the\s/i.test(f)) {
      f = f.slice(4);
      needsThe = true;
    }
    const toks = tokenize(f).map((t) => t.norm);
    if (!toks.length) return;
    const letters = f.replace(/[^\p{L}]/gu, '');
    const caseSensitive = letters.length <= 6 && letters === letters.toUpperCase();
    let node = this.root;
    for (const t of toks) {
      let nxt = node.next.get(t);
      if (!nxt) {
        nxt = newNode();
        node.next.set(t, nxt);
      }
      node = nxt;
    }
    node.entries.push({ ...entry, caseSensitive, needsThe });
    this.maxLen = Math.max(this.maxLen, toks.length);
  }

  /** Longest match starting at token i: [length, entries] or null. */
  match(norms: readonly string[], i: number, end: number): { length: number; entries: LexEntry[] } | null {
    let node: TrieNode | undefined = this.root;
    let best: { length: number; entries: LexEntry[] } | null = null;
    for (let j = i; j < end && j - i < this.maxLen; j++) {
      node = node.next.get(norms[j] ?? '');
      if (!node) break;
      if (node.entries.length) best = { length: j - i + 1, entries: node.entries };
    }
    return best;
  }
}

export interface CountryInfo {
  name: string;
  aliases: string[];
  demonyms: string[];
  capitals: string[];
}

export interface PersonInfo {
  name: string;
  aliases: string[];
  country: string | null;
  title: string | null;
}

export interface OrgInfo {
  name: string;
  aliases: string[];
  country: string | null;
  category: string;
}

export const countries = new Map<string, CountryInfo>();
export const organizations = new Map<string, OrgInfo>();
export const knownPeople = new Map<string, PersonInfo>();
export const cityCountry = new Map<string, string>();
export const regionKind = new Map<string, string>();

/** Named things: countries (with demonyms and capitals), places, organisations, famous people. */
export const entityTrie = new Trie();
/** Job titles and honorifics (case-insensitive). */
export const titleTrie = new Trie();
export const leaderTitles = new Set<string>();
export const honorifics = new Set<string>();

for (const [name, aliases, demonyms, capitals] of countriesData.countries as Array<[string, string[], string[], string[]]>) {
  countries.set(name, { name, aliases, demonyms, capitals });
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'country', name, country: name, category: null });
  for (const d of demonyms) entityTrie.add(d, { kind: 'demonym', name, country: name, category: null });
  for (const c of capitals) entityTrie.add(c, { kind: 'capital', name: c.replace(/,?\s*D\.?C\.?$/, ''), country: name, category: null });
}
for (const [name, country, aliases] of placesData.cities as Array<[string, string, string[]]>) {
  cityCountry.set(name, country);
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'city', name, country, category: null });
}
for (const [name, kind, aliases] of placesData.regions as Array<[string, string, string[]]>) {
  regionKind.set(name, kind);
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'region', name, country: null, category: kind });
}
for (const [name, aliases, country, category] of orgsData.organizations as Array<[string, string[], string | null, string]>) {
  organizations.set(name, { name, aliases, country, category });
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'org', name, country, category });
}
for (const [name, aliases, country, title] of peopleData.people as Array<[string, string[], string | null, string | null]>) {
  knownPeople.set(name, { name, aliases, country, title });
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'person', name, country, category: title });
}
for (const t of titlesData.leader) {
  leaderTitles.add(tokenize(t).map((x) => x.norm).join(' '));
  titleTrie.add(t, { kind: 'person', name: t, country: null, category: 'leader' });
}
for (const t of titlesData.role) titleTrie.add(t, { kind: 'person', name: t, country: null, category: 'role' });
for (const h of titlesData.honorifics) honorifics.add(h.replace(/\./g, ''));

export const givenNames = new Set(namesData.given.map((n) => n.toLowerCase()));
export const familyFirst = new Set(namesData.familyFirst.map((n) => n.toLowerCase()));
export const nonNames = new Set(namesData.nonNames.map((n) => n.toLowerCase()));
export const groupHeads = new Trie();
export const weakGroupHeads = new Set(groupsData.weakHeads);
for (const g of groupsData.heads) groupHeads.add(g, { kind: 'person', name: g, country: null, category: 'group' });

/** Last words that make an unknown capitalised name an organisation. */
export const ORG_SUFFIXES = new Set([
  'inc', 'corp', 'corporation', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'co', 'company', 'group', 'holdings', 'ministry', 'department',
  'agency', 'times', 'news', 'post', 'journal', 'tribune', 'herald', 'gazette', 'daily', 'press', 'bank', 'party', 'council', 'committee',
  'commission', 'university', 'college', 'institute', 'court', 'association', 'federation', 'union', 'organization', 'organisation',
  'foundation', 'fund', 'authority', 'office', 'bureau', 'service', 'services', 'airlines', 'airways', 'motors', 'technologies',
  'technology', 'systems', 'network', 'networks', 'army', 'navy', 'force', 'forces', 'police', 'parliament', 'assembly', 'senate',
  'congress', 'administration', 'board', 'reserve', 'exchange', 'media', 'broadcasting', 'television', 'radio', 'club', 'league',
  'alliance', 'front', 'movement', 'coalition', 'society', 'centre', 'center', 'hospital', 'school', 'academy', 'labs', 'laboratories',
  'pharmaceuticals', 'petroleum', 'capital', 'partners', 'securities', 'insurance', 'telecom', 'communications', 'industries',
  'electronics', 'energy', 'brigade', 'brigades', 'guard', 'tribunal', 'cabinet', 'secretariat', 'directorate', 'command', 'watch',
  'international', 'mission', 'program', 'programme', 'initiative', 'trust', 'consortium', 'cooperative', 'magazine', 'channel',
  'semiconductor', 'semiconductors', 'instruments', 'electric', 'pharma', 'foods', 'steel', 'chemicals', 'logistics', 'robotics',
  'software', 'solutions', 'ventures', 'mining', 'resources', 'materials', 'manufacturing', 'automotive', 'aerospace', 'shipping',
  'entertainment', 'studios', 'games', 'healthcare', 'biotech', 'therapeutics', 'devices', 'investments', 'bancorp', 'airline',
  'railways', 'railway', 'shipyard', 'telecommunications', 'wireless', 'mobile', 'power', 'oil', 'gas', 'petrochemical', 'motor',
  'brands', 'retail', 'stores', 'markets', 'realty', 'properties', 'construction', 'engineering', 'dynamics', 'industries',
  'wire', 'carriers', 'maritime', 'terminals', 'lines', 'freight', 'transport', 'ports', 'airports', 'cargo', 'shipbuilding',
]);
/** First words that make an unknown capitalised name an organisation ("Ministry of ..."). */
export const ORG_PREFIXES = new Set(['ministry', 'department', 'university', 'bank', 'office', 'council', 'bureau', 'court', 'institute', 'board', 'house', 'committee', 'commission', 'federation', 'union', 'league', 'party', 'agency', 'museum', 'church']);
/** Nouns that, after a demonym or country, describe an organisation ("Chinese technology firm Huawei"). */
export const ORG_NOUNS = new Set([
  'firm', 'company', 'giant', 'maker', 'manufacturer', 'group', 'bank', 'lender', 'agency', 'newspaper', 'outlet', 'broadcaster',
  'tabloid', 'daily', 'carrier', 'airline', 'automaker', 'conglomerate', 'startup', 'start-up', 'insurer', 'retailer', 'producer',
  'supplier', 'operator', 'developer', 'party', 'organization', 'organisation', 'ministry', 'regulator', 'watchdog', 'network', 'champion',
]);
