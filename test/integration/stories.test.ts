// Stories against the real Neo4j and CoreNLP: two ECB+ reports of one happening (Ellen DeGeneres
// named Oscars host, 2013) join one story, a report of the other happening of the same topic
// (Hugh Jackman named host, 2008) starts another; removing an article updates its story; the
// GraphQL fields read them back. Ids carry a unique prefix and are removed after.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { closeDb, readQuery, withWriteTransaction, type Db } from '../../server/db/driver.js';
import { inTransaction } from '../../server/db/writes/run.js';
import { refreshStories } from '../../server/db/writes/stories.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { upsertArticleGraphs } from '../../server/db/writes/batch-policy.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle, type ArticleInput } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

// Three real ECB+ reports (test/fixtures/ecbplus/README.md).
const DATA = path.resolve(import.meta.dirname, '../fixtures/ecbplus');
const P = uniquePrefix('stories');

function ecb(doc: string): ArticleInput {
  const text = readFileSync(path.join(DATA, `${doc}.txt`), 'utf8');
  const meta = JSON.parse(readFileSync(path.join(DATA, `${doc}.meta.json`), 'utf8')) as Record<string, string | null>;
  const clean = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== null)) as Record<string, string>;
  return prepareArticle({ id: `${P}-${doc}`, text, meta: clean, origin: doc }, { maxBytes: 1_000_000 });
}

let config: Config;
let db: Db;
let app: App;
const ids = { ellen1: '', ellen2: '', jackman: '' };

async function storyOf(articleId: string): Promise<{ id: string; articleCount: number; outletCount: number; score: number; matchedOn: string[] } | null> {
  const res = await readQuery(db, 'MATCH (:Article {id: $id})-[r:IN_STORY]->(s:Story) RETURN s.id AS id, s.articleCount AS n, s.outletCount AS o, r.score AS score, r.matchedOn AS matchedOn', { id: articleId });
  const r = res.records[0];
  return r ? { id: r.get('id'), articleCount: Number(r.get('n')), outletCount: Number(r.get('o')), score: r.get('score'), matchedOn: r.get('matchedOn') } : null;
}

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await app.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  config = testConfig({ LOG_LEVEL: 'silent' });
  db = openTestDb();
  app = createApp(config, db, { log: () => {} });
  const extract = getExtractor('corenlp', config);
  const [e1, e2, j] = [ecb('2_1ecbplus'), ecb('2_2ecbplus'), ecb('2_1ecb')];
  Object.assign(ids, { ellen1: e1.id, ellen2: e2.id, jackman: j.id });
  // The two reports of one happening go in ONE transaction: the second must find the first through
  // the full-text index before it is committed.
  const out = await upsertArticleGraphs(db, [
    { input: e1, extraction: await extract(e1.text, e1.meta) },
    { input: e2, extraction: await extract(e2.text, e2.meta) },
  ]);
  for (const r of out) if (r instanceof Error) throw r;
  await ingestArticleInput(db, j, { extractor: extract });
}, 180_000);

afterAll(async () => {
  for (const id of Object.values(ids)) if (id) await removeArticle(db, id);
  await closeDb(db);
});

