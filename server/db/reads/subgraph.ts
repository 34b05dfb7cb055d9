// Subgraph reads for the web view (overview, neighbourhood, paths) and the analytical reads
// (timeline, relations over time, changes, stats, health).
import type { Db } from '../driver.js';
import { RELATION_TYPES } from '../../extractors/contract.js';
import { run, statement, type Statement } from '../statement.js';
import { entitiesByIdsStatement } from './entities.js';
import { EVENT_ROLE_FACT_TYPES, FACT_TYPES, NON_EVENT_ROLE_FACT_TYPES, edgeMap, entityMap, evidenceMap, toEdge, toEntity, toEvidence, int, degreeOf } from './project.js';
import type { ChangeRecord, EdgeRecord, EntityRecord, EvidenceRecord, GraphRecord, MonthScoreRecord, Page, PathRecord, RankedRecord, StatsRecord } from './records.js';

type Raw = Record<string, unknown>;

// Variable-length bounds cannot be parameters, so each allowed depth has its own constant text.
const HOPS: Record<number, string> = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [n, `:${FACT_TYPES}*1..${n}`]));

/** How many of its strongest edges each node keeps in a picture when the caller does not say. */
export const EDGES_PER_NODE = 12;

/**
 * The summary edges among the entities in `ns` (fact types only, both ends in the list), folded
 * per (source, type, target), as `edges`; each node keeps its `$edgesPerNode` strongest (most
 * articles, then most sentences), and an edge is drawn when it is among the strongest of either
 * end. Without the cut the 150 most connected entities of 20,000 articles hold 6,700 edges among
 * them: a picture nobody can read, whose transfer alone takes a quarter of a second. With it,
 * `edgesTruncated` says some weaker ones were left out (the details panel lists them all).
 *
 * Each pair of entities has at most one relationship per type and direction, so this reads one
 * row per folded edge. Event-role facts (an actor's PARTICIPATED_IN, STATED, TARGET_OF) are
 * most of a hub's relationships, one per event it took part in, yet only the events in `ns` can
 * end one: they are read from those events' side, and every other type from its source (for the
 * 150 most connected entities of 20,000 articles, 11,000 relationships read instead of 200,000).
 */
export const EDGES_AMONG = `
  CALL (ns) {
    CALL (ns) {
      UNWIND ns AS a
      MATCH (a)-[r:${NON_EVENT_ROLE_FACT_TYPES}]->(b)
      WHERE b IN ns
      RETURN r, a.id AS source, b.id AS target
      UNION ALL
      UNWIND [n IN ns WHERE n:Event] AS b
      MATCH (a)-[r:${EVENT_ROLE_FACT_TYPES}]->(b)
      WHERE a IN ns
      RETURN r, a.id AS source, b.id AS target
    }
    WITH r, source, type(r) AS type, target
    ORDER BY r.articleCount DESC, r.evidenceCount DESC, source, type, target
    WITH collect({r: r, source: source, type: type, target: target}) AS ranked
    CALL (ranked) {
      UNWIND ranked AS x
      UNWIND [x.source, x.target] AS end
      WITH end, collect(x)[..$edgesPerNode] AS strongest
      UNWIND strongest AS x
      WITH DISTINCT x
      WITH x ORDER BY x.source, x.type, x.target
      RETURN collect(${edgeMap('x.r', { source: 'x.source', type: 'x.type', target: 'x.target' })}) AS edges
    }
    RETURN edges, size(edges) < size(ranked) AS edgesTruncated
  }`;

export function toGraph(rec: { get(k: string): unknown } | undefined): GraphRecord {
  if (!rec) return { nodes: [], edges: [], truncated: false, edgesTruncated: false };
  return {
    nodes: (rec.get('nodes') as Raw[]).map(toEntity),
    edges: (rec.get('edges') as Raw[]).map(toEdge),
    truncated: Boolean(rec.get('truncated')),
    edgesTruncated: Boolean(rec.get('edgesTruncated')),
  };
}

/** The most connected entities, read in order from the degree index, and the edges among them. */
export function overviewStatement(limit: number, edgesPerNode = EDGES_PER_NODE): Statement {
  return statement(
    `MATCH (e:Entity) WHERE e.degree >= 0
     WITH e ORDER BY e.degree DESC LIMIT $more
     WITH collect(e) AS rows
     WITH rows[..$limit] AS ns, size(rows) > $limit AS truncated
     ${EDGES_AMONG}
     RETURN [n IN ns | ${entityMap('n')}] AS nodes, edges, truncated, edgesTruncated`,
    { limit: int(limit), more: int(limit + 1), edgesPerNode: int(edgesPerNode) },
  );
}

