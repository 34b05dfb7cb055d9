// Reads of entities and articles by id, and the filtered, sorted entity lists. Labels and sort
// orders come from constant tables keyed by validated enums; every value is a parameter.
import { cypherLabel } from '../../labels.js';
import type { Db } from '../driver.js';
import { run, statement, type Statement } from '../statement.js';
import { articleMap, entityMap, toArticle, toEntity, int, degreeOf } from './project.js';
import type { ArticleRecord, EntityLabel, EntityRecord, Page } from './records.js';

export type SortKey = 'NAME' | 'DATE' | 'DEGREE';

const ORDER: Record<SortKey, string> = {
  NAME: 'ORDER BY toLower(e.name), e.id',
  DEGREE: 'ORDER BY degree DESC, toLower(e.name), e.id',
  // Newest first; undated entities last.
  DATE: 'ORDER BY e.date IS NULL, e.date DESC, toLower(e.name), e.id',
};

export function entitiesByIdsStatement(ids: readonly string[]): Statement {
  return statement(`UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN ${entityMap('e')} AS e`, { ids });
}

export async function findEntitiesByIds(db: Db, ids: readonly string[]): Promise<Map<string, EntityRecord>> {
  const res = await run(db, entitiesByIdsStatement(ids));
  return new Map(res.records.map((r) => { const e = toEntity(r.get('e')); return [e.id, e]; }));
}

export function articlesByIdsStatement(ids: readonly string[]): Statement {
  return statement(`UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN ${articleMap('a')} AS a`, { ids });
}

export async function findArticlesByIds(db: Db, ids: readonly string[]): Promise<Map<string, ArticleRecord>> {
  const res = await run(db, articlesByIdsStatement(ids));
  return new Map(res.records.map((r) => { const a = toArticle(r.get('a')); return [a.id, a]; }));
}

export interface ArticleCounts {
  entityCount: number;
  factCount: number;
}

export function articleFactCountsStatement(ids: readonly string[]): Statement {
  return statement(
    `UNWIND $ids AS id MATCH (a:Article {id: id})
     RETURN id, COUNT { (a)-[:MENTIONS]->(:Entity) } AS entityCount,
            COUNT { MATCH (ev:Evidence {articleId: a.id}) RETURN ev } AS factCount`,
    { ids },
  );
}

export async function countArticleFacts(db: Db, ids: readonly string[]): Promise<Map<string, ArticleCounts>> {
  const res = await run(db, articleFactCountsStatement(ids));
  return new Map(res.records.map((r) => [r.get('id') as string, { entityCount: Number(r.get('entityCount')), factCount: Number(r.get('factCount')) }]));
}

/** A WHERE fragment (constant text) and the parameters it uses. */
export interface Condition {
  cypher: string;
  params: Record<string, unknown>;
}

export const nameContains = (value: string): Condition => ({
  cypher: '(toLower(e.name) CONTAINS toLower($nameContains) OR any(al IN coalesce(e.aliases, []) WHERE toLower(al) CONTAINS toLower($nameContains)))',
  params: { nameContains: value },
});

/** One statement per label: entities of that label matching every condition, sorted, one page. */
export function listEntitiesStatement(label: EntityLabel, conditions: readonly Condition[], sort: SortKey, skip: number, limit: number): Statement {
  const where = conditions.length ? `WHERE ${conditions.map((c) => c.cypher).join(' AND ')}` : '';
  const params = Object.assign({ skip: int(skip), end: int(skip + limit) }, ...conditions.map((c) => c.params)) as Record<string, unknown>;
  return statement(
    `
    MATCH (e:${cypherLabel(label)}) ${where}
    WITH e, ${degreeOf('e')} AS degree
    ${ORDER[sort]}
    WITH collect(e) AS rows
    RETURN size(rows) AS total, [e IN rows[$skip..$end] | ${entityMap('e')}] AS items`,
    params,
  );
}

export async function listEntities(
  db: Db,
  label: EntityLabel,
  conditions: Condition[],
  sort: SortKey,
  skip: number,
  limit: number,
): Promise<Page<EntityRecord>> {
  const res = await run(db, listEntitiesStatement(label, conditions, sort, skip, limit));
  const rec = res.records[0];
  return {
    total: rec ? Number(rec.get('total')) : 0,
    items: rec ? (rec.get('items') as Record<string, unknown>[]).map(toEntity) : [],
    offset: skip,
  };
}


export interface ArticleListFilter {
  source?: string | null;
  from?: string | null;
  toHi?: string | null;
  mentioning?: string | null;
}

