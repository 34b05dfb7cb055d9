// Subgraph reads for the web view (overview, neighbourhood, paths) and the analytical reads
// (timeline, relations over time, changes, stats, health).
import { readQuery, type Db } from '../driver.js';
import { FACT_TYPES, edgeMap, entityMap, evidenceMap, toEdge, toEntity, toEvidence, int, degreeOf } from './project.js';
import type { ChangeRecord, EdgeRecord, EntityRecord, EvidenceRecord, GraphRecord, MonthScoreRecord, Page, PathRecord, RankedRecord, StatsRecord } from './records.js';

type Raw = Record<string, unknown>;

// Variable-length bounds cannot be parameters, so each allowed depth has its own constant text.
const HOPS: Record<number, string> = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [n, `:${FACT_TYPES}*1..${n}`]));

/**
 * Folded edges among a set of node ids (fact types only, both ends in the set). Folding uses
 * plain aggregation rather than a subquery per edge: around a hub of a large graph this is a few
 * thousand edges over tens of thousands of relationships, and it decides the query's cost.
 */
const EDGES_AMONG = `
  CALL (ids) {
    MATCH (a:Entity)-[r:${FACT_TYPES}]->(b:Entity)
    WHERE a.id IN ids AND b.id IN ids
    WITH a.id AS source, b.id AS target, type(r) AS type, r
    WITH source, target, type, count(r) AS evidenceCount, count(DISTINCT r.articleId) AS articleCount,
         collect(DISTINCT r.outlet) AS sources, max(coalesce(r.confidence, 0.0)) AS confidence,
         min(toString(r.publishedAt)) AS firstSeen
    ORDER BY source, type, target
    RETURN collect({source: source, target: target, type: type, evidenceCount: evidenceCount, articleCount: articleCount,
                    sources: sources, confidence: confidence, firstSeen: firstSeen}) AS edges
  }`;

function toGraph(rec: { get(k: string): unknown } | undefined): GraphRecord {
  if (!rec) return { nodes: [], edges: [], truncated: false };
  return {
    nodes: (rec.get('nodes') as Raw[]).map(toEntity),
    edges: (rec.get('edges') as Raw[]).map(toEdge),
    truncated: Boolean(rec.get('truncated')),
  };
}

/** The `limit` most connected entities and the edges among them. */
export async function overview(db: Db, limit: number): Promise<GraphRecord> {
  const res = await readQuery(
    db,
    `MATCH (e:Entity)
     WITH e, ${degreeOf('e')} AS degree
     ORDER BY degree DESC, e.id
     WITH collect(e) AS rows
     WITH rows[..$limit] AS ns, size(rows) > $limit AS truncated
     WITH ns, truncated, [n IN ns | n.id] AS ids
     ${EDGES_AMONG}
     RETURN [n IN ns | ${entityMap('n')}] AS nodes, edges, truncated`,
    { limit: int(limit) },
  );
  return toGraph(res.records[0]);
}

/**
 * Entities within `depth` hops of `id` (the centre always included), the most connected first
 * when `limit` cuts, restricted to `labels` when given, with the edges among them.
 */
export async function neighbourhood(db: Db, id: string, depth: number, labels: string[] | null, limit: number): Promise<GraphRecord | null> {
  const hops = HOPS[depth];
  if (!hops) throw new RangeError(`depth ${depth} is not allowed`);
  const res = await readQuery(
    db,
    `MATCH (c:Entity {id: $id})
     OPTIONAL CALL (c) {
       MATCH (c)-[${hops}]-(n:Entity)
       WHERE n <> c AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
       WITH DISTINCT n
       WITH n, ${degreeOf('n')} AS degree
       ORDER BY degree DESC, n.id
       RETURN collect(n) AS around
     }
     WITH c, coalesce(around, []) AS around
     WITH c, around[..$limit] AS picked, size(around) > $limit AS truncated
     WITH [c] + picked AS ns, truncated
     WITH ns, truncated, [n IN ns | n.id] AS ids
     ${EDGES_AMONG}
     RETURN [n IN ns | ${entityMap('n')}] AS nodes, edges, truncated`,
    { id, labels, limit: int(limit) },
  );
  return res.records.length ? toGraph(res.records[0]) : null;
}

export interface EdgeKey {
  source: string;
  target: string;
  type: string;
}

/** Folded edges for (source, type, target) keys. */
export async function edgesByKeys(db: Db, keys: readonly EdgeKey[]): Promise<EdgeRecord[]> {
  const res = await readQuery(
    db,
    `UNWIND $keys AS k
     MATCH (a:Entity {id: k.source})-[r]->(b:Entity {id: k.target})
     WHERE type(r) = k.type
     WITH a, b, k.type AS t, collect(r) AS rs
     RETURN ${edgeMap('a', 'b', 't', 'rs')} AS edge`,
    { keys: keys.map((k) => ({ source: k.source, target: k.target, type: k.type })) },
  );
  return res.records.map((r) => toEdge(r.get('edge') as Raw));
}

/** Evidence of folded edges, best confidence first, at most `first` per edge. */
export async function evidenceOfEdges(db: Db, keys: readonly EdgeKey[], first: number): Promise<Map<string, EvidenceRecord[]>> {
  const res = await readQuery(
    db,
    `UNWIND $keys AS k
     CALL (k) {
       MATCH (a:Entity {id: k.source})-[r]->(b:Entity {id: k.target})
       WHERE type(r) = k.type
       WITH r ORDER BY r.confidence DESC, r.publishedAt, r.articleId, r.start
       RETURN collect(${evidenceMap('r')})[..$first] AS evidence
     }
     RETURN k.source + '|' + k.type + '|' + k.target AS key, evidence`,
    { keys: keys.map((k) => ({ source: k.source, target: k.target, type: k.type })), first: int(first) },
  );
  return new Map(res.records.map((r) => [r.get('key') as string, (r.get('evidence') as Raw[]).map(toEvidence)]));
}

