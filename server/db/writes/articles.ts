// The write side of the graph (MODEL.md): one article's resolved extraction goes in as one
// transaction — Article node, entity nodes, MENTIONS and provenance-carrying fact relationships
// — and comes out again the same way. Every value is a parameter; labels and relationship types
// come only from ENTITY_LABELS and RELATION_TYPES.
import { createHash } from 'node:crypto';
import type { ManagedTransaction, QueryResult, RecordShape } from 'neo4j-driver';
import type { Extraction } from '../../extractors/contract.js';
import { RELATION_TYPES } from '../../extractors/contract.js';
import type { ArticleInput } from '../../ingest/index.js';
import {
  dateRange,
  ENTITY_LABELS,
  EVENT_MATCH_DAYS,
  resolveArticleGraph,
  type EventWanted,
  type ExistingEntity,
  type ExistingEvent,
  type ResolutionLookup,
  type ResolvedGraph,
} from '../../resolve/index.js';
import { readQuery, withWriteTransaction, type Db } from '../driver.js';
import { FACT_TYPES } from '../reads/project.js';

export type UpsertStatus = 'new' | 'updated' | 'unchanged';

export interface UpsertSummary {
  articleId: string;
  status: UpsertStatus;
  /** Nodes created by this write, the Article node included. */
  nodesCreated: number;
  /** Relationships created by this write: MENTIONS and facts. */
  relationshipsCreated: number;
  nodesDeleted: number;
  relationshipsDeleted: number;
  /** Every entity this version of the article mentions, plus those an update deleted. */
  entityIds: string[];
  /** Entities this write created. */
  createdEntityIds: string[];
  /** Entities that existed and now also carry this article's mentions. */
  mergedEntityIds: string[];
  /** Entities an update left without any article, and so deleted. */
  deletedEntityIds: string[];
}

export interface RemoveSummary {
  removed: boolean;
  /** Every entity the article mentioned (deleted or not). */
  entityIds: string[];
  deletedEntityIds: string[];
  relationshipsDeleted: number;
}

export interface UpsertOptions {
  /** Resolution computed beforehand (ingest-service); without it, resolution runs inside the write transaction. */
  resolved?: ResolvedGraph;
  /** Called after each statement of the transaction; for tests that make a write fail half-way. */
  afterStatement?: (step: string) => void | Promise<void>;
  /** Clock, for deterministic tests. */
  now?: () => Date;
}

type Run = <R extends RecordShape = RecordShape>(cypher: string, params: Record<string, unknown>) => Promise<QueryResult<R>>;

const ENTITY_FIELDS = `e.id AS id, [l IN labels(e) WHERE l IN $labels][0] AS label, e.kind AS kind, e.name AS name,
  coalesce(e.aliasKeys, []) AS aliasKeys, COLLECT { MATCH (a:Article {id: $articleId}) WHERE EXISTS { (a)-[:MENTIONS]->(e) } RETURN a.id }
    + COLLECT { MATCH (a:Article)-[:MENTIONS]->(e) WHERE $articleId IS NULL OR a.id <> $articleId RETURN a.id LIMIT 1 } AS articleIds`;

const FIND_ENTITIES = `
MATCH (e:Entity) WHERE e.id IN $ids
RETURN ${ENTITY_FIELDS}
UNION
UNWIND $keys AS key
MATCH (:AliasKey {key: key})<-[:HAS_KEY]-(e:Entity)
WITH DISTINCT e
RETURN ${ENTITY_FIELDS}`;

