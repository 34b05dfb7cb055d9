// Batched reads behind nested fields: one statement answers a field for many parents at once, so
// DataLoaders in server/graphql/context.ts turn N nested fields into one round trip.
import { cypherLabel } from '../../labels.js';
import type { Db } from '../driver.js';
import { run, statement, type Statement } from '../statement.js';
import { FACT_TYPES, articleMap, entityMap, evidenceMap, factKeyOf, toArticle, toEntity, toEvidence, int, degreeOf } from './project.js';
import type { ArticleRecord, EntityLabel, EntityRecord, EvidenceRecord, Page, ParticipantRecord, RoleRecord, StanceRecord } from './records.js';

export interface Slice {
  skip: number;
  limit: number;
}

export interface DateRange {
  from: string | null;
  toHi: string | null;
}

type Raw = Record<string, unknown>;

function pages<T>(records: { get(k: string): unknown }[], convert: (r: Raw) => T, skip: number): Map<string, Page<T>> {
  return new Map(
    records.map((r) => [
      r.get('pid') as string,
      { total: Number(r.get('total')), items: (r.get('items') as Raw[]).map(convert), offset: skip },
    ]),
  );
}


/**
 * Entities of `label` directly connected to each parent. Events come oldest first (undated last)
 * and can be limited to a date range; others by degree.
 */
export function relatedEntitiesStatement(parentIds: readonly string[], label: EntityLabel, range: DateRange, slice: Slice): Statement {
  const events = label === 'Event';
  const order = events
    ? 'ORDER BY x.date IS NULL, x.date, toLower(x.name), x.id'
    : `ORDER BY ${degreeOf('x')} DESC, toLower(x.name), x.id`;
  const dateWhere = events ? 'AND ($from IS NULL OR x.date >= $from) AND ($toHi IS NULL OR x.date <= $toHi)' : '';
  return statement(
    `UNWIND $ids AS pid
     MATCH (p:Entity {id: pid})
     CALL (p) {
       MATCH (p)-[:${FACT_TYPES}]-(x:${cypherLabel(label)}) WHERE x <> p ${dateWhere}
       WITH DISTINCT x ${order}
       RETURN collect(x) AS rows
     }
     RETURN pid, size(rows) AS total, [x IN rows[$skip..$end] | ${entityMap('x')}] AS items`,
    { ids: parentIds, from: range.from, toHi: range.toHi, skip: int(slice.skip), end: int(slice.skip + slice.limit) },
  );
}

export async function relatedEntities(db: Db, parentIds: readonly string[], label: EntityLabel, range: DateRange, slice: Slice): Promise<Map<string, Page<EntityRecord>>> {
  const res = await run(db, relatedEntitiesStatement(parentIds, label, range, slice));
  return pages(res.records, toEntity, slice.skip);
}

/** Articles that mention each entity, newest first. */
export function articlesMentioningStatement(entityIds: readonly string[], slice: Slice): Statement {
  return statement(
    `UNWIND $ids AS pid
     MATCH (p:Entity {id: pid})
     CALL (p) {
       MATCH (a:Article)-[:MENTIONS]->(p)
       WITH DISTINCT a ORDER BY a.publishedAt IS NULL, a.publishedAt DESC, a.id
       RETURN collect(a) AS rows
     }
     RETURN pid, size(rows) AS total, [a IN rows[$skip..$end] | ${articleMap('a')}] AS items`,
    { ids: entityIds, skip: int(slice.skip), end: int(slice.skip + slice.limit) },
  );
}

export async function articlesMentioning(db: Db, entityIds: readonly string[], slice: Slice): Promise<Map<string, Page<ArticleRecord>>> {
  const res = await run(db, articlesMentioningStatement(entityIds, slice));
  return pages(res.records, toArticle, slice.skip);
}

/** Entities an article mentions, optionally of some labels, by degree. */
export function entitiesOfArticlesStatement(articleIds: readonly string[], labels: string[] | null, slice: Slice): Statement {
  return statement(
    `UNWIND $ids AS pid
     MATCH (a:Article {id: pid})
     CALL (a) {
       MATCH (a)-[:MENTIONS]->(x:Entity)
       WHERE $labels IS NULL OR any(l IN labels(x) WHERE l IN $labels)
       WITH DISTINCT x ORDER BY ${degreeOf('x')} DESC, toLower(x.name), x.id
       RETURN collect(x) AS rows
     }
     RETURN pid, size(rows) AS total, [x IN rows[$skip..$end] | ${entityMap('x')}] AS items`,
    { ids: articleIds, labels, skip: int(slice.skip), end: int(slice.skip + slice.limit) },
  );
}

export async function entitiesOfArticles(db: Db, articleIds: readonly string[], labels: string[] | null, slice: Slice): Promise<Map<string, Page<EntityRecord>>> {
  const res = await run(db, entitiesOfArticlesStatement(articleIds, labels, slice));
  return pages(res.records, toEntity, slice.skip);
}

