// One node per happening across outlets, against the real Neo4j: two outlets' reports of the
// quake in Aceh (one of them dated only by "on Tuesday") become one event with two articles and
// two sources; a quake in Peru the next day stays its own event. Articles live under a unique
// prefix and are removed afterwards.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

const dir = 'test/fixtures/articles';
const FILES = ['disaster-earthquake-aceh', 'disaster-earthquake-aceh-second-outlet', 'disaster-earthquake-peru'];

let config: Config;
let db: Db;
let app: App;
const P = uniquePrefix('quakes');
const ids = FILES.map((f) => `${P}-${f}`);
// Undated reports of one planned measure (planned events keep no date) a day apart, and the same
// words months later (another plan).
const PLANS = [
  { id: `${P}-plan-1`, text: 'Canada will impose tariffs on Mexican steel, the government said.\n', meta: { source: 'Wire One', publishedAt: '2024-03-04' } },
  { id: `${P}-plan-2`, text: 'Canada will impose tariffs on Mexican steel, officials told reporters.\n', meta: { source: 'Wire Two', publishedAt: '2024-03-05' } },
  { id: `${P}-plan-3`, text: 'Canada will impose tariffs on Mexican steel, the government said.\n', meta: { source: 'Wire One', publishedAt: '2024-06-20' } },
];
ids.push(...PLANS.map((a) => a.id));

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await app.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

beforeAll(async () => {
  config = testConfig({ LOG_LEVEL: 'silent' });
  db = openTestDb();
  app = createApp(config, db, { log: () => {} });
  for (const [i, f] of FILES.entries()) {
    const text = readFileSync(`${dir}/${f}.txt`, 'utf8');
    const meta = JSON.parse(readFileSync(`${dir}/${f}.meta.json`, 'utf8'));
    const article = prepareArticle({ id: ids[i]!, text, meta, origin: 'test' }, { maxBytes: config.maxArticleBytes });
    await ingestArticleInput(db, article, { extractor: getExtractor('rules', config) });
  }
  for (const a of PLANS) await ingestArticleInput(db, prepareArticle({ ...a, origin: 'test' }, { maxBytes: config.maxArticleBytes }), { extractor: getExtractor('rules', config) });
}, 120_000);

afterAll(async () => {
  await app?.close();
  for (const id of ids) await removeArticle(db, id);
  await closeDb(db);
});

const QUAKES = `query($a: ID!) { events(filter: {article: $a}, first: 50) { edges { node {
  id name eventType typeLabel category date status articleCount sources places { name } } } } }`;
type Ev = { id: string; name: string; eventType: string; typeLabel: string; category: string | null; date: string; articleCount: number; sources: string[]; places: { name: string }[] };
const quakesOf = async (article: string) =>
  ((await gql<{ events: { edges: { node: Ev }[] } }>(QUAKES, { a: article })).events.edges.map((e) => e.node)).filter((e) => e.eventType === 'earthquake');

describe('the same quake from two outlets', () => {
  it('is one event node reported by two articles from two outlets, named and typed as an earthquake', async () => {
    const [wire] = await quakesOf(ids[0]!);
    const [daily] = await quakesOf(ids[1]!);
    expect(wire).toBeDefined();
    expect(daily?.id).toBe(wire!.id);
    expect(wire).toMatchObject({ name: 'Earthquake in Aceh', typeLabel: 'Earthquake', category: 'disaster', date: '2025-11-18', articleCount: 2, sources: ['Daily Archipelago', 'Fixture Wire'] });
    expect(wire!.places.map((p) => p.name)).toEqual(['Aceh']);
  });

  it('a quake in Peru the next day is another event, reported once', async () => {
    const [peru] = await quakesOf(ids[2]!);
    const [wire] = await quakesOf(ids[0]!);
    expect(peru).toMatchObject({ name: 'Earthquake in Arequipa', articleCount: 1, sources: ['Fixture Wire'] });
    expect(peru!.id).not.toBe(wire!.id);
  });
});

describe('undated reports of one planned measure', () => {
  const plansOf = async (article: string) =>
    ((await gql<{ events: { edges: { node: Ev }[] } }>(QUAKES, { a: article })).events.edges.map((e) => e.node)).filter((e) => e.eventType === 'sanction');

  it('are one event when published within its window, found by the days it was reported', async () => {
    const [first] = await plansOf(PLANS[0]!.id);
    const [second] = await plansOf(PLANS[1]!.id);
    expect(first!.date).toBeNull();
    expect(second!.id).toBe(first!.id);
    expect(second!.sources.sort()).toEqual(['Wire One', 'Wire Two']);
  });

  it('the same words published months later are another plan', async () => {
    const [first] = await plansOf(PLANS[0]!.id);
    const [later] = await plansOf(PLANS[2]!.id);
    expect(later!.id).not.toBe(first!.id);
    expect(later!.articleCount).toBe(1);
  });
});
