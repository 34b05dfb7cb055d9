// Stories at write time (MODEL.md "Stories"): inside the article's write transaction, the article
// is found again by its storyText through the full-text index (which sees this transaction's own
// writes, so articles written in one group find each other), the candidate stories of the most
// similar earlier articles go through the decision rule (server/resolve/stories.ts), the article
// joins one with what matched on the link, and every story it left or joined is recomputed from
// its articles. The state lives only in Neo4j, so it survives a restart and is shared by every
// process that writes.
import { candidatesFromHits, decideStory, storyQuery, storyText, STORY_RULE, type StoryDecision, type StoryRule } from '../../resolve/stories.js';
import neo4j from 'neo4j-driver';
import { statement, type Statement } from '../statement.js';
import type { Run } from './run.js';
import { FACT_TYPES } from '../reads/project.js';

export const STORY_TEXT_INDEX = 'articleStoryText';

/** Takes the article out of its story; returns the story it was in. */
export function detachStoryStatement(articleId: string): Statement {
  return statement(
    `
MATCH (:Article {id: $articleId})-[r:IN_STORY]->(s:Story)
DELETE r
RETURN s.id AS storyId`,
    { articleId },
  );
}

export function setStoryTextStatement(articleId: string, text: string): Statement {
  return statement('MATCH (a:Article {id: $articleId}) SET a.storyText = $text', { articleId, text });
}

/**
 * The articles most similar to the query (BM25 over Article.storyText) with their story's
 * range and entities; bounded by the index's own limit, never a walk of the corpus.
 */
export function storyCandidatesStatement(query: string, limit: number): Statement {
  return statement(
    `
CALL db.index.fulltext.queryNodes('${STORY_TEXT_INDEX}', $query, {limit: $limit}) YIELD node, score
OPTIONAL MATCH (node)-[:IN_STORY]->(s:Story)
RETURN node.id AS articleId, score, s.id AS storyId, s.firstDate AS firstDate, s.lastDate AS lastDate, s.entityIds AS entityIds`,
    { query, limit: neo4j.int(limit) },
  );
}

/**
 * The events the story's latest `articles` articles report, of these types, most reported first:
 * the candidates a new article's events are compared with (bounded by the story's recent articles,
 * never its whole history). Same fields as the participant look-up, plus the events' aliases.
 */
export function storyEventsStatement(storyId: string, articleId: string, eventTypes: readonly string[], articles: number, limit: number): Statement {
  return statement(
    `
MATCH (:Story {id: $storyId})<-[:IN_STORY]-(a:Article) WHERE a.id <> $articleId
WITH a ORDER BY a.publishedAt IS NULL, a.publishedAt DESC, a.id LIMIT $articles
MATCH (a)-[:MENTIONS]->(ev:Event) WHERE ev.eventType IN $eventTypes
WITH ev, count(a) AS reports ORDER BY reports DESC, ev.id LIMIT $limit
RETURN ev.id AS id, ev.eventType AS eventType, ev.date AS date, coalesce(ev.aliases, []) AS aliases,
  COLLECT { MATCH (ev)-[:${FACT_TYPES}]-(x:Entity) WHERE x:Actor OR x:Place RETURN DISTINCT x.id ORDER BY x.id } AS participantIds,
  COLLECT { MATCH (x:Article)-[:MENTIONS]->(ev) WHERE x.id <> $articleId RETURN x.id LIMIT 1 } AS articleIds,
  COLLECT { MATCH (x:Article)-[:MENTIONS]->(ev) WHERE ev.date IS NULL RETURN x.publishedAt ORDER BY x.publishedAt LIMIT 20 } AS publishedAt`,
    { storyId, articleId, eventTypes, articles: neo4j.int(articles), limit: neo4j.int(limit) },
  );
}

export interface StoryLink {
  articleId: string;
  storyId: string;
  score: number;
  matchedOn: string[];
  resolvedBy: 'new' | 'story-match';
  now: string;
}

export function joinStoryStatement(link: StoryLink): Statement {
  return statement(
    `
MATCH (a:Article {id: $articleId})
MERGE (s:Story {id: $storyId})
ON CREATE SET s.createdAt = $now
MERGE (a)-[r:IN_STORY]->(s)
SET r.score = $score, r.matchedOn = $matchedOn, r.resolvedBy = $resolvedBy, r.assignedAt = $now`,
    { ...link },
  );
}

/** Orders a story's articles for its title: published first (undated last), then ingested first. */
const TITLE_KEY = (x: string) => `coalesce(${x}.publishedAt, '~') + '|' + coalesce(${x}.ingestedAt, '') + '|' + ${x}.id`;

