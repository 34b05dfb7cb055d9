// The Cypher of the write side (MODEL.md), one Statement builder per statement: the resolution
// look-ups, the article writer's steps, and the article removal. Every value is a parameter;
// labels and relationship types come only from ENTITY_LABELS and RELATION_TYPES, written into
// the text here, never from rows. Snapshot-tested in test/unit/cypher-snapshots.test.ts.
import type { RelationType } from '../../extractors/contract.js';
import { RELATION_TYPES } from '../../extractors/contract.js';
import { ENTITY_LABELS } from '../../resolve/index.js';
import { FACT_TYPES } from '../reads/project.js';
import { statement, type Statement } from '../statement.js';
import type { EventWindows } from './lookups.js';
import type { AliasRow, ArticleRow, DegreeDelta, EntityRow, EvidenceRow, Pair, Provenance, SummaryRow } from './rows.js';

const LABELS = Object.values(ENTITY_LABELS);

/** A summary relationship's identity, as Evidence nodes name it. */
export interface FactKey {
  source: string;
  type: string;
  target: string;
}

// --- Resolution look-ups -------------------------------------------------------------------

const ENTITY_FIELDS = `e.id AS id, [l IN labels(e) WHERE l IN $labels][0] AS label, e.kind AS kind, e.name AS name,
  coalesce(e.aliasKeys, []) AS aliasKeys, COLLECT { MATCH (a:Article {id: $articleId}) WHERE EXISTS { (a)-[:MENTIONS]->(e) } RETURN a.id }
    + COLLECT { MATCH (a:Article)-[:MENTIONS]->(e) WHERE $articleId IS NULL OR a.id <> $articleId RETURN a.id LIMIT 1 } AS articleIds`;

/** Entities with one of these ids, or holding one of these alias keys (through the AliasKey index). */
export function findEntitiesStatement(ids: readonly string[], keys: readonly string[], articleId: string | null): Statement {
  return statement(
    `
MATCH (e:Entity) WHERE e.id IN $ids
RETURN ${ENTITY_FIELDS}
UNION
UNWIND $keys AS key
MATCH (:AliasKey {key: key})<-[:HAS_KEY]-(e:Entity)
WITH DISTINCT e
RETURN ${ENTITY_FIELDS}`,
    { ids, keys, labels: LABELS, articleId },
  );
}

/**
 * Candidate events from the (eventType, date) index, inside the matching window of each wanted
 * event (day dates by range, coarser "YYYY" / "YYYY-MM" dates by value), and only then checked
 * for a shared participant: a hub's thousands of events are never walked.
 */
export function findEventsStatement(participantIds: readonly string[], articleId: string | null, windows: EventWindows): Statement {
  return statement(
    `
CALL () {
  UNWIND $windows AS w
  MATCH (ev:Event) WHERE ev.eventType = w.eventType AND ev.date >= w.lo AND ev.date <= w.hi
  RETURN ev
  UNION
  UNWIND $coarse AS c
  MATCH (ev:Event) WHERE ev.eventType = c.eventType AND ev.date = c.date
  RETURN ev
  UNION
  // Undated reports ("an arrest", no date given) are matched on the days they were reported
  // (kept on the event at each report), from the (eventType, reportedFirst) index: neither the
  // participants' thousands of events nor every undated event of the type is walked.
  UNWIND $undated AS u
  MATCH (ev:Event) WHERE ev.eventType = u.eventType AND ev.reportedFirst >= u.from AND ev.reportedFirst <= u.hi
    AND ev.date IS NULL AND ev.reportedLast >= u.lo
  RETURN ev
}
WITH DISTINCT ev
WHERE EXISTS { MATCH (ev)-[:${FACT_TYPES}]-(p:Entity) WHERE p.id IN $participantIds }
RETURN ev.id AS id, ev.eventType AS eventType, ev.date AS date, coalesce(ev.aliases, []) AS aliases,
  COLLECT { MATCH (ev)-[:${FACT_TYPES}]-(x:Entity) WHERE x:Actor OR x:Place RETURN DISTINCT x.id ORDER BY x.id } AS participantIds,
  COLLECT { MATCH (a:Article {id: $articleId}) WHERE EXISTS { (a)-[:MENTIONS]->(ev) } RETURN a.id }
    + COLLECT { MATCH (a:Article)-[:MENTIONS]->(ev) WHERE $articleId IS NULL OR a.id <> $articleId RETURN a.id LIMIT 1 } AS articleIds,
  COLLECT { MATCH (a:Article)-[:MENTIONS]->(ev) WHERE ev.date IS NULL RETURN a.publishedAt ORDER BY a.publishedAt LIMIT 20 } AS publishedAt`,
    { participantIds, articleId, windows: windows.windows, coarse: windows.coarse, undated: windows.undated },
  );
}