/** The `limit` most connected entities and the strongest edges among them (`edgesPerNode` per node). */
export async function overview(db: Db, limit: number, edgesPerNode = EDGES_PER_NODE): Promise<GraphRecord> {
  return toGraph((await run(db, overviewStatement(limit, edgesPerNode))).records[0]);
}

/** How much a neighbourhood walk beyond one hop would read: the centre's neighbours and the sum of their degrees. */
export function neighbourhoodCostStatement(id: string): Statement {
  return statement(
    `MATCH (c:Entity {id: $id})
     RETURN COUNT { (c)-[:${FACT_TYPES}]-() } AS degree,
            COLLECT { MATCH (c)-[:${FACT_TYPES}]-(n) WITH DISTINCT n RETURN ${degreeOf('n')} } AS degrees`,
    { id },
  );
}

const LABEL_FILTER = '($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))';

/**
 * Entities within `depth` hops of the centre, walked breadth-first with pruning (each node once),
 * the most connected `limit` kept: for a centre whose surroundings are small enough to walk.
 */
export function neighbourhoodWalkStatement(id: string, depth: number, labels: string[] | null, limit: number, edgesPerNode = EDGES_PER_NODE): Statement {
  const hops = HOPS[depth];
  if (!hops) throw new RangeError(`depth ${depth} is not allowed`);
  return statement(
    `MATCH (c:Entity {id: $id})
     OPTIONAL CALL (c) {
       MATCH (c)-[${hops}]-(n:Entity)
       WITH DISTINCT n
       WHERE n <> c AND ${LABEL_FILTER}
       WITH n ORDER BY ${degreeOf('n')} DESC, n.id LIMIT $more
       RETURN collect(n) AS around
     }
     WITH c, coalesce(around, []) AS around
     WITH [c] + around[..$limit] AS ns, size(around) > $limit AS truncated
     ${EDGES_AMONG}
     RETURN [n IN ns | ${entityMap('n')}] AS nodes, edges, truncated, edgesTruncated`,
    { id, labels, limit: int(limit), more: int(limit + 1), edgesPerNode: int(edgesPerNode) },
  );
}

/**
 * The same answer for a hub, whose two-hop surroundings are most of the graph: entities are read
 * from the degree index, most connected first, and kept when they lie within `depth` hops (a
 * neighbour, or next to one), until `limit` are found. The scan stops early because a hub's
 * surroundings hold most of the well-connected entities.
 */
export function neighbourhoodHubStatement(id: string, depth: 2 | 3, labels: string[] | null, limit: number, edgesPerNode = EDGES_PER_NODE): Statement {
  const near =
    depth === 2
      ? 'n IN n1 OR EXISTS { (n)-[:FACT]-(m) WHERE m IN n1 }'
      : 'n IN n1 OR EXISTS { (n)-[:FACT]-(m) WHERE m IN n1 } OR EXISTS { (n)-[:FACT]-()-[:FACT]-(m) WHERE m IN n1 }';
  return statement(
    `MATCH (c:Entity {id: $id})
     CALL (c) { MATCH (c)-[:${FACT_TYPES}]-(x) RETURN collect(DISTINCT x) AS n1 }
     CALL (c, n1) {
       MATCH (n:Entity) WHERE n.degree >= 0 AND n <> c AND ${LABEL_FILTER} AND (${near.replaceAll(':FACT', `:${FACT_TYPES}`)})
       WITH n ORDER BY n.degree DESC LIMIT $more
       RETURN collect(n) AS around
     }
     WITH [c] + around[..$limit] AS ns, size(around) > $limit AS truncated
     ${EDGES_AMONG}
     RETURN [n IN ns | ${entityMap('n')}] AS nodes, edges, truncated, edgesTruncated`,
    { id, labels, limit: int(limit), more: int(limit + 1), edgesPerNode: int(edgesPerNode) },
  );
}

/** Above this many relationships to read on a walk, the neighbourhood is taken from the degree index instead. */
export const WALK_BUDGET = 20_000;

/**
 * Entities within `depth` hops of `id` (the centre always included), the most connected first
 * when `limit` cuts, restricted to `labels` when given, with the edges among them. One hop is a
 * walk of the centre's relationships; further hops walk when the first ring's degrees add up to
 * less than WALK_BUDGET, and otherwise read the degree index (the centre is a hub).
 */