// Candidate events come from the (eventType, date) index, inside the matching window of each
// wanted event (day dates by range, coarser "YYYY" / "YYYY-MM" dates by value), and only then are
// checked for a shared participant: a hub's thousands of events are never walked.
const FIND_EVENTS = `
CALL () {
  UNWIND $windows AS w
  MATCH (ev:Event) WHERE ev.eventType = w.eventType AND ev.date >= w.lo AND ev.date <= w.hi
  RETURN ev
  UNION
  UNWIND $coarse AS c
  MATCH (ev:Event) WHERE ev.eventType = c.eventType AND ev.date = c.date
  RETURN ev
  UNION
  // Undated reports ("an arrest", no date given) can only be found through who took part; they
  // are matched on their articles' publication dates.
  UNWIND $undatedTypes AS t
  MATCH (p:Entity) WHERE p.id IN $participantIds
  MATCH (p)-[:${FACT_TYPES}]-(ev:Event) WHERE ev.eventType = t AND ev.date IS NULL
  RETURN ev
}
WITH DISTINCT ev
WHERE EXISTS { MATCH (ev)-[:${FACT_TYPES}]-(p:Entity) WHERE p.id IN $participantIds }
RETURN ev.id AS id, ev.eventType AS eventType, ev.date AS date,
  COLLECT { MATCH (ev)-[:${FACT_TYPES}]-(x:Entity) WHERE x:Actor OR x:Place RETURN DISTINCT x.id ORDER BY x.id } AS participantIds,
  COLLECT { MATCH (a:Article {id: $articleId}) WHERE EXISTS { (a)-[:MENTIONS]->(ev) } RETURN a.id }
    + COLLECT { MATCH (a:Article)-[:MENTIONS]->(ev) WHERE $articleId IS NULL OR a.id <> $articleId RETURN a.id LIMIT 1 } AS articleIds,
  COLLECT { MATCH (a:Article)-[:MENTIONS]->(ev) WHERE ev.date IS NULL RETURN a.publishedAt ORDER BY a.publishedAt LIMIT 20 } AS publishedAt`;

const ARTICLE_HASH = 'MATCH (a:Article {id: $id}) RETURN a.contentHash AS contentHash';

// Takes the article's write lock before reading its hash, so two writers of the same article
// run one after the other and the second sees what the first committed.
const LOCK_ARTICLE = `
MERGE (a:Article {id: $id})
SET a.writeLock = true
REMOVE a.writeLock
RETURN a.contentHash AS contentHash`;

// An article's share of the facts is its Evidence nodes (found by the articleId index); deleting
// them names the summary relationships whose counts must be recomputed.
const DELETE_EVIDENCE = `
MATCH (ev:Evidence {articleId: $id})
WITH ev, ev.source AS source, ev.type AS type, ev.target AS target
DELETE ev
WITH DISTINCT source, type, target
RETURN source, type, target ORDER BY source, type, target`;

// Recomputes each summary from the Evidence that remains (the factKey index; work proportional
// to how often that one fact is stated, not to either entity's degree) and deletes a summary no
// article states any more. Returns the pairs that lost a relationship.
const RESUMMARISE = `
UNWIND $keys AS k
MATCH (s:Entity {id: k.source})-[r:${FACT_TYPES}]->(t:Entity {id: k.target})
WHERE type(r) = k.type
CALL (k) {
  OPTIONAL MATCH (ev:Evidence {factKey: k.source + '|' + k.type + '|' + k.target})
  WITH count(DISTINCT ev.articleId) AS articles, count(ev) AS evidence, collect(DISTINCT ev.outlet) AS outs,
       min(ev.publishedAt) AS firstSeen, max(ev.publishedAt) AS lastSeen, max(ev.confidence) AS confidence
  RETURN articles, evidence, COLLECT { UNWIND outs AS o RETURN o ORDER BY o } AS outlets, firstSeen, lastSeen, confidence
}
FOREACH (_ IN CASE WHEN articles = 0 THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN articles > 0 THEN [1] ELSE [] END |
  SET r.articleCount = articles, r.evidenceCount = evidence, r.outlets = outlets, r.sourceCount = size(outlets),
      r.firstSeen = firstSeen, r.lastSeen = lastSeen, r.confidence = confidence)
WITH k, articles WHERE articles = 0
RETURN k.source AS source, k.target AS target`;

const DELETE_MENTIONS = `
MATCH (:Article {id: $id})-[m:MENTIONS]->(e:Entity)
DELETE m
RETURN e.id AS id`;

const UPSERT_ARTICLE = `
MERGE (a:Article {id: $id})
SET a.ingestedAt = coalesce(a.ingestedAt, $now), a.title = $title, a.source = $source, a.author = $author, a.url = $url, a.publishedAt = $publishedAt,
    a.contentHash = $contentHash, a.text = $text, a.language = $language, a.updatedAt = $now`;

const SET_LABELS = Object.values(ENTITY_LABELS)
  .map((label) => `FOREACH (_ IN CASE WHEN row.label = '${label}' THEN [1] ELSE [] END | SET e:${label})`)
  .join('\n');

