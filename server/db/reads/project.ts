// Cypher projections shared by the read queries, and the conversions from what the driver
// returns to the records in records.ts. Variable names passed to these helpers are constants in
// code, never input.
import neo4j from 'neo4j-driver';
import { EVENT_ROLE_TYPES, RELATION_TYPES, isEventRoleType } from '../../extractors/contract.js';
import type { AmountRecord, ArticleRecord, EdgeRecord, EntityRecord, EntityTypeName, EvidenceRecord } from './records.js';

/**
 * The fact relationship types as a Cypher type alternative (from the constant allow-list), so
 * traversals never walk through an Article's MENTIONS.
 */
export const FACT_TYPES = RELATION_TYPES.join('|');

/** The fact types that always end at an event, and all the others (see EVENT_ROLE_TYPES). */
export const EVENT_ROLE_FACT_TYPES = EVENT_ROLE_TYPES.join('|');
export const NON_EVENT_ROLE_FACT_TYPES = RELATION_TYPES.filter((t) => !isEventRoleType(t)).join('|');

/**
 * An entity's degree (distinct neighbouring entities), kept in `degree` by the writer (it changes
 * only when a pair of entities gains its first fact or loses its last), so reads rank hubs by a
 * property and an index instead of walking their edges.
 */
export function degreeOf(v: string): string {
  return `coalesce(${v}.degree, 0)`;
}

/** A summary relationship's key, the same text Evidence.factKey holds. */
export function factKeyOf(r: string): string {
  return `startNode(${r}).id + '|' + type(${r}) + '|' + endNode(${r}).id`;
}

/** Entity properties plus type and degree (distinct neighbours), as a map. */
export function entityMap(v: string): string {
  // Events also carry who reports them: one source per reporting article (null when unknown).
  // Places only count the articles that mention them (the map's marker size): no outlets listed.
  // Only articles have MENTIONS, so the count needs no label check: Neo4j reads it off the node's
  // relationship counts instead of visiting each article (a place hub is mentioned thousands of times).
  return `${v} {.id, .name, .aliases, .kind, .eventType, .date, .status, .cameo, .goldstein, .amounts, .placeKind, .countryCode, .latitude, .longitude, labels: labels(${v}), degree: ${degreeOf(v)},
    reports: CASE WHEN ${v}:Event THEN COLLECT { MATCH (rep_${v}:Article)-[:MENTIONS]->(${v}) RETURN coalesce(rep_${v}.source, '') } ELSE null END,
    mentions: CASE WHEN ${v}:Place THEN COUNT { (${v})<-[:MENTIONS]-() } ELSE null END}`;
}

export function articleMap(v: string): string {
  return `${v} {.id, .title, .source, .author, .url, .publishedAt, .contentHash, .ingestedAt, .updatedAt, .text}`;
}

/** One (:Evidence) node (one article's sentence behind a fact) as an evidence map. */
export function evidenceMap(ev: string): string {
  return `{articleId: ${ev}.articleId, sentence: ${ev}.sentence, start: ${ev}.start, end: ${ev}.end, confidence: ${ev}.confidence, relationType: ${ev}.type}`;
}

/**
 * A summary relationship `r` (one per source, type, target) as an edge map: its counts are kept by
 * the writer. `known` names variables already holding its ends and type (no second read).
 */
export function edgeMap(r: string, known?: { source: string; type: string; target: string }): string {
  const ends = known ? `source: ${known.source}, target: ${known.target}, type: ${known.type}` : `source: startNode(${r}).id, target: endNode(${r}).id, type: type(${r})`;
  return `{${ends}, evidenceCount: ${r}.evidenceCount,
    articleCount: ${r}.articleCount, sources: coalesce(${r}.outlets, []), confidence: ${r}.confidence,
    firstSeen: CASE WHEN ${r}.firstSeen IS NULL THEN null ELSE toString(${r}.firstSeen) END}`;
}

const LABEL_TYPES: Record<string, EntityTypeName> = { Actor: 'ACTOR', Issue: 'ISSUE', Event: 'EVENT', Place: 'PLACE' };