/**
 * Brings the story an article just joined up to date from that article alone, so joining costs
 * the same in a story of 5 articles as in one of 5,000: the article count is the story's degree,
 * the dates widen, the outlet is added, and the title becomes the article's when it is the
 * earliest. Returns the new article count (the caller decides whether to recount the summary).
 */
export function storyJoinedStatement(storyId: string, articleId: string, now: string): Statement {
  return statement(
    `
MATCH (s:Story {id: $storyId}), (a:Article {id: $articleId})
WITH s, a, ${TITLE_KEY('a')} AS key, coalesce(s.outlets, []) AS outlets
WITH s, a, key, CASE WHEN a.source IS NULL OR a.source IN outlets THEN outlets ELSE COLLECT { UNWIND outlets + a.source AS o RETURN o ORDER BY o } END AS outlets,
     a.title IS NOT NULL AND (s.titleKey IS NULL OR key < s.titleKey) AS titled
SET s.articleCount = COUNT { ()-[:IN_STORY]->(s) }, s.outlets = outlets, s.outletCount = size(outlets),
    s.firstDate = CASE WHEN a.publishedAt IS NOT NULL AND (s.firstDate IS NULL OR a.publishedAt < s.firstDate) THEN a.publishedAt ELSE s.firstDate END,
    s.lastDate = CASE WHEN a.publishedAt IS NOT NULL AND (s.lastDate IS NULL OR a.publishedAt > s.lastDate) THEN a.publishedAt ELSE s.lastDate END,
    s.title = CASE WHEN titled THEN a.title ELSE coalesce(s.title, s.id) END, s.titleKey = CASE WHEN titled THEN key ELSE s.titleKey END,
    s.entityIds = coalesce(s.entityIds, []), s.mainEventIds = coalesce(s.mainEventIds, []), s.updatedAt = $now
RETURN s.articleCount AS articles`,
    { storyId, articleId, now },
  );
}

/**
 * Recounts each story's entities and main events over its latest `summaryArticles` articles
 * (bounded work per story, whatever its size); a story with no title from its articles is named
 * after its main event.
 */
export function recountStoriesStatement(storyIds: readonly string[], rule: Pick<StoryRule, 'storyEntities' | 'mainEvents' | 'summaryArticles'>): Statement {
  return statement(
    `
UNWIND $storyIds AS id
MATCH (s:Story {id: id})
CALL (s) {
  MATCH (x:Article)-[:IN_STORY]->(s)
  WITH x ORDER BY x.publishedAt IS NULL, x.publishedAt DESC, x.ingestedAt DESC, x.id LIMIT $summaryArticles
  WITH collect(x) AS latest
  RETURN
    COLLECT { UNWIND latest AS x MATCH (x)-[:MENTIONS]->(e:Entity) WHERE e:Actor OR e:Place
              WITH e, count(x) AS n ORDER BY n DESC, e.id LIMIT $storyEntities RETURN e.id } AS entityIds,
    COLLECT { UNWIND latest AS x MATCH (x)-[:MENTIONS]->(e:Event)
              WITH e, count(x) AS n ORDER BY n DESC, e.date IS NULL, e.date, e.id LIMIT $mainEvents RETURN e } AS events
}
SET s.entityIds = entityIds, s.mainEventIds = [e IN events | e.id],
    s.title = CASE WHEN s.titleKey IS NULL THEN coalesce(events[0].name, s.id) ELSE s.title END`,
    { storyIds, storyEntities: neo4j.int(rule.storyEntities), mainEvents: neo4j.int(rule.mainEvents), summaryArticles: neo4j.int(rule.summaryArticles) },
  );
}

/**
 * Recomputes each story's counts, dates, outlets and title from all its articles after one left
 * (an update or a removal: rarer than joins, and property reads only); a story no article is in
 * any more is deleted. Its entities and main events are then recounted (recountStoriesStatement).
 */