export async function neighbourhood(db: Db, id: string, depth: number, labels: string[] | null, limit: number, edgesPerNode = EDGES_PER_NODE): Promise<GraphRecord | null> {
  if (!HOPS[depth] || depth > 3) throw new RangeError(`depth ${depth} is not allowed`);
  let s = neighbourhoodWalkStatement(id, depth, labels, limit, edgesPerNode);
  if (depth > 1) {
    const cost = (await run(db, neighbourhoodCostStatement(id))).records[0];
    if (!cost) return null;
    const degrees = cost.get('degrees') as number[];
    const reach = degrees.reduce((sum, d) => sum + Number(d), 0);
    if (reach > WALK_BUDGET) s = neighbourhoodHubStatement(id, depth as 2 | 3, labels, limit, edgesPerNode);
  }
  const res = await run(db, s);
  return res.records.length ? toGraph(res.records[0]) : null;
}

export interface EdgeKey {
  source: string;
  target: string;
  type: string;
}

const keyParams = (keys: readonly EdgeKey[]) => keys.map((k) => ({ source: k.source, target: k.target, type: k.type }));

export function edgesByKeysStatement(keys: readonly EdgeKey[]): Statement {
  return statement(
    `UNWIND $keys AS k
     MATCH (a:Entity {id: k.source})-[r:${FACT_TYPES}]->(b:Entity {id: k.target})
     WHERE type(r) = k.type
     RETURN ${edgeMap('r')} AS edge`,
    { keys: keyParams(keys) },
  );
}

/** Summary edges for (source, type, target) keys. */
export async function edgesByKeys(db: Db, keys: readonly EdgeKey[]): Promise<EdgeRecord[]> {
  const res = await run(db, edgesByKeysStatement(keys));
  return res.records.map((r) => toEdge(r.get('edge') as Raw));
}

export function evidenceOfEdgesStatement(keys: readonly EdgeKey[], first: number): Statement {
  return statement(
    `UNWIND $keys AS k
     WITH k, k.source + '|' + k.type + '|' + k.target AS key
     CALL (key) {
       MATCH (ev:Evidence {factKey: key})
       WITH ev ORDER BY ev.confidence DESC, ev.publishedAt, ev.articleId, ev.start LIMIT $first
       RETURN collect(${evidenceMap('ev')}) AS evidence
     }
     RETURN key, evidence`,
    { keys: keyParams(keys), first: int(first) },
  );
}

/** Evidence of summary edges (Evidence nodes by fact key), best confidence first, at most `first` per edge. */
export async function evidenceOfEdges(db: Db, keys: readonly EdgeKey[], first: number): Promise<Map<string, EvidenceRecord[]>> {
  const res = await run(db, evidenceOfEdgesStatement(keys, first));
  return new Map(res.records.map((r) => [r.get('key') as string, (r.get('evidence') as Raw[]).map(toEvidence)]));
}