// --- Taking an article's old version out -----------------------------------------------------

/**
 * Takes the article's write lock before reading its hash, so two writers of the same article
 * run one after the other and the second sees what the first committed.
 */
export function lockArticleStatement(id: string): Statement {
  return statement(
    `
MERGE (a:Article {id: $id})
SET a.writeLock = true
REMOVE a.writeLock
RETURN a.contentHash AS contentHash`,
    { id },
  );
}

/**
 * An article's share of the facts is its Evidence nodes (found by the articleId index); deleting
 * them names the summary relationships whose counts must be recomputed.
 */
export function deleteEvidenceStatement(id: string): Statement {
  return statement(
    `
MATCH (ev:Evidence {articleId: $id})
WITH ev, ev.source AS source, ev.type AS type, ev.target AS target
DELETE ev
WITH DISTINCT source, type, target
RETURN source, type, target ORDER BY source, type, target`,
    { id },
  );
}

/**
 * Recomputes each summary from the Evidence that remains (the factKey index; work proportional
 * to how often that one fact is stated, not to either entity's degree) and deletes a summary no
 * article states any more. Returns the pairs that lost a relationship.
 */
export function resummariseStatement(keys: readonly FactKey[]): Statement {
  return statement(
    `
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
RETURN k.source AS source, k.target AS target`,
    { keys },
  );
}

export function deleteMentionsStatement(id: string): Statement {
  return statement(
    `
MATCH (:Article {id: $id})-[m:MENTIONS]->(e:Entity)
DELETE m
RETURN e.id AS id`,
    { id },
  );
}

// --- Writing the new version -------------------------------------------------------------------

export function upsertArticleStatement(row: ArticleRow): Statement {
  return statement(
    `
MERGE (a:Article {id: $id})
SET a.ingestedAt = coalesce(a.ingestedAt, $now), a.title = $title, a.source = $source, a.author = $author, a.url = $url, a.publishedAt = $publishedAt,
    a.contentHash = $contentHash, a.text = $text, a.language = $language, a.updatedAt = $now`,
    { ...row },
  );
}

const SET_LABELS = LABELS.map((label) => `FOREACH (_ IN CASE WHEN row.label = '${label}' THEN [1] ELSE [] END | SET e:${label})`).join('\n');

/** A node found by alias keeps its id; it takes the fuller of the two names ("Xi" -> "Xi Jinping"). */
export function upsertEntitiesStatement(articleId: string, rows: readonly EntityRow[], now: string, publishedAt: string | null = null): Statement {
  return statement(
    `
MATCH (a:Article {id: $articleId})
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.kind = row.kind, e.eventType = row.eventType, e.date = row.date, e.status = row.status,
              e.cameo = row.cameo, e.goldstein = row.goldstein, e.amounts = row.amounts, e.aliases = row.aliases,
              e.aliasKeys = row.aliasKeys, e.degree = 0, e.createdAt = $now
WITH a, row, e, e.name AS before
// Only a real change is written: name and aliases feed the full-text index, updated at commit.
FOREACH (_ IN CASE WHEN row.label <> 'Event' AND size(split(row.name, ' ')) > size(split(before, ' ')) THEN [1] ELSE [] END | SET e.name = row.name)
SET e.updatedAt = $now,
    // Where a place or country is, once known, stays (an article that does not place it says nothing against it).
    e.placeKind = coalesce(e.placeKind, row.placeKind), e.countryCode = coalesce(e.countryCode, row.countryCode),
    e.latitude = coalesce(e.latitude, row.latitude), e.longitude = coalesce(e.longitude, row.longitude),
    e.location = coalesce(e.location, CASE WHEN row.latitude IS NULL OR row.longitude IS NULL THEN null ELSE point({latitude: row.latitude, longitude: row.longitude}) END)
${SET_LABELS}
// The days an event was reported: how an undated one is found again (findEventsStatement).
FOREACH (_ IN CASE WHEN row.label = 'Event' AND $reported IS NOT NULL THEN [1] ELSE [] END |
  SET e.reportedFirst = CASE WHEN e.reportedFirst IS NULL OR $reported < e.reportedFirst THEN $reported ELSE e.reportedFirst END,
      e.reportedLast = CASE WHEN e.reportedLast IS NULL OR $reported > e.reportedLast THEN $reported ELSE e.reportedLast END)
MERGE (a)-[m:MENTIONS]->(e)
SET m.localId = row.localId, m.localName = row.localName, m.mentions = row.mentions, m.count = row.count,
    m.resolvedBy = row.resolvedBy, m.matchedOn = row.matchedOn, m.aliases = row.aliases, m.aliasKeys = row.aliasKeys
RETURN row.id AS id, e.createdAt = $now AS created, before`,
    { articleId, rows, now, reported: publishedAt === null ? null : publishedAt.slice(0, 10) },
  );
}