export function refreshStoriesStatement(storyIds: readonly string[], now: string): Statement {
  return statement(
    `
UNWIND $storyIds AS id
MATCH (s:Story {id: id})
CALL (s) {
  OPTIONAL MATCH (a:Article)-[:IN_STORY]->(s)
  RETURN count(a) AS articles, min(a.publishedAt) AS firstDate, max(a.publishedAt) AS lastDate,
    COLLECT { MATCH (x:Article)-[:IN_STORY]->(s) WHERE x.source IS NOT NULL RETURN DISTINCT x.source AS o ORDER BY o } AS outlets,
    COLLECT { MATCH (x:Article)-[:IN_STORY]->(s) WHERE x.title IS NOT NULL
              RETURN [x.title, ${TITLE_KEY('x')}] AS t ORDER BY t[1] LIMIT 1 } AS titles
}
FOREACH (_ IN CASE WHEN articles = 0 THEN [1] ELSE [] END | DETACH DELETE s)
FOREACH (_ IN CASE WHEN articles > 0 THEN [1] ELSE [] END |
  SET s.articleCount = articles, s.outletCount = size(outlets), s.outlets = outlets, s.firstDate = firstDate, s.lastDate = lastDate,
      s.title = coalesce(titles[0][0], s.id), s.titleKey = titles[0][1], s.updatedAt = $now)`,
    { storyIds, now },
  );
}

export interface StoryInput {
  articleId: string;
  title: string | null;
  text: string;
  publishedAt: string | null;
  /** Actor and place ids this version of the article mentions. */
  entityIds: readonly string[];
}

export interface StoryAssignment extends StoryDecision {
  /** The story the article is in now (joined or started). */
  joined: string;
  /** The story an update took it out of, when that was another one. */
  left: string | null;
}

/** A new story is named after the article that starts it; the id stays when that article goes. */
export const storyIdFor = (articleId: string) => `story:${articleId}`;

/** Takes the article out of its story (an update or a removal) and says which story that was. */
export async function leaveStory(run: Run, articleId: string): Promise<string | null> {
  const res = await run(detachStoryStatement(articleId));
  return (res.records[0]?.get('storyId') as string | undefined) ?? null;
}

/** Recomputes these stories after an article left them (deleting the empty ones). */
export async function refreshStories(run: Run, storyIds: readonly (string | null)[], now: string, rule: StoryRule = STORY_RULE): Promise<void> {
  const ids = [...new Set(storyIds.filter((s): s is string => s !== null))].sort();
  if (!ids.length) return;
  await run(refreshStoriesStatement(ids, now));
  await run(recountStoriesStatement(ids, rule));
}

/** Whether a story of this many articles recounts its entities and main events at this join. */
export const recountsAt = (articles: number, rule: Pick<StoryRule, 'summaryArticles' | 'recountEvery'> = STORY_RULE) =>
  articles <= rule.summaryArticles || articles % rule.recountEvery === 0;

/**
 * Which story the article joins: its story text is set (the full-text index then finds it too, so
 * its score against itself normalises the others'), the most similar articles are read and the
 * rule decides. Runs before the article's events are resolved, so they can match the story's.
 */
export async function decideArticleStory(run: Run, input: StoryInput, rule: StoryRule = STORY_RULE): Promise<StoryDecision> {
  const text = storyText(input.title, input.text, rule);
  await run(setStoryTextStatement(input.articleId, text));
  const query = storyQuery(text, rule);
  const hits = query
    ? (await run(storyCandidatesStatement(query, rule.candidateArticles + 1))).records.map((r) => ({
        articleId: r.get('articleId') as string,
        score: r.get('score') as number,
        storyId: r.get('storyId') as string | null,
        firstDate: r.get('firstDate') as string | null,
        lastDate: r.get('lastDate') as string | null,
        entityIds: r.get('entityIds') as string[] | null,
      }))
    : [];
  return decideStory({ articleId: input.articleId, publishedAt: input.publishedAt, entityIds: input.entityIds }, candidatesFromHits(input.articleId, hits), rule);
}

/**
 * Puts the (already written) article into a story and brings that story up to date; `decided`
 * is the decision made for the same input before its events were resolved (else it is made here).
 */
export async function assignStory(run: Run, input: StoryInput, left: string | null, now: string, rule: StoryRule = STORY_RULE, decided?: StoryDecision): Promise<StoryAssignment> {
  const decision = decided ?? (await decideArticleStory(run, input, rule));
  const joined = decision.storyId ?? storyIdFor(input.articleId);
  await run(joinStoryStatement({ articleId: input.articleId, storyId: joined, score: decision.score, matchedOn: decision.matchedOn, resolvedBy: decision.storyId ? 'story-match' : 'new', now }));
  if (left) {
    // An update: the article's old version may have set the story's dates or title, so the
    // stories it left and joined are recomputed from their articles.
    await refreshStories(run, [joined, left], now, rule);
  } else {
    const res = await run(storyJoinedStatement(joined, input.articleId, now));
    const articles = Number(res.records[0]?.get('articles') ?? 0);
    if (recountsAt(articles, rule)) await run(recountStoriesStatement([joined], rule));
  }
  return { ...decision, joined, left: left === joined ? null : left };
}