/** Temporal values and integers from the driver become plain strings and numbers. */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  return value;
}

function str(value: unknown): string | null {
  const v = plain(value);
  return v === null ? null : String(v);
}

function num(value: unknown): number | null {
  const v = plain(value);
  return typeof v === 'number' ? v : v === null ? null : Number(v);
}

function parseAmounts(value: unknown): AmountRecord[] {
  if (value === null || value === undefined) return [];
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
      .map((a) => ({ text: String(a['text'] ?? ''), value: Number(a['value'] ?? 0), unit: String(a['unit'] ?? '') }));
  } catch {
    return [];
  }
}

export function toEntity(raw: Record<string, unknown>): EntityRecord {
  const labels = (raw['labels'] as string[] | undefined) ?? [];
  const type = labels.map((l) => LABEL_TYPES[l]).find((t) => t !== undefined) ?? 'ACTOR';
  const kind = str(raw['kind']);
  const status = str(raw['status']);
  return {
    id: String(raw['id']),
    name: String(raw['name'] ?? raw['id']),
    aliases: Array.isArray(raw['aliases']) ? (raw['aliases'] as unknown[]).map(String) : [],
    type,
    kind: type === 'ACTOR' ? ((kind ?? 'organization').toUpperCase() as EntityRecord['kind']) : null,
    eventType: str(raw['eventType']),
    date: str(raw['date']),
    status: status ? (status.toUpperCase() as EntityRecord['status']) : null,
    cameo: str(raw['cameo']),
    goldstein: num(raw['goldstein']),
    amounts: parseAmounts(raw['amounts']),
    placeKind: str(raw['placeKind']),
    countryCode: str(raw['countryCode']),
    latitude: num(raw['latitude']),
    longitude: num(raw['longitude']),
    degree: num(raw['degree']) ?? 0,
    ...(Array.isArray(raw['reports']) ? reportsOf(raw['reports'] as unknown[]) : {}),
    ...(raw['mentions'] != null ? { articleCount: num(raw['mentions']) ?? 0 } : {}),
  };
}

function reportsOf(sources: unknown[]): { articleCount: number; sources: string[] } {
  return { articleCount: sources.length, sources: [...new Set(sources.map(String).filter(Boolean))].sort() };
}

export function toArticle(raw: Record<string, unknown>): ArticleRecord {
  return {
    id: String(raw['id']),
    title: str(raw['title']),
    source: str(raw['source']),
    author: str(raw['author']),
    url: str(raw['url']),
    publishedAt: str(raw['publishedAt']),
    contentHash: str(raw['contentHash']) ?? '',
    ingestedAt: str(raw['ingestedAt']) ?? '',
    updatedAt: str(raw['updatedAt']) ?? str(raw['ingestedAt']) ?? '',
    text: str(raw['text']) ?? '',
  };
}

export function toEvidence(raw: Record<string, unknown>): EvidenceRecord {
  return {
    articleId: String(raw['articleId'] ?? ''),
    sentence: str(raw['sentence']) ?? '',
    start: num(raw['start']) ?? 0,
    end: num(raw['end']) ?? 0,
    confidence: num(raw['confidence']) ?? 0,
    relationType: String(raw['relationType']),
  };
}

export function edgeId(source: string, type: string, target: string): string {
  return `${source}|${type}|${target}`;
}

export function toEdge(raw: Record<string, unknown>): EdgeRecord {
  const source = String(raw['source']);
  const target = String(raw['target']);
  const type = String(raw['type']);
  return {
    id: edgeId(source, type, target),
    source,
    target,
    type,
    evidenceCount: num(raw['evidenceCount']) ?? 0,
    articleCount: num(raw['articleCount']) ?? 0,
    sources: Array.isArray(raw['sources']) ? (raw['sources'] as unknown[]).filter((s) => s !== null).map(String) : [],
    confidence: num(raw['confidence']) ?? 0,
    firstSeen: str(raw['firstSeen']),
  };
}

/** JS numbers reach Neo4j as floats; LIMIT and list slices need integers. */
export function int(n: number) {
  return neo4j.int(Math.trunc(n));
}