/**
 * A new article only adds names: each entity's aliases and keys grow by what this article
 * called it (and the name it had before, if the article gave it a fuller one), without reading
 * the entity's other mentions — a hub is mentioned by most of the corpus. Updates and removals,
 * which can take names back, recompute from the remaining MENTIONS (refreshAliasesStatement).
 */
export function addAliasesStatement(rows: readonly AliasRow[]): Statement {
  return statement(
    `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WITH e, row,
  COLLECT { UNWIND coalesce(e.aliases, []) + row.aliases + [row.before] AS x WITH DISTINCT x WHERE x <> e.name RETURN x ORDER BY x } AS aliases,
  COLLECT { UNWIND coalesce(e.aliasKeys, []) + row.aliasKeys AS x RETURN DISTINCT x ORDER BY x } AS keys
WHERE aliases <> coalesce(e.aliases, []) OR keys <> coalesce(e.aliasKeys, []) OR e.aliasText IS NULL
SET e.aliases = aliases, e.aliasKeys = keys,
    e.aliasText = reduce(s = '', x IN aliases + [k IN keys WHERE NOT k STARTS WITH 'surname:' AND NOT k IN [n IN aliases + [e.name] | toLower(n)]] | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + x)
WITH e, row
CALL (e, row) {
  UNWIND row.aliasKeys AS key
  MERGE (k:AliasKey {key: key})
  MERGE (e)-[:HAS_KEY]->(k)
}`,
    { rows },
  );
}

/**
 * Whether two entities are joined by any fact yet: a degree counts distinct neighbours, so only
 * the first relationship of a pair adds to it. Expand-into walks the smaller side's
 * relationships of the fact types, never a hub's whole list when the other end is small.
 */
export function pairsLinkedStatement(pairs: readonly Pair[]): Statement {
  return statement(
    `
UNWIND $pairs AS p
MATCH (x:Entity {id: p.a}), (y:Entity {id: p.b})
RETURN p.a AS a, p.b AS b, EXISTS { (x)-[:${FACT_TYPES}]-(y) } AS linked`,
    { pairs },
  );
}

// One summary relationship per (source, type, target), updated in place: the article's folded
// facts add one article, their evidence count, the outlet, the dates and the best confidence.
// The old version's share was taken out first, so an article never counts twice. A relationship
// type cannot be a parameter, so each allow-listed type has its own subquery branch, written
// only from the allow-list, taking only its own rows: an article's facts of every type cost one
// round trip (ten pipelined statements, one per type, took twice as long).
const ALLOWED = new Set<string>(RELATION_TYPES);
const MERGE_FACTS = `
UNWIND $facts AS f
MATCH (s:Entity {id: f.source}), (t:Entity {id: f.target})
CALL (f, s, t) {
${RELATION_TYPES.map(
  (type) => `  WITH f, s, t WHERE f.type = '${type}'
  MERGE (s)-[r:${type}]->(t)
  ON CREATE SET r.articleCount = 1, r.evidenceCount = f.evidenceCount, r.outlets = $outlets, r.sourceCount = size($outlets),
                r.firstSeen = $publishedAt, r.lastSeen = $publishedAt, r.confidence = f.confidence
  ON MATCH SET r.articleCount = r.articleCount + 1, r.evidenceCount = r.evidenceCount + f.evidenceCount,
               r.outlets = CASE WHEN $outlet IS NULL OR $outlet IN r.outlets THEN r.outlets ELSE r.outlets + $outlet END,
               r.sourceCount = size(CASE WHEN $outlet IS NULL OR $outlet IN r.outlets THEN r.outlets ELSE r.outlets + $outlet END),
               r.firstSeen = CASE WHEN r.firstSeen IS NULL OR $publishedAt < r.firstSeen THEN coalesce($publishedAt, r.firstSeen) ELSE r.firstSeen END,
               r.lastSeen = CASE WHEN r.lastSeen IS NULL OR $publishedAt > r.lastSeen THEN coalesce($publishedAt, r.lastSeen) ELSE r.lastSeen END,
               r.confidence = CASE WHEN f.confidence > coalesce(r.confidence, 0.0) THEN f.confidence ELSE r.confidence END
  RETURN 1 AS merged`,
).join('\n  UNION ALL\n')}
}
RETURN count(merged) AS merged`;