// A node found by alias keeps its id; it takes the fuller of the two names ("Xi" -> "Xi Jinping").
const UPSERT_ENTITIES = `
MATCH (a:Article {id: $articleId})
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.kind = row.kind, e.eventType = row.eventType, e.date = row.date, e.status = row.status,
              e.cameo = row.cameo, e.goldstein = row.goldstein, e.amounts = row.amounts, e.aliases = row.aliases,
              e.aliasKeys = row.aliasKeys, e.degree = 0, e.createdAt = $now
WITH a, row, e, e.name AS before
// Only a real change is written: name and aliases feed the full-text index, updated at commit.
FOREACH (_ IN CASE WHEN row.label <> 'Event' AND size(split(row.name, ' ')) > size(split(before, ' ')) THEN [1] ELSE [] END | SET e.name = row.name)
SET e.updatedAt = $now
${SET_LABELS}
MERGE (a)-[m:MENTIONS]->(e)
SET m.localId = row.localId, m.localName = row.localName, m.mentions = row.mentions, m.count = row.count,
    m.resolvedBy = row.resolvedBy, m.matchedOn = row.matchedOn, m.aliases = row.aliases, m.aliasKeys = row.aliasKeys
RETURN row.id AS id, e.createdAt = $now AS created, before`;

// A new article only adds names: each entity's aliases and keys grow by what this article
// called it (and the name it had before, if the article gave it a fuller one), without reading
// the entity's other mentions — a hub is mentioned by most of the corpus. Updates and removals,
// which can take names back, recompute from the remaining MENTIONS (REFRESH_ALIASES).
const ADD_ALIASES = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WITH e, row,
  COLLECT { UNWIND coalesce(e.aliases, []) + row.aliases + [row.before] AS x WITH DISTINCT x WHERE x <> e.name RETURN x ORDER BY x } AS aliases,
  COLLECT { UNWIND coalesce(e.aliasKeys, []) + row.aliasKeys AS x RETURN DISTINCT x ORDER BY x } AS keys
WHERE aliases <> coalesce(e.aliases, []) OR keys <> coalesce(e.aliasKeys, []) OR e.aliasText IS NULL
SET e.aliases = aliases, e.aliasKeys = keys,
    e.aliasText = reduce(s = '', x IN aliases | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + x)
