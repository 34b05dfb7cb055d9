// Reads of (:Story) nodes (MODEL.md "Stories"): lists by time range, one story's events in time
// order, its articles and main actors, and the story of an article or an event. One Statement each.
import type { Db } from '../driver.js';
import { run, statement, type Statement } from '../statement.js';
import { articleMap, entityMap, int, toArticle, toEntity } from './project.js';
import type { ArticleRecord, EntityRecord, Page, StoryRecord } from './records.js';

export type { StoryRecord };

const STORY_MAP = (s: string) => `${s} {.id, .title, .firstDate, .lastDate, .articleCount, .outletCount, .outlets, .mainEventIds}`;

function toStory(raw: Record<string, unknown>): StoryRecord {
  const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(raw['id']),
    title: String(raw['title'] ?? raw['id']),
    firstDate: str(raw['firstDate']),
    lastDate: str(raw['lastDate']),
    articleCount: Number(raw['articleCount'] ?? 0),
    outletCount: Number(raw['outletCount'] ?? 0),
    outlets: strs(raw['outlets']),
    mainEventIds: strs(raw['mainEventIds']),
  };
}

export interface StoryListFilter {
  /** Inclusive YYYY[-MM[-DD]]; a story is in range when its dates overlap [from, toHi]. */
  from: string | null;
  toHi: string | null;
  /** Only stories one of whose articles mentions this entity. */
  mentioning: string | null;
}

/**
 * Stories newest first (by their last date, undated last), then largest. With a range, only
 * stories whose dates overlap it (undated stories have no place in a range).
 */
export function listStoriesStatement(f: StoryListFilter, skip: number, limit: number): Statement {
  return statement(
    `
MATCH (s:Story)
WHERE ($from IS NULL OR s.lastDate >= $from) AND ($toHi IS NULL OR s.firstDate <= $toHi)
  AND ($mentioning IS NULL OR EXISTS { MATCH (s)<-[:IN_STORY]-(:Article)-[:MENTIONS]->(:Entity {id: $mentioning}) })
WITH s ORDER BY s.lastDate IS NULL, s.lastDate DESC, s.articleCount DESC, s.id
WITH collect(s) AS found
RETURN size(found) AS total, [x IN found[$skip..$end] | ${STORY_MAP('x')}] AS items`,
    { from: f.from, toHi: f.toHi, mentioning: f.mentioning, skip: int(skip), end: int(skip + limit) },
  );
}

export async function listStories(db: Db, f: StoryListFilter, skip: number, limit: number): Promise<Page<StoryRecord>> {
  const rec = (await run(db, listStoriesStatement(f, skip, limit))).records[0];
  return { total: rec ? Number(rec.get('total')) : 0, items: rec ? (rec.get('items') as Record<string, unknown>[]).map(toStory) : [], offset: skip };
}

export function findStoriesByIdsStatement(ids: readonly string[]): Statement {
  return statement(`MATCH (s:Story) WHERE s.id IN $ids RETURN ${STORY_MAP('s')} AS s`, { ids });
}

export async function findStoriesByIds(db: Db, ids: readonly string[]): Promise<Map<string, StoryRecord>> {
  const res = await run(db, findStoriesByIdsStatement(ids));
  return new Map(res.records.map((r) => {
    const s = toStory(r.get('s') as Record<string, unknown>);
    return [s.id, s];
  }));
}

/** The story each article is in. */
export function storyIdsOfArticlesStatement(ids: readonly string[]): Statement {
  return statement(`UNWIND $ids AS id MATCH (:Article {id: id})-[:IN_STORY]->(s:Story) RETURN id, s.id AS storyId`, { ids });
}

/** The story of each event: the one most of the articles reporting it are in (then the smaller id). */
export function storyIdsOfEventsStatement(ids: readonly string[]): Statement {
  return statement(
    `
UNWIND $ids AS id
MATCH (ev:Event {id: id})
CALL (ev) {
  MATCH (ev)<-[:MENTIONS]-(:Article)-[:IN_STORY]->(s:Story)
  WITH s, count(*) AS n ORDER BY n DESC, s.id LIMIT 1
  RETURN s.id AS storyId
}
RETURN id, storyId`,
    { ids },
  );
}

async function storyIdsOf(db: Db, s: Statement): Promise<Map<string, string>> {
  const res = await run(db, s);
  return new Map(res.records.map((r) => [r.get('id') as string, r.get('storyId') as string]));
}

export const storyIdsOfArticles = (db: Db, ids: readonly string[]) => storyIdsOf(db, storyIdsOfArticlesStatement(ids));
export const storyIdsOfEvents = (db: Db, ids: readonly string[]) => storyIdsOf(db, storyIdsOfEventsStatement(ids));

/** A story's happenings in time order (undated last), each once, most-reported first on a tie. */
export function storyEventsStatement(storyId: string, skip: number, limit: number): Statement {
  return statement(
    `
MATCH (:Story {id: $storyId})<-[:IN_STORY]-(a:Article)-[:MENTIONS]->(e:Event)
WITH e, count(a) AS n ORDER BY e.date IS NULL, e.date, n DESC, e.id
WITH collect(e) AS found
RETURN size(found) AS total, [x IN found[$skip..$end] | ${entityMap('x')}] AS items`,
    { storyId, skip: int(skip), end: int(skip + limit) },
  );
}

/** A story's articles, oldest first. */
export function storyArticlesStatement(storyId: string, skip: number, limit: number): Statement {
  return statement(
    `
MATCH (:Story {id: $storyId})<-[:IN_STORY]-(a:Article)
WITH a ORDER BY a.publishedAt IS NULL, a.publishedAt, a.ingestedAt, a.id
WITH collect(a) AS found
RETURN size(found) AS total, [x IN found[$skip..$end] | ${articleMap('x')}] AS items`,
    { storyId, skip: int(skip), end: int(skip + limit) },
  );
}

/** The actors most of a story's articles mention. */
export function storyActorsStatement(storyId: string, limit: number): Statement {
  return statement(
    `
MATCH (:Story {id: $storyId})<-[:IN_STORY]-(a:Article)-[:MENTIONS]->(e:Actor)
WITH e, count(a) AS n ORDER BY n DESC, e.degree DESC, e.id LIMIT $limit
RETURN ${entityMap('e')} AS e`,
    { storyId, limit: int(limit) },
  );
}

async function page<T>(db: Db, s: Statement, skip: number, map: (raw: Record<string, unknown>) => T): Promise<Page<T>> {
  const rec = (await run(db, s)).records[0];
  return { total: rec ? Number(rec.get('total')) : 0, items: rec ? (rec.get('items') as Record<string, unknown>[]).map(map) : [], offset: skip };
}

export const storyEvents = (db: Db, id: string, skip: number, limit: number): Promise<Page<EntityRecord>> => page(db, storyEventsStatement(id, skip, limit), skip, toEntity);
export const storyArticles = (db: Db, id: string, skip: number, limit: number): Promise<Page<ArticleRecord>> => page(db, storyArticlesStatement(id, skip, limit), skip, toArticle);

export async function storyActors(db: Db, id: string, limit: number): Promise<EntityRecord[]> {
  return (await run(db, storyActorsStatement(id, limit))).records.map((r) => toEntity(r.get('e') as Record<string, unknown>));
}