export function shortestPathsStatement(from: string, to: string, maxLength: number, first: number): Statement {
  const hops = HOPS[maxLength];
  if (!hops) throw new RangeError(`maxLength ${maxLength} is not allowed`);
  return statement(
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     WHERE a <> b
     MATCH p = allShortestPaths((a)-[${hops}]-(b))
     WITH p LIMIT $raw
     RETURN [n IN nodes(p) | n.id] AS ids,
            [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r)}] AS rels`,
    { from, to, raw: int(first * 5) },
  );
}

/**
 * Shortest connections between two entities, as distinct node sequences; each hop is the summary
 * edge it travels. Two types over the same pair give two paths over the same nodes, so a few
 * more raw paths than asked for are read and folded.
 */
export async function shortestPaths(db: Db, from: string, to: string, maxLength: number, first: number): Promise<PathRecord[]> {
  const res = await run(db, shortestPathsStatement(from, to, maxLength, first));
  const seen = new Map<string, { ids: string[]; rels: EdgeKey[] }>();
  for (const r of res.records) {
    const ids = r.get('ids') as string[];
    const rels = r.get('rels') as EdgeKey[];
    const key = ids.join('>') + '#' + rels.map((x) => x.type).join(',');
    if (!seen.has(key)) seen.set(key, { ids, rels });
  }
  // Prefer distinct node sequences; a second relation type over the same nodes comes after.
  const byNodes = new Map<string, { ids: string[]; rels: EdgeKey[] }[]>();
  for (const p of seen.values()) {
    const k = p.ids.join('>');
    byNodes.set(k, [...(byNodes.get(k) ?? []), p]);
  }
  const picked = [...byNodes.values()].map((v) => v[0]!).concat([...byNodes.values()].flatMap((v) => v.slice(1))).slice(0, first);
  if (picked.length === 0) return [];
  const keys = new Map<string, EdgeKey>();
  for (const p of picked) for (const k of p.rels) keys.set(`${k.source}|${k.type}|${k.target}`, k);
  const nodeIds = [...new Set(picked.flatMap((p) => p.ids))];
  const [edges, nodes] = await Promise.all([edgesByKeys(db, [...keys.values()]), entitiesForPaths(db, nodeIds)]);
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  return picked.map((p) => ({
    length: p.rels.length,
    nodes: p.ids.map((id) => nodes.get(id)!).filter(Boolean),
    hops: p.rels.map((k, i) => ({ from: p.ids[i]!, to: p.ids[i + 1]!, edge: edgeById.get(`${k.source}|${k.type}|${k.target}`)! })),
  }));
}

async function entitiesForPaths(db: Db, ids: string[]): Promise<Map<string, EntityRecord>> {
  const res = await run(db, entitiesByIdsStatement(ids));
  return new Map(res.records.map((r) => { const e = toEntity(r.get('e') as Raw); return [e.id, e]; }));
}

/**
 * Dated events linked to an actor and/or an issue, oldest first. The walk starts at the actor
 * (or the issue), so it reads that entity's events and nothing else of the graph.
 */
export function timelineStatement(actor: string | null, issue: string | null, from: string | null, toHi: string | null, skip: number, limit: number): Statement {
  const start = actor !== null ? `MATCH (:Actor {id: $actor})-[:${FACT_TYPES}]-(ev:Event)` : `MATCH (:Issue {id: $issue})-[:${FACT_TYPES}]-(ev:Event)`;
  const other = actor !== null ? `AND ($issue IS NULL OR EXISTS { (ev)-[:${FACT_TYPES}]-(:Issue {id: $issue}) })` : '';
  return statement(
    `${start}
     WITH DISTINCT ev
     WHERE ev.date IS NOT NULL ${other}
       AND ($from IS NULL OR ev.date >= $from) AND ($toHi IS NULL OR ev.date <= $toHi)
     WITH ev ORDER BY ev.date, toLower(ev.name), ev.id
     WITH collect(ev) AS rows
     RETURN size(rows) AS total, [e IN rows[$skip..$end] | ${entityMap('e')}] AS items`,
    { actor, issue, from, toHi, skip: int(skip), end: int(skip + limit) },
  );
}

export async function timeline(
  db: Db,
  actor: string | null,
  issue: string | null,
  from: string | null,
  toHi: string | null,
  skip: number,
  limit: number,
): Promise<Page<EntityRecord>> {
  if (actor === null && issue === null) return { total: 0, items: [], offset: skip };
  const res = await run(db, timelineStatement(actor, issue, from, toHi, skip, limit));
  const rec = res.records[0];
  return { total: rec ? Number(rec.get('total')) : 0, items: rec ? (rec.get('items') as Raw[]).map(toEntity) : [], offset: skip };
}

/** Events both actors are tied to, grouped by month (YYYY-MM), with the mean Goldstein score. */
export function relationsOverTimeStatement(a: string, b: string): Statement {
  return statement(
    `MATCH (x:Actor {id: $a})-[:${FACT_TYPES}]-(ev:Event)-[:${FACT_TYPES}]-(y:Actor {id: $b})
     WHERE x <> y AND ev.date IS NOT NULL AND size(ev.date) >= 7
     WITH DISTINCT ev
     WITH substring(ev.date, 0, 7) AS month, ev ORDER BY ev.date, ev.id
     WITH month, collect(ev) AS evs
     ORDER BY month
     RETURN month, size(evs) AS eventCount,
            reduce(s = 0.0, e IN [e IN evs WHERE e.goldstein IS NOT NULL] | s + e.goldstein) AS sum,
            size([e IN evs WHERE e.goldstein IS NOT NULL]) AS scored,
            [e IN evs | ${entityMap('e')}] AS events`,
    { a, b },
  );
}

export async function relationsOverTime(db: Db, a: string, b: string): Promise<MonthScoreRecord[]> {
  const res = await run(db, relationsOverTimeStatement(a, b));
  return res.records.map((r) => {
    const scored = Number(r.get('scored'));
    return {
      month: r.get('month') as string,
      eventCount: Number(r.get('eventCount')),
      meanGoldstein: scored ? Number(r.get('sum')) / scored : 0,
      events: (r.get('events') as Raw[]).map(toEntity),
    };
  });
}

/** Articles added or updated at or after `since` (ISO), newest first. */
export function changesSinceStatement(since: string, skip: number, limit: number): Statement {
  return statement(
    `CALL () {
       MATCH (a:Article)
       WITH a, toString(coalesce(a.updatedAt, a.ingestedAt)) AS at, toString(a.ingestedAt) AS born
       WHERE at >= $since
       RETURN CASE WHEN born >= $since THEN 'ADDED' ELSE 'UPDATED' END AS kind, at, a.id AS articleId, a.title AS title
       UNION ALL
       MATCH (r:Removal) WHERE r.at >= $since
       RETURN 'REMOVED' AS kind, r.at AS at, r.articleId AS articleId, r.title AS title
     }
     WITH kind, at, articleId, title ORDER BY at DESC, articleId
     WITH collect({kind: kind, at: at, articleId: articleId, title: title}) AS rows
     RETURN size(rows) AS total, rows[$skip..$end] AS items`,
    { since, skip: int(skip), end: int(skip + limit) },
  );
}

export async function changesSince(db: Db, since: string, skip: number, limit: number): Promise<Page<ChangeRecord>> {
  const res = await run(db, changesSinceStatement(since, skip, limit));
  const rec = res.records[0];
  return {
    total: rec ? Number(rec.get('total')) : 0,
    items: rec ? (rec.get('items') as ChangeRecord[]).map((c) => ({ ...c, title: c.title ?? null })) : [],
    offset: skip,
  };
}

/**
 * Graph-wide counts from Neo4j's count store (one lookup per label and relationship type, no
 * scan); actor kinds from the actor_kind index (one seek per kind).
 */
export function graphStatsStatement(): Statement {
  const types = ['MENTIONS', ...RELATION_TYPES];
  const byType = types.map((t, i) => `CALL () { MATCH ()-[r:${t}]->() RETURN count(r) AS r${i} }`).join('\n     ');
  const rels = types.map((t, i) => `{label: '${t}', count: r${i}}`).join(', ');
  return statement(
    `CALL () { MATCH (a:Article) RETURN count(a) AS articles }
     CALL () { MATCH (e:Actor) RETURN count(e) AS actors }
     CALL () { MATCH (e:Issue) RETURN count(e) AS issues }
     CALL () { MATCH (e:Event) RETURN count(e) AS events }
     CALL () { MATCH (e:Place) RETURN count(e) AS places }
     CALL () {
       UNWIND $kinds AS kind
       CALL (kind) { MATCH (a:Actor) WHERE a.kind = kind RETURN count(a) AS c }
       WITH kind, c WHERE c > 0 ORDER BY c DESC, kind
       RETURN collect({label: toUpper(kind), count: c}) AS actorsByKind
     }
     ${byType}
     RETURN articles, [{label: 'Actor', count: actors}, {label: 'Issue', count: issues}, {label: 'Event', count: events}, {label: 'Place', count: places}] AS entitiesByType,
            actorsByKind, [${rels}] AS rels`,
    { kinds: ['person', 'organization', 'country', 'group'] },
  );
}

export async function graphStats(db: Db): Promise<StatsRecord> {
  const res = await run(db, graphStatsStatement());
  const r = res.records[0]!;
  const counts = (k: string) => (r.get(k) as { label: string; count: unknown }[]).map((x) => ({ label: x.label, count: Number(x.count) }));
  const rels = counts('rels')
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  return { articles: Number(r.get('articles')), entitiesByType: counts('entitiesByType'), actorsByKind: counts('actorsByKind'), relationshipsByType: rels };
}

export function topEntitiesStatement(label: 'Actor' | 'Issue', first: number): Statement {
  const match = label === 'Actor' ? 'MATCH (e:Actor)' : 'MATCH (e:Issue)';
  return statement(`${match} WHERE e.degree >= 0 WITH e ORDER BY e.degree DESC, e.id LIMIT $first RETURN ${entityMap('e')} AS e`, { first: int(first) });
}

/** The most connected entities of one label, from the label's degree index. */
export async function topEntities(db: Db, label: 'Actor' | 'Issue', first: number): Promise<RankedRecord[]> {
  const res = await run(db, topEntitiesStatement(label, first));
  return res.records.map((r) => { const e = toEntity(r.get('e') as Raw); return { entity: e, degree: e.degree }; });
}

export function neo4jVersionStatement(): Statement {
  return statement('CALL dbms.components() YIELD versions RETURN versions[0] AS v');
}

/** The Neo4j server's version, for reports. */
export async function neo4jVersion(db: Db): Promise<string> {
  const res = await run(db, neo4jVersionStatement());
  return String(res.records[0]?.get('v') ?? 'unknown');
}