WITH e, row
CALL (e, row) {
  UNWIND row.aliasKeys AS key
  MERGE (k:AliasKey {key: key})
  MERGE (e)-[:HAS_KEY]->(k)
}`;

// Whether two entities are joined by any fact yet: a degree counts distinct neighbours, so only
// the first relationship of a pair adds to it. Expand-into walks the smaller side's
// relationships of the fact types, never a hub's whole list when the other end is small.
const PAIRS_LINKED = `
UNWIND $pairs AS p
MATCH (x:Entity {id: p.a}), (y:Entity {id: p.b})
RETURN p.a AS a, p.b AS b, EXISTS { (x)-[:${FACT_TYPES}]-(y) } AS linked`;

// One summary relationship per (source, type, target), updated in place: the article's folded
// facts add one article, their evidence count, the outlet, the dates and the best confidence.
// The old version's share was taken out first, so an article never counts twice.
const MERGE_FACTS = `
UNWIND $facts AS f
MATCH (s:Entity {id: f.source}), (t:Entity {id: f.target})
${RELATION_TYPES.map(
  (type) => `FOREACH (_ IN CASE WHEN f.type = '${type}' THEN [1] ELSE [] END |
  MERGE (s)-[r:${type}]->(t)
  ON CREATE SET r.articleCount = 1, r.evidenceCount = f.evidenceCount, r.outlets = $outlets, r.sourceCount = size($outlets),
                r.firstSeen = $publishedAt, r.lastSeen = $publishedAt, r.confidence = f.confidence
  ON MATCH SET r.articleCount = r.articleCount + 1, r.evidenceCount = r.evidenceCount + f.evidenceCount,
               r.outlets = CASE WHEN $outlet IS NULL OR $outlet IN r.outlets THEN r.outlets ELSE r.outlets + $outlet END,
               r.sourceCount = size(CASE WHEN $outlet IS NULL OR $outlet IN r.outlets THEN r.outlets ELSE r.outlets + $outlet END),
               r.firstSeen = CASE WHEN r.firstSeen IS NULL OR $publishedAt < r.firstSeen THEN coalesce($publishedAt, r.firstSeen) ELSE r.firstSeen END,
               r.lastSeen = CASE WHEN r.lastSeen IS NULL OR $publishedAt > r.lastSeen THEN coalesce($publishedAt, r.lastSeen) ELSE r.lastSeen END,
               r.confidence = CASE WHEN f.confidence > coalesce(r.confidence, 0.0) THEN f.confidence ELSE r.confidence END)`,
).join('\n')}`;

// Per-article evidence lives off the traversal path: plain nodes keyed by the fact and the
// article, indexed on both, never joined to an entity.
const CREATE_EVIDENCE = `
UNWIND $rows AS e
CREATE (:Evidence {factKey: e.source + '|' + e.type + '|' + e.target, source: e.source, type: e.type, target: e.target,
                   articleId: $articleId, outlet: $outlet, publishedAt: $publishedAt,
                   sentence: e.evidence, start: e.start, end: e.end, confidence: e.confidence})`;

// Degrees change by what the pair bookkeeping found, never by recounting a hub's edges.
const ADD_DEGREES = `
UNWIND $deltas AS d
MATCH (e:Entity {id: d.id})
SET e.degree = coalesce(e.degree, 0) + d.delta`;

// Aliases are the union of what every mentioning article called the entity, so removing an
// article also takes back the names only it used. Each alias key is also an (:AliasKey) node,
// so resolution finds an entity by key through the unique index instead of scanning lists.
const REFRESH_ALIASES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e,
  COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliases AS x RETURN DISTINCT x ORDER BY x } AS names,
  COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliasKeys AS x RETURN DISTINCT x ORDER BY x } AS keys
WHERE size(names) > 0
WITH e, [x IN names WHERE x <> e.name] AS aliases, keys
SET e.aliases = aliases, e.aliasKeys = keys,
    e.aliasText = reduce(s = '', x IN aliases | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + x)
WITH e, keys
CALL (e, keys) {
  UNWIND keys AS key
  MERGE (k:AliasKey {key: key})
  MERGE (e)-[:HAS_KEY]->(k)
}
CALL (e, keys) {
  MATCH (e)-[h:HAS_KEY]->(k:AliasKey) WHERE NOT k.key IN keys
  DELETE h
  RETURN collect(k.key) AS dropped
}
RETURN dropped`;