describe('stories at ingest', () => {
  it('puts two outlets reporting one happening into one story and another happening of the same kind into another', async () => {
    const [a, b, c] = [await storyOf(ids.ellen1), await storyOf(ids.ellen2), await storyOf(ids.jackman)];
    expect(a && b && c).toBeTruthy();
    expect(b!.id).toBe(a!.id);
    expect(c!.id).not.toBe(a!.id);
    expect(a!.articleCount).toBeGreaterThanOrEqual(2);
    expect(a!.outletCount).toBeGreaterThanOrEqual(2);
  });

  it('records on the link what matched', async () => {
    const [a, b] = [await storyOf(ids.ellen1), await storyOf(ids.ellen2)];
    const joiner = a!.id === `story:${ids.ellen1}` ? b! : a!;
    expect(joiner.score).toBeGreaterThan(0);
    expect(joiner.matchedOn.some((m) => m.startsWith('text:'))).toBe(true);
    expect(joiner.matchedOn.some((m) => m.startsWith('time:'))).toBe(true);
  });

  it('answers stories, story, Article.story and Event.story over GraphQL', async () => {
    const s = (await storyOf(ids.ellen1))!;
    const data = await gql(
      `query($id: ID!) {
        story(id: $id) { id title firstDate lastDate articleCount outletCount outlets
          mainEvents { id } events(first: 50) { totalCount edges { node { id date story { id } } } }
          articles(first: 10) { totalCount edges { node { id story { id } } } } mainActors(first: 5) { id name } }
        stories(filter: { from: "2013-08-01", to: "2013-08-03" }, first: 100) { totalCount edges { node { id lastDate articleCount } } }
      }`,
      { id: s.id },
    );
    const story = data.story;
    expect(story.articleCount).toBe(s.articleCount);
    expect(story.firstDate <= '2013-08-02' && story.lastDate >= '2013-08-02').toBe(true);
    expect(story.articles.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([ids.ellen1, ids.ellen2]));
    expect(story.articles.edges.every((e: any) => e.node.story.id === s.id)).toBe(true);
    expect(story.mainActors.map((a: any) => a.name)).toContain('Ellen DeGeneres');
    const dates = story.events.edges.map((e: any) => e.node.date).filter((d: string | null) => d !== null);
    expect(dates).toEqual([...dates].sort());
    expect(story.mainEvents.length).toBeGreaterThan(0);
    const listed = data.stories.edges.map((e: any) => e.node);
    expect(listed.map((n: any) => n.id)).toContain(s.id);
    // newest first
    const last = listed.map((n: any) => n.lastDate);
    expect(last).toEqual([...last].sort().reverse());
    // the undated 2008 report has no place in a 2013 range
    expect(listed.map((n: any) => n.id)).not.toContain((await storyOf(ids.jackman))!.id);
  });

  it('keeps a story up to date at each join as recomputing it from all its articles would', async () => {
    // Joins update the story from the joining article alone (bounded work); a full recompute must agree.
    const snapshot = async (id: string) => {
      const res = await readQuery(db, 'MATCH (s:Story {id: $id}) RETURN s {.articleCount, .outletCount, .outlets, .firstDate, .lastDate, .title, .entityIds, .mainEventIds} AS s', { id });
      return res.records[0]!.get('s') as Record<string, unknown>;
    };
    const story = (await storyOf(ids.ellen2))!.id;
    const joined = await snapshot(story);
    await withWriteTransaction(db, (tx) => refreshStories(inTransaction(tx), [story], new Date().toISOString()));
    expect(await snapshot(story)).toEqual(joined);
    expect(Number(joined.articleCount)).toBe(2);
    expect((joined.entityIds as string[]).length).toBeGreaterThan(0);
  });

  it('removing an article takes it out of its story and updates the counts', async () => {
    const before = (await storyOf(ids.ellen2))!;
    const removed = await removeArticle(db, ids.ellen2);
    expect(removed.removed).toBe(true);
    const res = await readQuery(db, 'MATCH (s:Story {id: $id}) RETURN s.articleCount AS n', { id: before.id });
    expect(Number(res.records[0]!.get('n'))).toBe(before.articleCount - 1);
    expect(await storyOf(ids.ellen2)).toBeNull();
  });

  it('a story loses its last article and is gone', async () => {
    const own = (await storyOf(ids.jackman))!;
    // Alone unless the graph already held another report of 2008's happening.
    await removeArticle(db, ids.jackman);
    const res = await readQuery(db, 'MATCH (s:Story {id: $id}) RETURN s.articleCount AS n', { id: own.id });
    if (own.articleCount === 1) expect(res.records).toHaveLength(0);
    else expect(Number(res.records[0]!.get('n'))).toBe(own.articleCount - 1);
  });
});