/**
 * Evidence sentences behind each entity's facts, most corroborated fact (articles stating it)
 * first. Facts are ranked by their summary counts; only the facts the page reaches have their
 * Evidence nodes read.
 */
export function evidenceOfEntitiesStatement(entityIds: readonly string[], slice: Slice): Statement {
  return statement(
    `UNWIND $ids AS pid
     MATCH (p:Entity {id: pid})
     CALL (p) {
       MATCH (p)-[r:${FACT_TYPES}]-(:Entity)
       WITH r, ${factKeyOf('r')} AS key
       ORDER BY r.articleCount DESC, r.confidence DESC, key
       RETURN collect({key: key, n: r.evidenceCount}) AS facts
     }
     WITH pid, reduce(acc = {total: 0, picked: []}, f IN facts |
       {total: acc.total + f.n,
        picked: acc.picked + CASE WHEN acc.total < $end AND acc.total + f.n > $skip THEN [{key: f.key, offset: acc.total}] ELSE [] END}) AS acc
     CALL (acc) {
       UNWIND acc.picked AS f
       CALL (f) {
         MATCH (ev:Evidence {factKey: f.key})
         WITH ev ORDER BY ev.confidence DESC, ev.articleId, ev.start
         RETURN collect(${evidenceMap('ev')}) AS evs
       }
       UNWIND range(0, size(evs) - 1) AS i
       WITH f.offset + i AS at, evs[i] AS ev WHERE at >= $skip AND at < $end
       RETURN collect(ev) AS items
     }
     RETURN pid, acc.total AS total, items`,
    { ids: entityIds, skip: int(slice.skip), end: int(slice.skip + slice.limit) },
  );
}

export async function evidenceOfEntities(db: Db, entityIds: readonly string[], slice: Slice): Promise<Map<string, Page<EvidenceRecord>>> {
  const res = await run(db, evidenceOfEntitiesStatement(entityIds, slice));
  return pages(res.records, toEvidence, slice.skip);
}

/** The actors of each event, one row per (actor, relation type), with the sentences behind it. */
export function participantsOfEventsStatement(eventIds: readonly string[]): Statement {
  return statement(
    `UNWIND $ids AS pid
     MATCH (ev:Event {id: pid})-[r:${FACT_TYPES}]-(a:Actor)
     WITH pid, a, type(r) AS role, ${factKeyOf('r')} AS key
     CALL (key) {
       MATCH (x:Evidence {factKey: key})
       WITH x ORDER BY x.confidence DESC, x.articleId, x.start
       RETURN collect(${evidenceMap('x')}) AS evidence
     }
     WITH pid, a, role, evidence
     ORDER BY toLower(a.name), role
     RETURN pid, ${entityMap('a')} AS actor, role, evidence`,
    { ids: eventIds },
  );
}

export async function participantsOfEvents(db: Db, eventIds: readonly string[]): Promise<Map<string, ParticipantRecord[]>> {
  const res = await run(db, participantsOfEventsStatement(eventIds));
  const out = new Map<string, ParticipantRecord[]>();
  for (const r of res.records) {
    const list = out.get(r.get('pid') as string) ?? [];
    list.push({ actor: toEntity(r.get('actor') as Raw), role: r.get('role') as string, evidence: (r.get('evidence') as Raw[]).map(toEvidence) });
    out.set(r.get('pid') as string, list);
  }
  return out;
}

/** Entities of one label adjacent to each parent, unpaged (event issues and places are few). */
export function adjacentEntitiesStatement(parentIds: readonly string[], label: EntityLabel): Statement {
  return statement(
    `UNWIND $ids AS pid
     MATCH (p:Entity {id: pid})-[:${FACT_TYPES}]-(x:${cypherLabel(label)})
     WITH DISTINCT pid, x ORDER BY toLower(x.name), x.id
     RETURN pid, collect(${entityMap('x')}) AS items`,
    { ids: parentIds },
  );
}

export async function adjacentEntities(db: Db, parentIds: readonly string[], label: EntityLabel): Promise<Map<string, EntityRecord[]>> {
  const res = await run(db, adjacentEntitiesStatement(parentIds, label));
  return new Map(res.records.map((r) => [r.get('pid') as string, (r.get('items') as Raw[]).map(toEntity)]));
}

/** Roles of each actor (ROLE_AT, LEADS, MEMBER_OF), folded per organisation and type. */
export function rolesOfActorsStatement(actorIds: readonly string[]): Statement {
  return statement(
    `UNWIND $ids AS pid
     MATCH (a:Actor {id: pid})-[r:ROLE_AT|LEADS|MEMBER_OF]->(o:Entity)
     WITH pid, o, type(r) AS t, ${factKeyOf('r')} AS key
     CALL (key) {
       MATCH (x:Evidence {factKey: key})
       WITH x ORDER BY x.confidence DESC, x.articleId, x.start
       RETURN collect(${evidenceMap('x')}) AS evidence
     }
     WITH pid, o, t, evidence ORDER BY t, toLower(o.name)
     RETURN pid, t, ${entityMap('o')} AS org, null AS title, evidence`,
    { ids: actorIds },
  );
}