/** Adds one article's folded facts, of any relation types, to their summary relationships. */
export function mergeFactsStatement(facts: readonly SummaryRow[], provenance: Provenance): Statement {
  const unknown = facts.find((f) => !ALLOWED.has(f.type));
  if (unknown) throw new RangeError(`relation type ${String(unknown.type)} is not in RELATION_TYPES`);
  return statement(MERGE_FACTS, { outlet: provenance.outlet, outlets: provenance.outlets, publishedAt: provenance.publishedAt, facts });
}


/**
 * Per-article evidence lives off the traversal path: plain nodes keyed by the fact and the
 * article, indexed on both, never joined to an entity.
 */
export function createEvidenceStatement(rows: readonly EvidenceRow[], provenance: Provenance): Statement {
  return statement(
    `
UNWIND $rows AS e
CREATE (:Evidence {factKey: e.source + '|' + e.type + '|' + e.target, source: e.source, type: e.type, target: e.target,
                   articleId: $articleId, outlet: $outlet, publishedAt: $publishedAt,
                   sentence: e.evidence, start: e.start, end: e.end, confidence: e.confidence})`,
    { articleId: provenance.articleId, outlet: provenance.outlet, publishedAt: provenance.publishedAt, rows },
  );
}

/** Degrees change by what the pair bookkeeping found, never by recounting a hub's edges. */
export function addDegreesStatement(deltas: readonly DegreeDelta[]): Statement {
  return statement(
    `
UNWIND $deltas AS d
MATCH (e:Entity {id: d.id})
SET e.degree = coalesce(e.degree, 0) + d.delta`,
    { deltas },
  );
}

// --- Aliases and orphans after an update or a removal --------------------------------------------

/**
 * Aliases are the union of what every mentioning article called the entity, so removing an
 * article also takes back the names only it used. Each alias key is also an (:AliasKey) node,
 * so resolution finds an entity by key through the unique index instead of scanning lists.
 */
export function refreshAliasesStatement(ids: readonly string[]): Statement {
  return statement(
    `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e,
  COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliases AS x RETURN DISTINCT x ORDER BY x } AS names,
  COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) UNWIND m.aliasKeys AS x RETURN DISTINCT x ORDER BY x } AS keys
WHERE size(names) > 0
WITH e, [x IN names WHERE x <> e.name] AS aliases, keys
SET e.aliases = aliases, e.aliasKeys = keys,
    e.aliasText = reduce(s = '', x IN aliases + [k IN keys WHERE NOT k STARTS WITH 'surname:' AND NOT k IN [n IN aliases + [e.name] | toLower(n)]] | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + x)
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
RETURN dropped`,
    { ids },
  );
}

/** Entities among these that no article mentions any more, deleted, with the alias keys they held. */
export function deleteOrphansStatement(ids: readonly string[]): Statement {
  return statement(
    `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
WITH id, e, coalesce(e.aliasKeys, []) AS keys
DETACH DELETE e
RETURN id, keys`,
    { ids },
  );
}

/** Alias keys no entity holds any more. */
export function deleteUnusedKeysStatement(keys: readonly string[]): Statement {
  return statement(
    `
UNWIND $keys AS key
MATCH (k:AliasKey {key: key})
WHERE NOT EXISTS { (k)<-[:HAS_KEY]-() }
DELETE k`,
    { keys },
  );
}

// --- Removal -------------------------------------------------------------------------------------

export function deleteArticleStatement(id: string): Statement {
  return statement('MATCH (a:Article {id: $id}) WITH a, a.title AS title DETACH DELETE a RETURN title', { id });
}

/** A removed article leaves a small tombstone so `changes(since)` can report the removal. */
export function recordRemovalStatement(id: string, title: string | null, at: string): Statement {
  return statement('CREATE (:Removal {articleId: $id, title: $title, at: $at})', { id, title, at });
}
