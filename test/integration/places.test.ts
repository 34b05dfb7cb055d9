// Places on the graph through the real CoreNLP and Neo4j: the sample article's places and
// countries carry the gazetteer's ISO code, coordinates and kind, its events their place's
// coordinates, and the events filter finds them by country and by distance. Every assertion is
// scoped to the article ingested here, which is removed after.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../../server/config.js';
import { closeDb, readQuery, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

const sampleText = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
const sampleMeta = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.meta.json'), 'utf8'));

let config: Config;
let db: Db;
let app: App;
let articleId: string;

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function data(query: string, variables: Record<string, unknown> = {}) {
  const r = await gql(query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}

/** Great-circle distance in km. */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

const EVENTS = `query($f: EventFilter) { events(filter: $f, first: 100) { totalCount edges { node { id name latitude longitude places { id name countryCode latitude } } } } }`;

beforeAll(async () => {
  config = testConfig({ LOG_LEVEL: 'silent' });
  db = openTestDb();
  app = createApp(config, db, { log: () => {} });
  articleId = uniquePrefix('places-sample');
  const article = prepareArticle({ id: articleId, text: sampleText, meta: sampleMeta, origin: 'test' }, { maxBytes: config.maxArticleBytes });
  await ingestArticleInput(db, article, { extractor: getExtractor('corenlp', config) });
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (articleId) await removeArticle(db, articleId);
  await closeDb(db);
});

describe('places on the graph', () => {
  it("the sample's cities have their country code, kind and coordinates (within 50 km)", async () => {
    const d = await data(`query($a: ID!) { places(filter: {article: $a}, first: 50) { edges { node { id name placeKind countryCode latitude longitude } } } }`, { a: articleId });
    const places = d.places.edges.map((e: any) => e.node);
    const byName = Object.fromEntries(places.map((p: any) => [p.name, p]));
    expect(byName['Beijing']).toMatchObject({ placeKind: 'city', countryCode: 'CN' });
    expect(km(byName['Beijing'].latitude, byName['Beijing'].longitude, 39.9, 116.4)).toBeLessThan(50);
    expect(byName['Washington']).toMatchObject({ placeKind: 'city', countryCode: 'US' });
    expect(km(byName['Washington'].latitude, byName['Washington'].longitude, 38.9, -77.04)).toBeLessThan(50);
    // Every city or country the article names is on the map.
    for (const p of places.filter((x: any) => x.placeKind !== 'region')) {
      expect(p.countryCode, p.name).toMatch(/^[A-Z]{2}$/);
      expect(typeof p.latitude, p.name).toBe('number');
    }
  });

  it('country actors carry their ISO code and coordinates as node properties', async () => {
    const rows = await readQuery(
      db,
      `MATCH (:Article {id: $a})-[:MENTIONS]->(c:Actor {kind: 'country'}) RETURN c.name AS name, c.countryCode AS code, c.placeKind AS kind, c.latitude AS lat`,
      { a: articleId },
    );
    const byName = Object.fromEntries(rows.records.map((r: any) => [r.get('name'), { code: r.get('code'), kind: r.get('kind'), lat: r.get('lat') }]));
    expect(byName['China']).toMatchObject({ code: 'CN', kind: 'country' });
    expect(byName['United States']).toMatchObject({ code: 'US', kind: 'country' });
    expect(typeof byName['China']!.lat).toBe('number');
  });

  it('events carry the coordinates of their place (a sea or region the gazetteer lacks has none)', async () => {
    const d = await data(EVENTS, { f: { article: articleId } });
    const located = d.events.edges.map((e: any) => e.node).filter((e: any) => e.places.length > 0 && e.places.every((p: any) => p.latitude != null));
    expect(located.length).toBeGreaterThan(0);
    for (const e of located) {
      expect(typeof e.latitude, e.name).toBe('number');
      expect(typeof e.longitude, e.name).toBe('number');
    }
  });

  it('the events filter finds events by their place\'s country and by distance from a point', async () => {
    const all = (await data(EVENTS, { f: { article: articleId } })).events.edges.map((e: any) => e.node);
    const at = (code: string) => all.filter((e: any) => e.places.some((p: any) => p.countryCode === code)).map((e: any) => e.id).sort();
    expect(at('CN').length).toBeGreaterThan(0);
    expect(at('US').length).toBeGreaterThan(0);

    const inChina = (await data(EVENTS, { f: { article: articleId, country: 'cn' } })).events.edges.map((e: any) => e.node.id).sort();
    expect(inChina).toEqual(at('CN'));

    // 50 km around the White House: the Washington events, none of Beijing's.
    const nearDc = (await data(EVENTS, { f: { article: articleId, near: { lat: 38.8977, lon: -77.0365, km: 50 } } })).events.edges.map((e: any) => e.node);
    expect(nearDc.length).toBeGreaterThan(0);
    for (const e of nearDc) expect(e.places.map((p: any) => p.name), e.name).toContain('Washington');
    expect(nearDc.some((e: any) => at('CN').includes(e.id) && !at('US').includes(e.id))).toBe(false);

    // Nothing of this article happened within 100 km of Sydney.
    const nearSydney = await data(EVENTS, { f: { article: articleId, near: { lat: -33.87, lon: 151.21, km: 100 } } });
    expect(nearSydney.events.totalCount).toBe(0);
  });

  it('rejects a country that is not an ISO alpha-2 code and a radius that is not positive', async () => {
    const bad = await gql(EVENTS, { f: { country: 'USA' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const zero = await gql(EVENTS, { f: { near: { lat: 0, lon: 0, km: 0 } } });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a city named as a club, team or government', () => {
  const extract = () => getExtractor('corenlp', testConfig({ LOG_LEVEL: 'silent' }));

  it("is the organisation where the tagger reads it as one, and the place where it only places things", { timeout: 60_000 }, async () => {
    const text = "Leeds United manager Daniel Farke said on Friday that Leeds' 6 million pound offer for the striker had been rejected by Celtic.\n" +
      'The striker, who grew up in Leeds, had spent two seasons on loan at Rangers.\n';
    const out = await extract()(text, {});
    const at = (start: number) => out.entities.find((e) => e.mentions.some((m) => m.start === start));
    const possessive = text.indexOf("Leeds'");
    expect(at(possessive)).toMatchObject({ type: 'actor', kind: 'organization', id: 'actor:leeds-united' });
    expect(at(text.indexOf('in Leeds') + 3)).toMatchObject({ type: 'place', id: 'place:leeds', countryCode: 'GB', placeKind: 'city' });
    expect(out.entities.find((e) => e.name === 'Rangers')).toMatchObject({ type: 'actor', kind: 'organization' });
  });

  it("a capital that acts is its country's government, with the country's code", { timeout: 60_000 }, async () => {
    const out = await extract()('Beijing argues that the tariffs break the rules of the World Trade Organization.\n', {});
    expect(out.entities.find((e) => e.mentions.some((m) => m.text === 'Beijing'))).toMatchObject({ type: 'actor', kind: 'country', name: 'China', countryCode: 'CN' });
  });
});