export async function rolesOfActors(db: Db, actorIds: readonly string[]): Promise<Map<string, RoleRecord[]>> {
  const res = await run(db, rolesOfActorsStatement(actorIds));
  const out = new Map<string, RoleRecord[]>();
  for (const r of res.records) {
    const list = out.get(r.get('pid') as string) ?? [];
    list.push({
      relationType: r.get('t') as string,
      organization: toEntity(r.get('org') as Raw),
      title: (r.get('title') as string | null) ?? null,
      evidence: (r.get('evidence') as Raw[]).map(toEvidence),
    });
    out.set(r.get('pid') as string, list);
  }
  return out;
}

export function toStance(raw: Raw): StanceRecord {
  return {
    actorId: String(raw['actorId']),
    issueId: String(raw['issueId']),
    stance: raw['stance'] as StanceRecord['stance'],
    date: raw['date'] === null || raw['date'] === undefined ? null : String(raw['date']),
    quote: toEvidence(raw['quote'] as Raw),
  };
}

const STANCE_ROW = `{actorId: a.id, issueId: i.id, stance: ev.type, date: CASE WHEN ev.publishedAt IS NULL THEN null ELSE toString(ev.publishedAt) END, quote: ${evidenceMap('ev')}}`;

// Each stance summary's Evidence nodes are the stances one by one (one per article sentence).
const STANCE_EVIDENCE = `CALL (r) { MATCH (ev:Evidence {factKey: ${factKeyOf('r')}}) RETURN ev }`;

/** Stances (one per relationship, i.e. per article) taken by each actor, or on each issue. */
export function stancesOfStatement(side: 'actor' | 'issue', ids: readonly string[], slice: Slice): Statement {
  const match =
    side === 'actor'
      ? 'MATCH (a:Actor {id: pid})-[r:SUPPORTS|OPPOSES|CONCERNED_ABOUT]->(i:Issue)'
      : 'MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|CONCERNED_ABOUT]->(i:Issue {id: pid})';
  return statement(
    `UNWIND $ids AS pid
     CALL (pid) {
       ${match}
       ${STANCE_EVIDENCE}
       WITH a, i, ev ORDER BY ev.publishedAt IS NULL, ev.publishedAt, toLower(a.name), toLower(i.name), ev.start
       RETURN collect(${STANCE_ROW}) AS rows
     }
     RETURN pid, size(rows) AS total, rows[$skip..$end] AS items`,
    { ids, skip: int(slice.skip), end: int(slice.skip + slice.limit) },
  );
}

export async function stancesOf(db: Db, side: 'actor' | 'issue', ids: readonly string[], slice: Slice): Promise<Map<string, Page<StanceRecord>>> {
  const res = await run(db, stancesOfStatement(side, ids, slice));
  return pages(res.records, toStance, slice.skip);
}

/**
 * Top-level stances: optionally one actor, optionally one issue. The match starts at the given
 * actor or issue (an index seek), so only that entity's stances are read.
 */
export function listStancesStatement(actor: string | null, issue: string | null, slice: Slice): Statement {
  const match =
    actor !== null && issue !== null
      ? 'MATCH (a:Actor {id: $actor})-[r:SUPPORTS|OPPOSES|CONCERNED_ABOUT]->(i:Issue {id: $issue})'
      : actor !== null
        ? 'MATCH (a:Actor {id: $actor})-[r:SUPPORTS|OPPOSES|CONCERNED_ABOUT]->(i:Issue)'
        : issue !== null
          ? 'MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|CONCERNED_ABOUT]->(i:Issue {id: $issue})'
          : 'MATCH (a:Actor)-[r:SUPPORTS|OPPOSES|CONCERNED_ABOUT]->(i:Issue)';
  return statement(
    `${match}
     ${STANCE_EVIDENCE}
     WITH a, i, ev ORDER BY ev.publishedAt IS NULL, ev.publishedAt, toLower(a.name), toLower(i.name), ev.start
     WITH collect(${STANCE_ROW}) AS rows
     RETURN size(rows) AS total, rows[$skip..$end] AS items`,
    { actor, issue, skip: int(slice.skip), end: int(slice.skip + slice.limit) },
  );
}

export async function listStances(db: Db, actor: string | null, issue: string | null, slice: Slice): Promise<Page<StanceRecord>> {
  const res = await run(db, listStancesStatement(actor, issue, slice));
  const rec = res.records[0];
  return { total: rec ? Number(rec.get('total')) : 0, items: rec ? (rec.get('items') as Raw[]).map(toStance) : [], offset: slice.skip };
}