const DELETE_ORPHANS = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
WITH id, e, coalesce(e.aliasKeys, []) AS keys
DETACH DELETE e
RETURN id, keys`;

// Alias keys no entity holds any more.
const DELETE_UNUSED_KEYS = `
UNWIND $keys AS key
MATCH (k:AliasKey {key: key})
WHERE NOT EXISTS { (k)<-[:HAS_KEY]-() }
DELETE k`;

const DELETE_ARTICLE = 'MATCH (a:Article {id: $id}) WITH a, a.title AS title DETACH DELETE a RETURN title';

// A removed article leaves a small tombstone so `changes(since)` can report the removal.
const RECORD_REMOVAL = 'CREATE (:Removal {articleId: $id, title: $title, at: $at})';

const COUNT_ARTICLES = 'MATCH (a:Article) RETURN count(a) AS n';
const ARTICLE_EXISTS = 'RETURN EXISTS { MATCH (:Article {id: $id}) } AS exists';

const LABELS = Object.values(ENTITY_LABELS);

/** sha256 of the text and the metadata (keys sorted), so any edit to either counts as a change. */
export function contentHash(article: Pick<ArticleInput, 'text' | 'meta'>): string {
  const meta = Object.fromEntries(Object.entries(article.meta).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify({ text: article.text, meta })).digest('hex');
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The date windows FIND_EVENTS searches for each wanted event: every day within
 * EVENT_MATCH_DAYS of its date's range (as a YYYY-MM-DD range), and the months and years that
 * window touches (coarser dates overlap it too). The resolver then checks the gap exactly.
 */
export function eventWindows(wanted: readonly EventWanted[]) {
  const windows: { eventType: string; lo: string; hi: string }[] = [];
  const coarse = new Map<string, { eventType: string; date: string }>();
  const undatedTypes = [...new Set(wanted.map((w) => w.eventType))].sort();
  for (const w of wanted) {
    const range = w.date ? dateRange(w.date) : null;
    if (!range) continue;
    const days = w.windowDays ?? EVENT_MATCH_DAYS;
    const lo = range[0] - days * DAY;
    const hi = range[1] + days * DAY;
    windows.push({ eventType: w.eventType, lo: iso(lo), hi: iso(hi) });
    for (let t = lo; t <= hi + DAY; t += DAY) {
      const day = iso(Math.min(t, hi));
      for (const date of [day.slice(0, 4), day.slice(0, 7)]) coarse.set(`${w.eventType}|${date}`, { eventType: w.eventType, date });
    }
  }
  return { windows, coarse: [...coarse.values()], undatedTypes };
}

function lookupVia(run: Run, articleId: string | null): ResolutionLookup {
  return {
    async findEntities(ids, keys) {
      const res = await run(FIND_ENTITIES, { ids, keys, labels: LABELS, articleId });
      return res.records.map((r) => r.toObject() as unknown as ExistingEntity);
    },
    async findEvents(participantIds, wanted) {
      const res = await run(FIND_EVENTS, { participantIds, articleId, ...eventWindows(wanted) });
      return res.records.map((r) => r.toObject() as unknown as ExistingEvent);
    },
  };
}

function dbRun(db: Db): Run {
  return (cypher, params) => readQuery(db, cypher, params);
}

function txRun(tx: ManagedTransaction): Run {
  return (cypher, params) => tx.run(cypher, params);
}

/** Existing entities with one of these ids, or sharing one of these alias keys (one read). */
export async function findEntitiesByKeys(db: Db, ids: string[], keys: string[]): Promise<ExistingEntity[]> {
  return lookupVia(dbRun(db), null).findEntities(ids, keys);
}

/** Existing events of these types linked to one of these actors or places, with their participants. */
export async function findEventCandidates(db: Db, participantIds: string[], wanted: EventWanted[]): Promise<ExistingEvent[]> {
  return lookupVia(dbRun(db), null).findEvents(participantIds, wanted);
}

/** Resolves an extraction against the graph as it is now, without writing (seed --dry-run, ingest-service). */
export async function resolveAgainstGraph(db: Db, article: Pick<ArticleInput, 'id'>, extraction: Extraction): Promise<ResolvedGraph> {
  return resolveArticleGraph(article.id, extraction, lookupVia(dbRun(db), article.id));
}

export async function storedContentHash(db: Db, id: string): Promise<string | null> {
  const res = await readQuery(db, ARTICLE_HASH, { id });
  return (res.records[0]?.get('contentHash') as string | undefined) ?? null;
}

interface Counters {
  nodesCreated: number;
  relationshipsCreated: number;
  nodesDeleted: number;
  relationshipsDeleted: number;
}

function count(into: Counters, res: QueryResult): void {
  const u = res.summary.counters.updates();
  into.nodesCreated += u.nodesCreated;
  into.relationshipsCreated += u.relationshipsCreated;
  into.nodesDeleted += u.nodesDeleted;
  into.relationshipsDeleted += u.relationshipsDeleted;
}

// Rows go in id order so concurrent writers lock shared nodes in the same order (fewer deadlocks).
function entityRows(graph: ResolvedGraph) {
  return [...graph.entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => ({
    id: e.id,
    label: e.label,
    name: e.name,
    kind: e.kind,
    eventType: e.eventType,
    date: e.date,
    status: e.status,
    cameo: e.cameo,
    goldstein: e.goldstein,
    amounts: e.amounts,
    aliases: e.aliases,
    aliasKeys: e.aliasKeys,
    localId: e.localIds.join(','),
    localName: e.name,
    mentions: JSON.stringify(e.mentions.map((m) => ({ text: m.text, start: m.start, end: m.end }))),
    count: e.mentions.length,
    resolvedBy: e.resolvedBy,
    matchedOn: e.matchedOn,
  }));
}

function evidenceRows(graph: ResolvedGraph) {
  return graph.facts.map((f) => ({ type: f.type, source: f.source, target: f.target, evidence: f.evidence, start: f.start, end: f.end, confidence: f.confidence }));
}

/** The article's facts folded to one row per (source, type, target), in key order (lock order). */
export function summaryRows(graph: ResolvedGraph) {
  const byKey = new Map<string, { type: string; source: string; target: string; evidenceCount: number; confidence: number }>();
  for (const f of graph.facts) {
    const key = `${f.source}|${f.type}|${f.target}`;
    const prev = byKey.get(key);
    if (prev) {
      prev.evidenceCount += 1;
      prev.confidence = Math.max(prev.confidence, f.confidence);
    } else byKey.set(key, { type: f.type, source: f.source, target: f.target, evidenceCount: 1, confidence: f.confidence });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

interface Pair {
  a: string;
  b: string;
}

function pairsOf(rows: readonly { source: string; target: string }[]): Pair[] {
  const out = new Map<string, Pair>();
  for (const r of rows) {
    const [a, b] = r.source < r.target ? [r.source, r.target] : [r.target, r.source];
    out.set(`${a}|${b}`, { a, b });
  }
  return [...out.values()];
}

function degreeDeltas(pairs: readonly Pair[], delta: number): { id: string; delta: number }[] {
  const by = new Map<string, number>();
  for (const p of pairs) for (const id of [p.a, p.b]) by.set(id, (by.get(id) ?? 0) + delta);
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, d]) => ({ id, delta: d }));
}

/**
 * Takes an article's share out of the summary relationships: deletes its Evidence, recomputes
 * the summaries it contributed to, and lowers the degree of pairs left with no fact at all.
 */
async function retractFacts(run: Run, id: string, c: Counters): Promise<void> {
  const gone = await run(DELETE_EVIDENCE, { id });
  const keys = gone.records.map((r) => ({ source: r.get('source') as string, type: r.get('type') as string, target: r.get('target') as string }));
  if (!keys.length) return;
  const res = await run(RESUMMARISE, { keys });
  count(c, res);
  const lost = pairsOf(res.records.map((r) => ({ source: r.get('source') as string, target: r.get('target') as string })));
  if (!lost.length) return;
  const linked = await run(PAIRS_LINKED, { pairs: lost });
  const unlinked = linked.records.filter((r) => !r.get('linked')).map((r) => ({ a: r.get('a') as string, b: r.get('b') as string }));
  if (unlinked.length) await run(ADD_DEGREES, { deltas: degreeDeltas(unlinked, -1) });
}

/** Adds an article's facts to the summaries (creating what is new), its Evidence, and the degrees of newly joined pairs. */
async function stateFacts(run: Run, graph: ResolvedGraph, id: string, meta: ArticleInput['meta'], c: Counters, batched: boolean): Promise<void> {
  const rows = summaryRows(graph);
  if (!rows.length) return;
  const pairs = pairsOf(rows);
  const linked = await run(PAIRS_LINKED, { pairs });
  const fresh = linked.records.filter((r) => !r.get('linked')).map((r) => ({ a: r.get('a') as string, b: r.get('b') as string }));
  const outlet = meta.source ?? null;
  const params = { articleId: id, outlet, outlets: outlet === null ? [] : [outlet], publishedAt: meta.publishedAt ?? null };
  for (const chunk of batched ? [rows] : rows.map((r) => [r])) count(c, await run(MERGE_FACTS, { ...params, facts: chunk }));
  const evidence = evidenceRows(graph);
  // Evidence nodes are provenance, not graph nodes: they are not counted as nodes created.
  for (const chunk of batched ? [evidence] : evidence.map((e) => [e])) await run(CREATE_EVIDENCE, { ...params, rows: chunk });
  if (fresh.length) await run(ADD_DEGREES, { deltas: degreeDeltas(fresh, 1) });
}

async function deleteOrphans(run: Run, ids: readonly string[], c: Counters, batched: boolean): Promise<string[]> {
  const deleted: string[] = [];
  const keys = new Set<string>();
  for (const chunk of batched ? [ids] : ids.map((o) => [o])) {
    if (!chunk.length) continue;
    const res = await run(DELETE_ORPHANS, { ids: chunk });
    count(c, res);
    for (const r of res.records) {
      deleted.push(r.get('id') as string);
      for (const k of r.get('keys') as string[]) keys.add(k);
    }
  }
  if (keys.size) count(c, await run(DELETE_UNUSED_KEYS, { keys: [...keys].sort() }));
  return deleted;
}

async function refreshAliases(run: Run, ids: readonly string[], c: Counters, batched: boolean): Promise<void> {
  const dropped = new Set<string>();
  for (const chunk of batched ? [ids] : ids.map((t) => [t])) {
    if (!chunk.length) continue;
    const res = await run(REFRESH_ALIASES, { ids: chunk });
    for (const r of res.records) for (const k of r.get('dropped') as string[]) dropped.add(k);
  }
  if (dropped.size) count(c, await run(DELETE_UNUSED_KEYS, { keys: [...dropped].sort() }));
}

/** Statement groups of one upsert, given as lists so the per-row writer can send one row at a time. */
async function writeArticle(
  tx: ManagedTransaction,
  article: ArticleInput,
  extraction: Extraction,
  opts: UpsertOptions,
  batched: boolean,
): Promise<UpsertSummary> {
  const run = txRun(tx);
  const step = async (name: string) => opts.afterStatement?.(name);
  const now = (opts.now?.() ?? new Date()).toISOString();
  const hash = contentHash(article);
  const c: Counters = { nodesCreated: 0, relationshipsCreated: 0, nodesDeleted: 0, relationshipsDeleted: 0 };
  const id = article.id;

  const before = await run(LOCK_ARTICLE, { id });
  count(c, before);
  const oldHash = (before.records[0]?.get('contentHash') as string | null | undefined) ?? null;
  if (oldHash === hash) {
    return { articleId: id, status: 'unchanged', entityIds: [], createdEntityIds: [], mergedEntityIds: [], deletedEntityIds: [], ...c };
  }
  const status: UpsertStatus = oldHash === null ? 'new' : 'updated';

  let oldIds: string[] = [];
  if (status === 'updated') {
    await retractFacts(run, id, c);
    const res = await run(DELETE_MENTIONS, { id });
    count(c, res);
    oldIds = res.records.map((r) => r.get('id') as string);
    await step('delete-old');
  }

  // Resolve after the old version's mentions are gone, so it does not vouch for itself — but
  // its events still exist under their ids and are found again by id.
  const graph = opts.resolved ?? (await resolveArticleGraph(id, extraction, lookupVia(run, id)));
  const meta = article.meta;
  count(
    c,
    await run(UPSERT_ARTICLE, {
      id,
      now,
      title: meta.title ?? extraction.article.title ?? null,
      source: meta.source ?? null,
      author: meta.author ?? null,
      url: meta.url ?? null,
      publishedAt: meta.publishedAt ?? null,
      contentHash: hash,
      text: article.text,
      language: meta.language ?? 'en',
    }),
  );
  await step('article');

  const rows = entityRows(graph);
  const created: string[] = [];
  const namesBefore = new Map<string, string>();
  for (const chunk of batched ? [rows] : rows.map((r) => [r])) {
    if (!chunk.length) continue;
    const res = await run(UPSERT_ENTITIES, { articleId: id, rows: chunk, now });
    count(c, res);
    for (const r of res.records) {
      if (r.get('created')) created.push(r.get('id') as string);
      namesBefore.set(r.get('id') as string, r.get('before') as string);
    }
  }
  await step('entities');

  await stateFacts(run, graph, id, meta, c, batched);
  await step('facts');

  const newIds = rows.map((r) => r.id);
  const touched = [...new Set([...newIds, ...oldIds])].sort();
  const deleted = await deleteOrphans(run, oldIds, c, batched);
  if (status === 'new') {
    const aliasRows = rows.map((r) => ({ id: r.id, aliases: r.aliases, aliasKeys: r.aliasKeys, before: namesBefore.get(r.id) ?? r.name }));
    for (const chunk of batched ? [aliasRows] : aliasRows.map((r) => [r])) await run(ADD_ALIASES, { rows: chunk });
  } else {
    await refreshAliases(run, touched.filter((t) => !deleted.includes(t)), c, batched);
  }
  await step('aliases');

  const createdSet = new Set(created);
  return {
    articleId: id,
    status,
    ...c,
    entityIds: [...new Set([...newIds, ...deleted])].sort(),
    createdEntityIds: [...createdSet].sort(),
    mergedEntityIds: newIds.filter((e) => !createdSet.has(e)).sort(),
    deletedEntityIds: deleted.sort(),
  };
}

/**
 * Writes one article and its facts in ONE transaction with a handful of UNWIND statements. The
 * same content again writes nothing ('unchanged'); a changed version replaces the article's
 * mentions and facts and deletes entities no article mentions any more.
 */
export async function upsertArticleGraph(db: Db, article: ArticleInput, extraction: Extraction, opts: UpsertOptions = {}): Promise<UpsertSummary> {
  return withWriteTransaction(db, (tx) => writeArticle(tx, article, extraction, opts, true));
}

/** The same write with one statement per entity and per fact: the baseline the benchmark compares against. */
export async function upsertArticleGraphUnbatched(
  db: Db,
  article: ArticleInput,
  extraction: Extraction,
  opts: UpsertOptions = {},
): Promise<UpsertSummary> {
  return withWriteTransaction(db, (tx) => writeArticle(tx, article, extraction, opts, false));
}

/** Retracts an article: its MENTIONS, its facts, and the entities no other article mentions, in one transaction. */
export async function removeArticle(db: Db, id: string): Promise<RemoveSummary> {
  return withWriteTransaction(db, async (tx) => {
    const run = txRun(tx);
    const c: Counters = { nodesCreated: 0, relationshipsCreated: 0, nodesDeleted: 0, relationshipsDeleted: 0 };
    await retractFacts(run, id, c);
    const mentions = await tx.run(DELETE_MENTIONS, { id });
    count(c, mentions);
    const entityIds = [...new Set(mentions.records.map((r) => r.get('id') as string))].sort();
    const article = await tx.run(DELETE_ARTICLE, { id });
    const removed = article.records.length > 0;
    if (removed) await tx.run(RECORD_REMOVAL, { id, title: article.records[0]?.get('title') ?? null, at: new Date().toISOString() });
    const deletedEntityIds = (await deleteOrphans(run, entityIds, c, true)).sort();
    const kept = entityIds.filter((e) => !deletedEntityIds.includes(e));
    if (kept.length) await refreshAliases(run, kept, c, true);
    return { removed, entityIds, deletedEntityIds, relationshipsDeleted: c.relationshipsDeleted };
  });
}

export async function countArticles(db: Db): Promise<number> {
  const res = await readQuery(db, COUNT_ARTICLES);
  return res.records[0]?.get('n') as number;
}

export async function articleExists(db: Db, id: string): Promise<boolean> {
  const res = await readQuery(db, ARTICLE_EXISTS, { id });
  return res.records[0]?.get('exists') === true;
}

export interface ArticleToWrite {
  input: ArticleInput;
  extraction: Extraction;
}

/**
 * Writes several articles in ONE transaction, one after the other (each resolves against what
 * the ones before it wrote), so a batch pays one commit instead of one per article. If any of
 * them fails, the transaction is rolled back and each article is written again on its own, so
 * every article still ends all-or-nothing and one bad article does not take the others with
 * it. Results are in input order: a summary, or the error that article's own write raised.
 */
export async function upsertArticleGraphs(db: Db, items: readonly ArticleToWrite[], opts: UpsertOptions = {}): Promise<(UpsertSummary | Error)[]> {
  if (items.length === 0) return [];
  try {
    return await withWriteTransaction(db, async (tx) => {
      const out: UpsertSummary[] = [];
      for (const item of items) out.push(await writeArticle(tx, item.input, item.extraction, opts, true));
      return out;
    });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    // An unreachable database fails every article the same way: no point waiting it out again one by one.
    const code = (err as { code?: unknown }).code;
    if (items.length === 1 || code === 'ServiceUnavailable' || code === 'SessionExpired') return items.map(() => error);
    const out: (UpsertSummary | Error)[] = [];
    for (const item of items) {
      try {
        out.push(await upsertArticleGraph(db, item.input, item.extraction, opts));
      } catch (e) {
        out.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return out;
  }
}

/** The write statements, by name: for the Cypher snapshot tests and PROFILE runs. */
export const WRITE_STATEMENTS = {
  FIND_ENTITIES,
  FIND_EVENTS,
  LOCK_ARTICLE,
  DELETE_EVIDENCE,
  RESUMMARISE,
  DELETE_MENTIONS,
  UPSERT_ARTICLE,
  UPSERT_ENTITIES,
  ADD_ALIASES,
  PAIRS_LINKED,
  MERGE_FACTS,
  CREATE_EVIDENCE,
  ADD_DEGREES,
  REFRESH_ALIASES,
  DELETE_ORPHANS,
  DELETE_UNUSED_KEYS,
  DELETE_ARTICLE,
  RECORD_REMOVAL,
} as const;
