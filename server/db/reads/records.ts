// The shapes read queries return: what the GraphQL types are built from (codegen mappers in
// codegen.ts tie each API type to one of these). Fields the API computes lazily (article,
// evidence lists, nested connections) are left to field resolvers and loaders.

export type { EntityLabel } from '../../labels.js';
import type { EntityLabel } from '../../labels.js';
export type EntityTypeName = 'ACTOR' | 'ISSUE' | 'EVENT' | 'PLACE';

export interface AmountRecord {
  text: string;
  value: number;
  unit: string;
}

export interface EntityRecord {
  id: string;
  name: string;
  aliases: string[];
  type: EntityTypeName;
  kind: 'PERSON' | 'ORGANIZATION' | 'COUNTRY' | 'GROUP' | null;
  eventType: string | null;
  date: string | null;
  status: 'OCCURRED' | 'PLANNED' | 'HYPOTHETICAL' | 'NEGATED' | 'DENIED' | null;
  cameo: string | null;
  goldstein: number | null;
  amounts: AmountRecord[];
  /** Places (and country actors): the gazetteer's kind and ISO 3166-1 alpha-2 code; places and events: WGS84 coordinates. */
  placeKind: string | null;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
  degree: number;
  /** Events: the articles reporting it, and their distinct outlets; places: the articles mentioning it. */
  articleCount?: number;
  sources?: string[];
}

export interface ArticleRecord {
  id: string;
  title: string | null;
  source: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  contentHash: string;
  ingestedAt: string;
  updatedAt: string;
  text: string;
}

export interface EvidenceRecord {
  articleId: string;
  sentence: string;
  start: number;
  end: number;
  confidence: number;
  relationType: string;
}

export interface EdgeRecord {
  id: string;
  source: string;
  target: string;
  type: string;
  evidenceCount: number;
  articleCount: number;
  sources: string[];
  confidence: number;
  firstSeen: string | null;
}

export interface GraphRecord {
  nodes: EntityRecord[];
  edges: EdgeRecord[];
  truncated: boolean;
  /** Some edges among the nodes were left out: each node kept only its strongest. */
  edgesTruncated: boolean;
}

export interface PathRecord {
  length: number;
  nodes: EntityRecord[];
  hops: { from: string; to: string; edge: EdgeRecord }[];
}

export interface StanceRecord {
  actorId: string;
  issueId: string;
  stance: 'SUPPORTS' | 'OPPOSES' | 'CONCERNED_ABOUT';
  date: string | null;
  quote: EvidenceRecord;
}

export interface ParticipantRecord {
  actor: EntityRecord;
  role: string;
  evidence: EvidenceRecord[];
}

export interface RoleRecord {
  relationType: string;
  organization: EntityRecord;
  title: string | null;
  evidence: EvidenceRecord[];
}

export interface MonthScoreRecord {
  month: string;
  eventCount: number;
  meanGoldstein: number;
  events: EntityRecord[];
}

export interface ChangeRecord {
  kind: 'ADDED' | 'UPDATED' | 'REMOVED';
  at: string;
  articleId: string;
  title: string | null;
}

export interface RankedRecord {
  entity: EntityRecord;
  degree: number;
}

/** A page cut from an ordered list, with the total the list had before cutting. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}

/** A connection page: resolvers turn it into { edges, pageInfo, totalCount }. */
export interface ConnectionRecord<T> {
  page: Page<T>;
  /** Extra per-item data kept beside the node (search scores). */
  scores?: number[];
  /** A page read without its total: whether another page follows, and how to count them all. */
  more?: boolean;
  countTotal?: () => Promise<number>;
}

export interface StatsRecord {
  articles: number;
  entitiesByType: { label: string; count: number }[];
  actorsByKind: { label: string; count: number }[];
  relationshipsByType: { label: string; count: number }[];
}

export interface HealthRecord {
  ok: boolean;
  version: string;
  database: { reachable: boolean; uri: string; embedded: boolean; message: string | null; serverVersion: string | null };
}

export interface IngestResultRecord {
  articleId: string;
  outcome: 'NEW' | 'UPDATED' | 'UNCHANGED';
  createdIds: string[];
  mergedIds: string[];
  nodesCreated: number;
  relationshipsCreated: number;
}

/** What `node(id)` returns: an entity or an article (articles carry no `type`). */
export type NodeRecord = EntityRecord | ArticleRecord;

/** A (:Story) node (server/db/reads/stories.ts). */
export interface StoryRecord {
  id: string;
  title: string;
  firstDate: string | null;
  lastDate: string | null;
  articleCount: number;
  outletCount: number;
  outlets: string[];
  mainEventIds: string[];
}