export function listArticlesStatement(f: ArticleListFilter, skip: number, limit: number): Statement {
  const where: string[] = [];
  if (f.source) where.push('a.source = $source');
  if (f.from) where.push('a.publishedAt >= $from');
  if (f.toHi) where.push('a.publishedAt <= $toHi');
  if (f.mentioning) where.push('EXISTS { (a)-[:MENTIONS]->(:Entity {id: $mentioning}) }');
  return statement(
    `MATCH (a:Article) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     WITH a ORDER BY a.publishedAt IS NULL, a.publishedAt DESC, a.id
     WITH collect(a) AS rows
     RETURN size(rows) AS total, [a IN rows[$skip..$end] | ${articleMap('a')}] AS items`,
    { source: f.source ?? null, from: f.from ?? null, toHi: f.toHi ?? null, mentioning: f.mentioning ?? null, skip: int(skip), end: int(skip + limit) },
  );
}

export async function listArticles(db: Db, f: ArticleListFilter, skip: number, limit: number): Promise<Page<ArticleRecord>> {
  const res = await run(db, listArticlesStatement(f, skip, limit));
  const rec = res.records[0];
  return {
    total: rec ? Number(rec.get('total')) : 0,
    items: rec ? (rec.get('items') as Record<string, unknown>[]).map(toArticle) : [],
    offset: skip,
  };
}

export interface SearchHit {
  entity: EntityRecord;
  score: number;
}

/** Ranked full-text search over names and aliases; `lucene` is built by the caller from escaped terms. */
export function searchEntitiesStatement(lucene: string, labels: string[] | null, skip: number, limit: number): Statement {
  return statement(
    `CALL db.index.fulltext.queryNodes('entityNames', $lucene) YIELD node, score
     WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels)
     WITH node, score ORDER BY score DESC, node.id
     WITH collect({node: node, score: score}) AS rows
     RETURN size(rows) AS total, [h IN rows[$skip..$end] | {score: h.score, e: [n IN [h.node] | ${entityMap('n')}][0]}] AS items`,
    { lucene, labels, skip: int(skip), end: int(skip + limit) },
  );
}

/** The hits of a search statement's `items` ({score, e} maps). */
function hitsOf(rec: { get(k: string): unknown } | undefined): SearchHit[] {
  return rec ? (rec.get('items') as { score: number; e: Record<string, unknown> }[]).map((h) => ({ entity: toEntity(h.e), score: h.score })) : [];
}

/**
 * One page of a search over every type, read as Lucene's best `skip + limit + 1` hits (score
 * order, ties in the index's own stable order) instead of every hit: "United" matches 5,900
 * entities of 20,000 articles, and collecting them all to sort and count cost more than the
 * page. `more` says whether another page follows; the total is counted only when asked for.
 */
export function searchTopStatement(lucene: string, skip: number, limit: number): Statement {
  return statement(
    `CALL db.index.fulltext.queryNodes('entityNames', $lucene, {limit: $fetch}) YIELD node, score
     WITH collect({node: node, score: score}) AS rows
     RETURN size(rows) > $end AS more, [h IN rows[$skip..$end] | {score: h.score, e: [n IN [h.node] | ${entityMap('n')}][0]}] AS items`,
    { lucene, skip: int(skip), end: int(skip + limit), fetch: int(skip + limit + 1) },
  );
}

export async function searchTop(db: Db, lucene: string, skip: number, limit: number): Promise<{ items: SearchHit[]; more: boolean; offset: number }> {
  const rec = (await run(db, searchTopStatement(lucene, skip, limit))).records[0];
  return {
    items: hitsOf(rec),
    more: rec ? Boolean(rec.get('more')) : false,
    offset: skip,
  };
}

export function searchCountStatement(lucene: string): Statement {
  return statement(`CALL db.index.fulltext.queryNodes('entityNames', $lucene) YIELD node RETURN count(node) AS total`, { lucene });
}

/** How many entities a search matches (the connection's totalCount, when a client asks for it). */
export async function searchCount(db: Db, lucene: string): Promise<number> {
  return Number((await run(db, searchCountStatement(lucene))).records[0]?.get('total') ?? 0);
}

export async function searchEntities(
  db: Db,
  lucene: string,
  labels: string[] | null,
  skip: number,
  limit: number,
): Promise<Page<SearchHit>> {
  const res = await run(db, searchEntitiesStatement(lucene, labels, skip, limit));
  const rec = res.records[0];
  return {
    total: rec ? Number(rec.get('total')) : 0,
    items: hitsOf(rec),
    offset: skip,
  };
}
