// Loads the JSON lexicons once, at module load, checks each against its schema and indexes them
// for token-sequence look-ups. The data lives in ../lexicons/*.json so that it can be extended
// without touching code.
import countriesData from '../lexicons/countries.json' with { type: 'json' };
import placesData from '../lexicons/places.json' with { type: 'json' };
import orgsData from '../lexicons/organizations.json' with { type: 'json' };
import peopleData from '../lexicons/people.json' with { type: 'json' };
import titlesData from '../lexicons/titles.json' with { type: 'json' };
import namesData from '../lexicons/names.json' with { type: 'json' };
import groupsData from '../lexicons/groups.json' with { type: 'json' };
import functionWordsData from '../lexicons/function-words.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import {
  CountriesSchema, FunctionWordsSchema, GroupsSchema, NamesSchema, OrganizationsSchema, PeopleSchema, PlacesSchema, TitlesSchema,
} from '../lexicons/schemas.js';
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

export interface PersonInfo {
  name: string;
  aliases: string[];
  country: string | null;
  title: string | null;
}

const countriesLex = loadLexicon('countries.json', CountriesSchema, countriesData);
const placesLex = loadLexicon('places.json', PlacesSchema, placesData);
const orgsLex = loadLexicon('organizations.json', OrganizationsSchema, orgsData);
const peopleLex = loadLexicon('people.json', PeopleSchema, peopleData);
const titlesLex = loadLexicon('titles.json', TitlesSchema, titlesData);
const namesLex = loadLexicon('names.json', NamesSchema, namesData);
const groupsLex = loadLexicon('groups.json', GroupsSchema, groupsData);
const words = loadLexicon('function-words.json', FunctionWordsSchema, functionWordsData);

export const knownPeople = new Map<string, PersonInfo>();

/** Named things: countries (with demonyms and capitals), places, organisations, famous people. */
export const entityTrie = new Trie();
/** Job titles and honorifics (case-insensitive). */
export const titleTrie = new Trie();
export const leaderTitles = new Set<string>();
export const honorifics = new Set<string>();

for (const [name, aliases, demonyms, capitals] of countriesLex.countries) {
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'country', name, country: name, category: null });
  for (const d of demonyms) entityTrie.add(d, { kind: 'demonym', name, country: name, category: null });
  for (const c of capitals) entityTrie.add(c, { kind: 'capital', name: c.replace(/,?\s*D\.?C\.?$/, ''), country: name, category: null });
}
for (const [name, country, aliases] of placesLex.cities) {
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'city', name, country, category: null });
}
for (const [name, kind, aliases] of placesLex.regions) {
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'region', name, country: null, category: kind });
}
for (const [name, aliases, country, category] of orgsLex.organizations) {
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'org', name, country, category });
}
for (const [name, aliases, country, title] of peopleLex.people) {
  knownPeople.set(name, { name, aliases, country, title });
  for (const form of [name, ...aliases]) entityTrie.add(form, { kind: 'person', name, country, category: title });
}
for (const t of titlesLex.leader) {
  leaderTitles.add(tokenize(t).map((x) => x.norm).join(' '));
  titleTrie.add(t, { kind: 'person', name: t, country: null, category: 'leader' });
}
for (const t of titlesLex.role) titleTrie.add(t, { kind: 'person', name: t, country: null, category: 'role' });
for (const h of titlesLex.honorifics) honorifics.add(h.replace(/\./g, ''));

export const givenNames = new Set(namesLex.given.map((n) => n.toLowerCase()));
export const familyFirst = new Set(namesLex.familyFirst.map((n) => n.toLowerCase()));
export const nonNames = new Set(namesLex.nonNames.map((n) => n.toLowerCase()));
export const groupHeads = new Trie();
export const weakGroupHeads = new Set(groupsLex.weakHeads);
for (const g of groupsLex.heads) groupHeads.add(g, { kind: 'person', name: g, country: null, category: 'group' });

/** Last words that make an unknown capitalised name an organisation. */
export const ORG_SUFFIXES = new Set(orgsLex.suffixes);
/** Words after a company's name that say only what kind of legal body it is ("Corp", "Ltd", "Group"). */
export const LEGAL_ENDINGS = new Set(orgsLex.legalEndings);
/** News outlets (organisations of category media): they report happenings, they take part in none. */
export const MEDIA_OUTLETS = new Set(orgsLex.organizations.filter(([, , , category]) => category === 'media').map(([name]) => name));
/** First words that make an unknown capitalised name an organisation ("Ministry of ..."). */
export const ORG_PREFIXES = new Set(orgsLex.prefixes);
/** Nouns that, after a demonym or country, describe an organisation ("Chinese technology firm Huawei"). */
export const ORG_NOUNS = new Set(orgsLex.descriptors);
/** "the Trump administration": nouns after a leader's name that mean the government of the country. */
export const GOVERNMENT_NOUNS = new Set(orgsLex.governmentNouns);

/** Words before a place that make it where something happens ("in", "visited"). */
export const LOCATIVE = new Set(placesLex.locative);
/** Words before a listed city that keep it a place where the tagger reads it as an organisation ("in Leeds"). */
export const PLACE_ONLY = new Set(placesLex.placeOnly);
/** Nouns right after a place that make it the event's place ("the Washington meeting"). */
export const EVENT_NOUNS = new Set(placesLex.eventNouns);
/** Words after a capital that make it part of a name ("Paris climate agreement"), not the government. */
export const NAME_MODIFIERS = new Set(placesLex.nameModifiers);

/** Words that never modify a group's head ("the", "thousands", "said"). */
export const GROUP_MODIFIER_STOPS = new Set(groupsLex.modifierStops);

/** Particles inside personal names ("de", "van", "bin"). */
export const NAME_PARTICLES = new Set(namesLex.particles);
/** Words that join a capitalised name's parts: the particles and "of", "and", "&" ("Bank of China"). */
export const NAME_CONNECTORS = new Set([...namesLex.joiners, ...namesLex.particles]);

/** Words linking an apposed title to its organisation ("the editor of", "a lawyer at"). */
export const TITLE_LINKS = new Set(titlesLex.links);
/** Words in a known person's title that make the holder lead the country ("President"), unless a deputy word is in it too ("Vice President"). */
export const HEAD_OF_STATE_TITLE = new RegExp(titlesLex.headOfState.map(escapeRegExp).join('|'), 'i');
export const DEPUTY_TITLE = new RegExp(titlesLex.deputy.map(escapeRegExp).join('|'), 'i');

export const ARTICLES = new Set(words.articles);
export const DETERMINERS = new Set([...words.articles, ...words.possessives]);
export const CONNECTIVES = new Set(words.connectives);
export const PERSON_PRONOUNS = new Set(words.personPronouns);
export const CLAUSE_WORDS = new Set(words.clauseWords);
/** Verbs of saying besides the taxonomy's statement triggers ("noted", "asked"). */
export const SPEECH_VERBS = new Set(words.speechVerbs);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