/**
 * Shortest connections between two entities, as distinct node sequences; each hop is the folded
 * edge it travels. Parallel relationships give many paths over the same nodes, so more raw paths
 * than asked for are read and folded.
 */
export async function shortestPaths(db: Db, from: string, to: string, maxLength: number, first: number): Promise<PathRecord[]> {
  const hops = HOPS[maxLength];
  if (!hops) throw new RangeError(`maxLength ${maxLength} is not allowed`);
  const res = await readQuery(
    db,
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     WHERE a <> b
     MATCH p = allShortestPaths((a)-[${hops}]-(b))
     WITH p LIMIT $raw
     RETURN [n IN nodes(p) | n.id] AS ids,
            [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r)}] AS rels`,
    { from, to, raw: int(first * 25) },
  );
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
  const res = await readQuery(db, `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN ${entityMap('e')} AS e`, { ids });
  return new Map(res.records.map((r) => { const e = toEntity(r.get('e') as Raw); return [e.id, e]; }));
}

/** Dated events linked to an actor and/or an issue, oldest first. */
export async function timeline(
  db: Db,
  actor: string | null,
  issue: string | null,
  from: string | null,
  toHi: string | null,
  skip: number,
  limit: number,
): Promise<Page<EntityRecord>> {
  const res = await readQuery(
    db,
    `MATCH (ev:Event)
     WHERE ev.date IS NOT NULL
       AND ($actor IS NULL OR EXISTS { (ev)--(:Actor {id: $actor}) })
       AND ($issue IS NULL OR EXISTS { (ev)--(:Issue {id: $issue}) })
       AND ($from IS NULL OR ev.date >= $from) AND ($toHi IS NULL OR ev.date <= $toHi)
     WITH ev ORDER BY ev.date, toLower(ev.name), ev.id
     WITH collect(ev) AS rows
     RETURN size(rows) AS total, [e IN rows[$skip..$end] | ${entityMap('e')}] AS items`,
    { actor, issue, from, toHi, skip: int(skip), end: int(skip + limit) },
  );
  const rec = res.records[0];
  return { total: rec ? Number(rec.get('total')) : 0, items: rec ? (rec.get('items') as Raw[]).map(toEntity) : [], offset: skip };
}

/** Events both actors are tied to, grouped by month (YYYY-MM), with the mean Goldstein score. */
export async function relationsOverTime(db: Db, a: string, b: string): Promise<MonthScoreRecord[]> {
  const res = await readQuery(
    db,
    `MATCH (x:Actor {id: $a})--(ev:Event)--(y:Actor {id: $b})
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
export async function changesSince(db: Db, since: string, skip: number, limit: number): Promise<Page<ChangeRecord>> {
  const res = await readQuery(
    db,
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
  const rec = res.records[0];
  return {
    total: rec ? Number(rec.get('total')) : 0,
    items: rec ? (rec.get('items') as ChangeRecord[]).map((c) => ({ ...c, title: c.title ?? null })) : [],
    offset: skip,
  };
}

export async function graphStats(db: Db): Promise<StatsRecord> {
  const res = await readQuery(
    db,
    `CALL () { MATCH (a:Article) RETURN count(a) AS articles }
     CALL () {
       UNWIND ['Actor', 'Issue', 'Event', 'Place'] AS label
       CALL (label) { MATCH (e:Entity) WHERE label IN labels(e) RETURN count(e) AS c }
       RETURN collect({label: label, count: c}) AS entitiesByType
     }
     CALL () {
       MATCH (a:Actor) WITH coalesce(a.kind, 'unknown') AS kind, count(*) AS c ORDER BY c DESC, kind
       RETURN collect({label: toUpper(kind), count: c}) AS actorsByKind
     }
     CALL () {
       MATCH ()-[r]->() WITH type(r) AS t, count(*) AS c ORDER BY c DESC, t
       RETURN collect({label: t, count: c}) AS relationshipsByType
     }
     RETURN articles, entitiesByType, actorsByKind, relationshipsByType`,
  );
  const r = res.records[0]!;
  const counts = (k: string) => (r.get(k) as { label: string; count: unknown }[]).map((x) => ({ label: x.label, count: Number(x.count) }));
  return { articles: Number(r.get('articles')), entitiesByType: counts('entitiesByType'), actorsByKind: counts('actorsByKind'), relationshipsByType: counts('relationshipsByType') };
}

/** The most connected entities of one label. */
export async function topEntities(db: Db, label: 'Actor' | 'Issue', first: number): Promise<RankedRecord[]> {
  const cypher =
    label === 'Actor'
      ? `MATCH (e:Actor) WITH e, ${degreeOf('e')} AS degree ORDER BY degree DESC, e.id LIMIT $first RETURN ${entityMap('e')} AS e`
      : `MATCH (e:Issue) WITH e, ${degreeOf('e')} AS degree ORDER BY degree DESC, e.id LIMIT $first RETURN ${entityMap('e')} AS e`;
  const res = await readQuery(db, cypher, { first: int(first) });
  return res.records.map((r) => { const e = toEntity(r.get('e') as Raw); return { entity: e, degree: e.degree }; });
}

/** The Neo4j server's version, for reports. */
export async function neo4jVersion(db: Db): Promise<string> {
  const res = await readQuery(db, 'CALL dbms.components() YIELD versions RETURN versions[0] AS v');
  return String(res.records[0]?.get('v') ?? 'unknown');
}
