// The public JSON contract of extraction (documented in the README): what every extractor
// (CoreNLP, the rules, a model) returns and what seeding, the graph store and the API consume.
// It lives apart from any one extractor; change it with care.

export type EntityType = 'actor' | 'issue' | 'event' | 'place';
export type ActorKind = 'person' | 'organization' | 'country' | 'group';
export type EventStatus = 'occurred' | 'planned' | 'hypothetical' | 'negated' | 'denied';

/** A span of the article text: `text === article.slice(start, end)`. */
export interface Mention {
  text: string;
  start: number;
  end: number;
}

export interface Amount {
  text: string;
  value: number;
  unit: string; // 'USD', 'percent', 'CNY', 'people', ...
}

export interface ArticleMeta {
  title?: string;
  source?: string;
  author?: string;
  url?: string;
  /** YYYY-MM-DD (or a full ISO timestamp); relative dates in the text resolve against it. */
  publishedAt?: string;
  language?: string;
}

export interface Entity {
  /** Stable within one extraction, e.g. "actor:xi-jinping", "issue:tariffs", "event:3". */
  id: string;
  type: EntityType;
  /** Actors only. */
  kind?: ActorKind;
  name: string;
  aliases: string[];
  /** Events only: "YYYY" | "YYYY-MM" | "YYYY-MM-DD". */
  date?: string;
  eventType?: string;
  status?: EventStatus;
  /** CAMEO root code, two digits ("01".."20"); absent where CAMEO does not apply (an earthquake). */
  cameo?: string;
  /** Goldstein cooperation–conflict score, -10..+10. */
  goldstein?: number;
  amounts?: Amount[];
  /** Places and country actors, from the gazetteer: what the place is, its ISO 3166-1 alpha-2
   * country and WGS84 coordinates (absent when the gazetteer does not know it). Events carry
   * the coordinates of their place. */
  placeKind?: 'city' | 'region' | 'country';
  countryCode?: string;
  latitude?: number;
  longitude?: number;
  mentions: Mention[];
}

export interface Relation {
  source: string;
  target: string;
  /** UPPER_SNAKE, one of RELATION_TYPES. */
  type: RelationType;
  /** The sentence, verbatim: `text.slice(start, end) === evidence`. */
  evidence: string;
  start: number;
  end: number;
  confidence: number;
}

export interface Extraction {
  article: {
    title: string | null;
    source: string | null;
    author: string | null;
    url: string | null;
    publishedAt: string | null;
  };
  entities: Entity[];
  relations: Relation[];
}

/**
 * The allow-list of relation types. The graph store writes only these as Neo4j relationship
 * types, so anything outside it can never reach Cypher as a type name.
 */
export const RELATION_TYPES = [
  'PARTICIPATED_IN', // actor -> event
  'MET_WITH', // actor -> actor
  'STATED', // actor -> event (statement)
  'ACCUSED', // actor -> actor
  'DENIED', // actor -> issue | event
  'IMPOSED_ON', // actor -> actor
  'ARRESTED', // actor -> actor
  'TARGET_OF', // actor -> event (acted upon)
  'LEADS', // person -> organization | country
  'ROLE_AT', // person -> organization | country
  'MEMBER_OF', // actor -> organization | group | country
  'LOCATED_IN', // event | actor -> place
  'CONCERNS', // event -> issue
  'PART_OF', // event -> event (a consequence told of a happening: the deaths in a quake)
  'INVOLVED_IN', // actor -> issue (raised in the same sentence)
  'SUPPORTS', // actor -> issue (stance)
  'OPPOSES', // actor -> issue (stance)
  'CONCERNED_ABOUT', // actor -> issue (stance)
  'SUBTOPIC_OF', // issue -> issue (an open-vocabulary issue filed under a taxonomy issue)
  'RELATED_TO', // weak co-occurrence link, low confidence
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * The relation types whose target is always an event (the contract check enforces it). Reads of
 * the edges among a set of entities find these from the event's side: a hub actor has thousands
 * of them (one per event it took part in), and only the few events in the set can be their ends.
 */
export const EVENT_ROLE_TYPES = ['PARTICIPATED_IN', 'STATED', 'TARGET_OF'] as const satisfies readonly RelationType[];

export function isEventRoleType(value: string): boolean {
  return (EVENT_ROLE_TYPES as readonly string[]).includes(value);
}

export const STANCE_TYPES = ['SUPPORTS', 'OPPOSES', 'CONCERNED_ABOUT'] as const satisfies readonly RelationType[];

export function isRelationType(value: string): value is RelationType {
  return (RELATION_TYPES as readonly string[]).includes(value);
}
