// The GraphQL API against the real Neo4j: the sample article is ingested under a unique id before
// the tests and removed after, and every assertion is scoped to what that article created.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { queryText } from '../../web/src/api.js';
import * as ops from '../../web/src/operations.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { maskError } from '../../server/errors.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { generateArticle } from '../../bench/corpus.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

const TOKEN = 'test-ingest-token-0123';

interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

async function gql<T = any>(app: App, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await app.fetch('http://yoga/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}

function codes(r: GqlResult): (string | undefined)[] {
  return (r.errors ?? []).map((e) => e.extensions?.code);
}

function ok<T>(r: GqlResult<T>): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
}

const sampleText = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
const sampleMeta = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.meta.json'), 'utf8'));

let config: Config;
let db: Db;
let app: App;
let articleId: string;
const extraArticles: string[] = [];
/** Ids found in the sample's graph, by name. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  config = testConfig({ INGEST_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
  db = openTestDb();
  app = createApp(config, db, { log: () => {} });
  articleId = uniquePrefix('gql-sample');
  const article = prepareArticle({ id: articleId, text: sampleText, meta: sampleMeta, origin: 'test' }, { maxBytes: config.maxArticleBytes });
  const result = await ingestArticleInput(db, article, { extractor: getExtractor('rules', config) });
  expect(result.articleId).toBe(articleId);
  const actors = ok(await gql(app, `query($a: ID!) { actors(filter: {article: $a}, first: 100) { edges { node { id name } } } }`, { a: articleId }));
  for (const e of actors.actors.edges) ids[e.node.name] = e.node.id;
  const issues = ok(await gql(app, `query($a: ID!) { issues(filter: {article: $a}, first: 100) { edges { node { id name } } } }`, { a: articleId }));
  for (const e of issues.issues.edges) ids[e.node.name] = e.node.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
  for (const id of [articleId, ...extraArticles]) if (id) await removeArticle(db, id);
  await closeDb(db);
});

describe('queries over the sample article', () => {
  it('health reports a reachable database and the server version', async () => {
    const d = ok(await gql(app, '{ health { ok version database { reachable uri embedded serverVersion message } } }'));
    expect(d.health.ok).toBe(true);
    expect(d.health.database.reachable).toBe(true);
    expect(d.health.database.serverVersion).toMatch(/^Neo4j\/5\./);
    expect(d.health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('node returns an actor with its kind, roles and evidence, an article by id, and null for an unknown id', async () => {
    const xi = ids['Xi Jinping'];
    expect(xi).toBeDefined();
    const d = ok(
      await gql(
        app,
        `query($id: ID!, $a: ID!) {
          actor: node(id: $id) { __typename id ... on Actor { name kind type degree roles { relationType } evidence(first: 3) { totalCount edges { node { sentence start end confidence relationType article { id } } } } articles { totalCount edges { node { id } } } } }
          article: node(id: $a) { __typename ... on Article { id title source publishedAt contentHash ingestedAt updatedAt entityCount factCount text entities(first: 5, types: [ACTOR]) { totalCount edges { node { id type } } } } }
          missing: node(id: "no-such-entity") { id }
        }`,
        { id: xi, a: articleId },
      ),
    );
    expect(d.actor.__typename).toBe('Actor');
    expect(d.actor.kind).toBe('PERSON');
    expect(d.actor.type).toBe('ACTOR');
    expect(d.actor.degree).toBeGreaterThan(0);
    expect(d.actor.evidence.totalCount).toBeGreaterThan(0);
    const ev = d.actor.evidence.edges[0].node;
    expect(sampleText.slice(ev.start, ev.end)).toBe(ev.sentence);
    expect(d.actor.articles.edges.map((e: any) => e.node.id)).toContain(articleId);
    expect(d.article.__typename).toBe('Article');
    expect(d.article.title).toBe(sampleMeta.title);
    expect(d.article.entityCount).toBeGreaterThan(10);
    expect(d.article.factCount).toBeGreaterThan(10);
    expect(d.article.entities.edges.every((e: any) => e.node.type === 'ACTOR')).toBe(true);
    expect(d.missing).toBeNull();
  });

  it('names in other letters keep them, get an id of their own, and are found by their transliteration', async () => {
    const id = uniquePrefix('gql-scripts');
    extraArticles.push(id);
    const text = 'Prime Minister Øystein Bjørnstad-Ærø met President Vuk Đorđević in Oslo on Monday to discuss fishing rights. Bjørnstad-Ærø said the talks went well.';
    const article = prepareArticle({ id, text, meta: { title: 'Oslo talks', publishedAt: '2024-03-04' }, origin: 'test' }, { maxBytes: config.maxArticleBytes });
    await ingestArticleInput(db, article, { extractor: getExtractor('rules', config) });
    const found = ok(await gql(app, `{ search(query: "bjornstad aero", types: [ACTOR]) { edges { node { id name } } } }`));
    const node = found.search.edges.map((e: any) => e.node).find((n: any) => n.name === 'Øystein Bjørnstad-Ærø');
    expect(node, JSON.stringify(found)).toBeDefined();
    expect(node.id).toMatch(/^actor:person:oystein-bjornstad-aero-[0-9a-f]{10}$/);
    const other = ok(await gql(app, `{ search(query: "Dordevic", types: [ACTOR]) { edges { node { id name } } } }`));
    expect(other.search.edges.map((e: any) => e.node.name)).toContain('Vuk Đorđević');
  });

  it('search ranks names and aliases from the full-text index, filters by type and pages', async () => {
    const d = ok(await gql(app, `{ search(query: "xi jinping", first: 5) { totalCount edges { score cursor node { id name type } } pageInfo { hasNextPage endCursor } } }`));
    expect(d.search.edges[0].node.id).toBe(ids['Xi Jinping']);
    expect(d.search.edges[0].score).toBeGreaterThan(0);
    const prefix = ok(await gql(app, `{ search(query: "Lighth", types: [ACTOR]) { edges { node { id type } } } }`));
    expect(prefix.search.edges.map((e: any) => e.node.id)).toContain(ids['Robert Lighthizer']);
    const issuesOnly = ok(await gql(app, `{ search(query: "tariffs", types: [ISSUE]) { edges { node { type } } } }`));
    expect(issuesOnly.search.edges.length).toBeGreaterThan(0);
    expect(issuesOnly.search.edges.every((e: any) => e.node.type === 'ISSUE')).toBe(true);
  });

  it('a search over every type reads only its page, and still counts and pages like a filtered one', async () => {
    const q = `query($t: [EntityType!], $after: String) { search(query: "china", first: 2, types: $t, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }`;
    const every = ok(await gql(app, q, {})).search;
    const all = ok(await gql(app, q, { t: ['ACTOR', 'ISSUE', 'EVENT', 'PLACE'] })).search;
    expect(every.totalCount).toBe(all.totalCount);
    expect(every.totalCount).toBeGreaterThan(2);
    expect(every.pageInfo.hasNextPage).toBe(true);
    expect(every.edges).toHaveLength(2);
    // Pages follow one another without overlap or gap, down to the last.
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = ok(await gql(app, q, { after })).search;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.edges.at(-1).cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Math.min(every.totalCount, 100));
  });

  it('actors, issues, events, places and articles filter and sort', async () => {
    const d = ok(
      await gql(
        app,
        `query($a: ID!, $xi: ID!, $tariffs: ID!) {
          people: actors(filter: {article: $a, kind: PERSON}, sort: NAME, first: 50) { totalCount edges { node { name kind } } }
          byDegree: actors(filter: {article: $a}, sort: DEGREE, first: 50) { edges { node { degree } } }
          named: actors(filter: {article: $a, nameContains: "trump"}) { edges { node { name } } }
          onTariffs: actors(filter: {article: $a, issue: $tariffs}) { totalCount }
          xiIssues: issues(filter: {actor: $xi, article: $a}) { totalCount }
          events(filter: {article: $a, from: "2019-02", to: "2019-02"}, sort: DATE, first: 50) { totalCount edges { node { date eventType } } }
          xiEvents: events(filter: {involving: $xi, article: $a}) { totalCount }
          tariffEvents: events(filter: {concerning: $tariffs, article: $a}) { totalCount }
          meetings: events(filter: {article: $a, eventType: "meeting"}) { edges { node { eventType } } }
          places(filter: {article: $a}, sort: NAME) { totalCount edges { node { name } } }
          articles(filter: {source: "Los Angeles Times", from: "2019-02-15", to: "2019-02-15", mentioning: $xi}, first: 100) { edges { node { id } } }
        }`,
        { a: articleId, xi: ids['Xi Jinping'], tariffs: ids['Tariffs'] },
      ),
    );
    expect(d.people.totalCount).toBeGreaterThan(3);
    const names = d.people.edges.map((e: any) => e.node.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => x.toLowerCase().localeCompare(y.toLowerCase())));
    expect(d.people.edges.every((e: any) => e.node.kind === 'PERSON')).toBe(true);
    const degrees = d.byDegree.edges.map((e: any) => e.node.degree);
    expect(degrees).toEqual([...degrees].sort((x: number, y: number) => y - x));
    expect(d.named.edges.map((e: any) => e.node.name)).toContain('Donald Trump');
    expect(d.onTariffs.totalCount).toBeGreaterThan(0);
    expect(d.xiIssues.totalCount).toBeGreaterThan(0);
    expect(d.events.totalCount).toBeGreaterThan(0);
    expect(d.events.edges.every((e: any) => e.node.date.startsWith('2019-02'))).toBe(true);
    expect(d.xiEvents.totalCount).toBeGreaterThan(0);
    expect(d.tariffEvents.totalCount).toBeGreaterThan(0);
    expect(d.meetings.edges.every((e: any) => e.node.eventType === 'meeting')).toBe(true);
    expect(d.places.edges.map((e: any) => e.node.name)).toContain('Beijing');
    expect(d.articles.edges.map((e: any) => e.node.id)).toContain(articleId);
  });

  it('pages with cursors: no overlap, totals stable, first page has no previous, last has no next, first: 0 is empty', async () => {
    const q = `query($a: ID!, $after: String, $first: Int) { actors(filter: {article: $a}, sort: NAME, first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const all = ok(await gql(app, q, { a: articleId, first: 100 })).actors;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = ok(await gql(app, q, { a: articleId, first: 4, after })).actors;
      expect(page.totalCount).toBe(all.totalCount);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...page.edges.map((e: any) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
    expect(new Set(seen).size).toBe(seen.length);
    const empty = ok(await gql(app, q, { a: articleId, first: 0 })).actors;
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo.endCursor).toBeNull();
    const last = all.edges.at(-1).cursor;
    const beyond = ok(await gql(app, q, { a: articleId, first: 5, after: last })).actors;
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
  });

  it('neighbourhood returns nodes and folded edges with evidence, honours depth, types and limit', async () => {
    const q = `query($id: ID!, $depth: Int, $types: [EntityType!], $limit: Int) { neighbourhood(id: $id, depth: $depth, types: $types, limit: $limit) {
      truncated nodes { id name type kind degree entity { id } } edges { id source target type evidenceCount articleCount sources confidence firstSeen evidence(first: 2) { sentence article { id } } } } }`;
    const one = ok(await gql(app, q, { id: ids['Xi Jinping'], depth: 1 })).neighbourhood;
    expect(one.nodes[0].id).toBe(ids['Xi Jinping']);
    expect(one.nodes.length).toBeGreaterThan(3);
    const nodeIds = new Set(one.nodes.map((n: any) => n.id));
    for (const e of one.edges) {
      expect(nodeIds.has(e.source) && nodeIds.has(e.target)).toBe(true);
      expect(e.evidenceCount).toBeGreaterThanOrEqual(e.evidence.length);
      expect(e.evidence.length).toBeGreaterThan(0);
      expect(e.articleCount).toBeGreaterThan(0);
    }
    expect(one.edges.some((e: any) => e.sources.includes('Los Angeles Times'))).toBe(true);
    expect(one.edges.some((e: any) => e.firstSeen === '2019-02-15')).toBe(true);
    const two = ok(await gql(app, `query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 200) { nodes { id } } }`, { id: ids['Xi Jinping'] })).neighbourhood;
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    const issues = ok(await gql(app, q, { id: ids['Xi Jinping'], depth: 2, types: ['ISSUE'] })).neighbourhood;
    expect(issues.nodes.slice(1).every((n: any) => n.type === 'ISSUE')).toBe(true);
    const cut = ok(await gql(app, q, { id: ids['Xi Jinping'], depth: 2, limit: 3 })).neighbourhood;
    expect(cut.nodes.length).toBe(4);
    expect(cut.truncated).toBe(true);
    const none = ok(await gql(app, q, { id: 'no-such-entity' })).neighbourhood;
    expect(none.nodes).toEqual([]);
  });

  it('overview returns the most connected entities and the edges among them', async () => {
    const d = ok(await gql(app, `{ overview(limit: 20) { truncated nodes { id degree } edges { source target } } }`)).overview;
    expect(d.nodes.length).toBeGreaterThan(0);
    expect(d.nodes.length).toBeLessThanOrEqual(20);
    const degrees = d.nodes.map((n: any) => n.degree);
    expect(degrees).toEqual([...degrees].sort((x: number, y: number) => y - x));
  });

  it('a picture keeps each node\'s strongest edges: edgesPerNode cuts, edgesTruncated says so, and the kept ones are the strongest', async () => {
    const q = `query($k: Int) { overview(limit: 40, edgesPerNode: $k) { edgesTruncated nodes { id } edges { source target type articleCount evidenceCount } } }`;
    const all = ok(await gql(app, q, { k: 500 })).overview;
    const key = (e: any) => `${e.source}|${e.type}|${e.target}`;
    // Event-role facts are read from the event's side: they must be there like every other type.
    expect(all.edges.some((e: any) => ['PARTICIPATED_IN', 'STATED', 'TARGET_OF'].includes(e.type))).toBe(true);
    expect(all.edgesTruncated).toBe(false);
    const one = ok(await gql(app, q, { k: 1 })).overview;
    expect(one.edgesTruncated).toBe(true);
    expect(one.edges.length).toBeLessThan(all.edges.length);
    expect(one.edges.length).toBeLessThanOrEqual(one.nodes.length);
    // Every node with edges keeps exactly its strongest one (most articles, then sentences, then key).
    const rank = (e: any) => [-e.articleCount, -e.evidenceCount, e.source, e.type, e.target];
    const before = (a: any, b: any) => { const x = rank(a), y = rank(b); for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i]; return false; };
    const kept = new Set(one.edges.map(key));
    for (const n of all.nodes) {
      const own = all.edges.filter((e: any) => e.source === n.id || e.target === n.id);
      if (own.length === 0) continue;
      const best = own.reduce((b: any, e: any) => (before(e, b) ? e : b));
      expect(kept.has(key(best))).toBe(true);
    }
    for (const e of one.edges) expect(all.edges.map(key)).toContain(key(e));
    expect(codes(await gql(app, '{ overview(edgesPerNode: 0) { truncated } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('paths explains how two entities connect, each hop with its evidence', async () => {
    const d = ok(
      await gql(
        app,
        `query($f: ID!, $t: ID!) { paths(from: $f, to: $t, maxLength: 4, first: 3) { length nodes { id } hops { from to edge { type evidenceCount evidence(first: 1) { sentence } } } } }`,
        { f: ids['Robert Lighthizer'], t: ids['Donald Trump'] },
      ),
    ).paths;
    expect(d.length).toBeGreaterThan(0);
    for (const p of d) {
      expect(p.nodes[0].id).toBe(ids['Robert Lighthizer']);
      expect(p.nodes.at(-1).id).toBe(ids['Donald Trump']);
      expect(p.hops.length).toBe(p.length);
      for (const h of p.hops) expect(h.edge.evidence[0].sentence.length).toBeGreaterThan(0);
    }
    const self = ok(await gql(app, `query($f: ID!) { paths(from: $f, to: $f) { length } }`, { f: ids['Donald Trump'] })).paths;
    expect(self).toEqual([]);
  });

  it('timeline lists dated events oldest first within the range', async () => {
    const d = ok(
      await gql(app, `query($xi: ID!) { timeline(actor: $xi, from: "2018", to: "2019-12-31", first: 50) { totalCount edges { node { date name } } } }`, {
        xi: ids['Xi Jinping'],
      }),
    ).timeline;
    expect(d.totalCount).toBeGreaterThan(1);
    const dates = d.edges.map((e: any) => e.node.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((x: string) => x >= '2018' && x <= '2019-12-31')).toBe(true);
    const byIssue = ok(await gql(app, `query($i: ID!) { timeline(issue: $i) { totalCount } }`, { i: ids['Tariffs'] })).timeline;
    expect(byIssue.totalCount).toBeGreaterThan(0);
  });

  it('stances say who supports or opposes which issue, with the quote and date', async () => {
    const d = ok(
      await gql(app, `{ stances(first: 100) { totalCount edges { node { stance date actor { id name } issue { id name } quote { sentence article { id } } } } } }`),
    );
    const ours = d.stances.edges.filter((e: any) => e.node.quote.article.id === articleId);
    expect(ours.length).toBeGreaterThan(0);
    const s = ours[0].node;
    expect(['SUPPORTS', 'OPPOSES', 'CONCERNED_ABOUT']).toContain(s.stance);
    expect(s.date).toBe('2019-02-15');
    const byActor = ok(await gql(app, `query($id: ID!) { stances(actor: $id) { edges { node { actor { id } } } } node(id: $id) { ... on Actor { stances { totalCount } } } }`, { id: s.actor.id }));
    expect(byActor.stances.edges.every((e: any) => e.node.actor.id === s.actor.id)).toBe(true);
    expect(byActor.node.stances.totalCount).toBe(byActor.stances.edges.length);
    const byIssue = ok(await gql(app, `query($id: ID!) { stances(issue: $id) { edges { node { issue { id } } } } }`, { id: s.issue.id }));
    expect(byIssue.stances.edges.every((e: any) => e.node.issue.id === s.issue.id)).toBe(true);
  });

  it('relationsOverTime groups the events between two actors by month with a mean score', async () => {
    const d = ok(
      await gql(app, `query($a: ID!, $b: ID!) { relationsOverTime(a: $a, b: $b) { month eventCount meanGoldstein events { id date } } }`, {
        a: ids['Donald Trump'],
        b: ids['Xi Jinping'],
      }),
    ).relationsOverTime;
    expect(d.length).toBeGreaterThan(0);
    for (const m of d) {
      expect(m.month).toMatch(/^\d{4}-\d{2}$/);
      expect(m.eventCount).toBe(m.events.length);
      expect(m.events.every((e: any) => e.date.startsWith(m.month))).toBe(true);
      expect(m.meanGoldstein).toBeGreaterThanOrEqual(-10);
      expect(m.meanGoldstein).toBeLessThanOrEqual(10);
    }
    expect(d.map((m: any) => m.month)).toEqual([...d.map((m: any) => m.month)].sort());
  });

  it('changes lists the article as added since a time before the test, and nothing for the future', async () => {
    const d = ok(await gql(app, `{ changes(since: "2000-01-01T00:00:00Z", first: 100) { totalCount edges { node { kind at articleId title article { id } } } } }`)).changes;
    const mine = d.edges.find((e: any) => e.node.articleId === articleId);
    expect(mine?.node.kind).toBe('ADDED');
    expect(mine?.node.article.id).toBe(articleId);
    const future = ok(await gql(app, `{ changes(since: "2999-01-01T00:00:00Z") { totalCount } }`)).changes;
    expect(future.totalCount).toBe(0);
  });

  it('stats count labels and types and rank the most connected actors and issues', async () => {
    const d = ok(
      await gql(app, `{ stats { articles entitiesByType { label count } actorsByKind { label count } relationshipsByType { label count } topActors(first: 5) { degree entity { id name } } topIssues(first: 5) { degree entity { id } } } }`),
    ).stats;
    expect(d.articles).toBeGreaterThanOrEqual(1);
    expect(d.entitiesByType.map((x: any) => x.label)).toEqual(['Actor', 'Issue', 'Event', 'Place']);
    expect(d.actorsByKind.map((x: any) => x.label)).toContain('PERSON');
    expect(d.relationshipsByType.map((x: any) => x.label)).toContain('PARTICIPATED_IN');
    expect(d.topActors.length).toBe(5);
    const degrees = d.topActors.map((x: any) => x.degree);
    expect(degrees).toEqual([...degrees].sort((x: number, y: number) => y - x));
  });

  it('event details resolve participants, issues, places, amounts and status', async () => {
    const d = ok(
      await gql(app, `query($a: ID!) { events(filter: {article: $a}, first: 100) { edges { node { id eventType status cameo goldstein amounts { text value unit } participants { role actor { id } evidence { sentence } } issues { id } places { id } } } } }`, {
        a: articleId,
      }),
    ).events;
    const withParticipants = d.edges.filter((e: any) => e.node.participants.length > 0);
    expect(withParticipants.length).toBeGreaterThan(5);
    expect(d.edges.some((e: any) => e.node.issues.length > 0)).toBe(true);
    expect(d.edges.some((e: any) => e.node.places.length > 0)).toBe(true);
    expect(d.edges.some((e: any) => e.node.amounts.length > 0)).toBe(true);
  });

  it('a 50-event query with participants and issues takes a small constant number of database round trips', async () => {
    const counted = openTestDb();
    let sessions = 0;
    const open = counted.driver.session.bind(counted.driver);
    counted.driver.session = ((...args: Parameters<typeof open>) => {
      sessions++;
      return open(...args);
    }) as typeof open;
    // Enough events for a full page of 50, whatever the sample holds: a few generated wire stories.
    const prefix = uniquePrefix('gql-rt');
    for (let i = 0; i < 8; i++) {
      const story = generateArticle(i, { idPrefix: prefix, seed: 7 });
      extraArticles.push(story.id);
      await ingestArticleInput(db, story, { extractor: getExtractor('rules', config) });
    }
    sessions = 0;
    const countedApp = createApp(config, counted, { log: () => {} });
    try {
      const d = ok(
        await gql(countedApp, `{ events(first: 50) { edges { node { id participants { role actor { id name kind } } issues { id name } places { id } articles(first: 2) { totalCount } } } } }`),
      ).events;
      expect(d.edges.length).toBe(50);
      // events, participants, issues, places, articles: one statement each, whatever the page size.
      expect(sessions).toBeLessThanOrEqual(5);
    } finally {
      await countedApp.close();
      await closeDb(counted);
    }
  });
});

describe('the web view', () => {
  /** Sends a codegen-typed document as the web view does: result and variables typed from the schema. */
  async function run<R, V>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    return ok<R>(await gql<R>(app, queryText(doc as never), variables as Record<string, unknown>));
  }

  it('every operation in web/src/operations.ts validates and runs against the server', async () => {
    // Mutations and the subscription run in their own tests below; every query is here, typed.
    const queries = Object.entries(ops).filter(([name]) => name.endsWith('Query')).map(([name]) => name);
    expect(queries.sort()).toEqual(['ChangesSinceQuery', 'EntityDetailsQuery', 'HealthQuery', 'MapPlacesQuery', 'NeighbourhoodQuery', 'OverviewQuery', 'PathsQuery', 'RelationsOverTimeQuery', 'SearchQuery']);
    expect((await run(ops.HealthQuery, {})).health.ok).toBe(true);
    const overview = (await run(ops.OverviewQuery, { limit: 80 })).overview;
    expect(overview.nodes.length).toBeGreaterThan(0);
    const around = (await run(ops.NeighbourhoodQuery, { id: ids['Xi Jinping']!, depth: 2, limit: 100 })).neighbourhood;
    // The shared fragments give both graph answers the same shape.
    expect(Object.keys(around.nodes[0]!).sort()).toEqual(Object.keys(overview.nodes[0]!).sort());
    expect(Object.keys(around.edges[0]!).sort()).toEqual(Object.keys(overview.edges[0]!).sort());
    expect((await run(ops.SearchQuery, { query: 'trump', first: 10 })).search.edges.length).toBeGreaterThan(0);
    const paths = (await run(ops.PathsQuery, { from: ids['Robert Lighthizer']!, to: ids['Donald Trump']! })).paths;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0]!.hops[0]!.edge.evidence[0]!.sentence).toBeTruthy();
    expect(Array.isArray((await run(ops.RelationsOverTimeQuery, { a: ids['Donald Trump']!, b: ids['Xi Jinping']! })).relationsOverTime)).toBe(true);
    expect((await run(ops.ChangesSinceQuery, { since: '2000-01-01T00:00:00Z' })).changes.edges.length).toBeGreaterThan(0);
    const details = (await run(ops.EntityDetailsQuery, { id: ids['Xi Jinping']! })).node;
    expect(details?.__typename).toBe('Actor');
    if (details?.__typename !== 'Actor') return;
    expect(details.events.totalCount).toBeGreaterThan(0);
    expect(details.evidence.edges[0]!.node.article.id).toBeDefined();
    // The map: graph nodes carry an event's coordinates and articles, a person neither; its layer of places carries theirs.
    const located = overview.nodes.find((n) => n.type === 'EVENT' && n.latitude !== null);
    expect(located?.longitude, 'an event of the opening view has coordinates').toEqual(expect.any(Number));
    expect(located!.articleCount).toBeGreaterThan(0);
    expect(overview.nodes.find((n) => n.kind === 'PERSON')).toMatchObject({ latitude: null, longitude: null, articleCount: null });
    const layer = (await run(ops.MapPlacesQuery, { first: 100 })).places.edges.map((e) => e.node);
    const beijing = layer.find((p) => p.name === 'Beijing');
    expect(beijing).toMatchObject({ countryCode: 'CN', placeKind: 'city' });
    expect(beijing!.latitude).toBeCloseTo(39.9, 1);
    expect(beijing!.longitude).toBeCloseTo(116.4, 1);
    expect(beijing!.articleCount).toBeGreaterThan(0);
  });

  it('the opening view holds the most connected actors and issues and the events of the latest period', async () => {
    const plain = (await run(ops.OverviewQuery, { limit: 5 })).overview;
    expect(plain.nodes.length).toBeLessThanOrEqual(5);
    const opening = (await run(ops.OverviewQuery, { limit: 5, events: 3 })).overview;
    const hubs = opening.nodes.filter((n) => n.type === 'ACTOR' || n.type === 'ISSUE');
    const events = opening.nodes.filter((n) => n.type === 'EVENT');
    expect(hubs.length).toBe(5);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(3);
    expect(opening.nodes.filter((n) => n.type === 'PLACE')).toEqual([]);
    const shown = new Set(opening.nodes.map((n) => n.id));
    for (const e of opening.edges) expect(shown.has(e.source) && shown.has(e.target)).toBe(true);
    expect(codes(await gql(app, '{ overview(events: -1) { truncated } }'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('mutations', () => {
  const mutation = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome nodesCreated relationshipsCreated article { id title } created { id } merged { id } } }`;
  const text = 'The finance minister of Freedonia, Rufus Firefly, met with Sylvania ambassador Trentino in Paris on Monday to discuss tariffs on steel. Firefly said Freedonia opposes new tariffs.';

  it('ingestArticle without a token, or with a wrong one, is refused and writes nothing', async () => {
    const id = uniquePrefix('gql-noauth');
    const none = await gql(app, mutation, { input: { id, text, title: 'x' } });
    expect(codes(none)).toEqual(['UNAUTHENTICATED']);
    const wrong = await gql(app, mutation, { input: { id, text } }, 'not-the-token');
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    const removed = await gql(app, `mutation($id: ID!) { removeArticle(id: $id) { removed } }`, { id: articleId });
    expect(codes(removed)).toEqual(['UNAUTHENTICATED']);
    expect(ok(await gql(app, `query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
    expect(ok(await gql(app, `query($id: ID!) { node(id: $id) { id } }`, { id: articleId })).node).not.toBeNull();
  });

  it('ingestArticle with the token creates, re-ingesting is unchanged, removeArticle deletes once', async () => {
    const id = uniquePrefix('gql-ingest');
    extraArticles.push(id);
    const first = ok(await gql(app, mutation, { input: { id, text, title: 'Freedonia talks', source: 'Test Wire', publishedAt: '2024-03-04' } }, TOKEN)).ingestArticle;
    expect(first.outcome).toBe('NEW');
    expect(first.article).toEqual({ id, title: 'Freedonia talks' });
    expect(first.nodesCreated).toBeGreaterThan(0);
    expect(first.created.length + first.merged.length).toBeGreaterThan(0);
    const again = ok(await gql(app, mutation, { input: { id, text, title: 'Freedonia talks', source: 'Test Wire', publishedAt: '2024-03-04' } }, TOKEN)).ingestArticle;
    expect(again.outcome).toBe('UNCHANGED');
    const rm = ok(await gql(app, `mutation($id: ID!) { removeArticle(id: $id) { articleId removed entitiesDeleted relationshipsDeleted } }`, { id }, TOKEN)).removeArticle;
    expect(rm.articleId).toBe(id);
    expect(rm.removed).toBe(true);
    const rm2 = ok(await gql(app, `mutation($id: ID!) { removeArticle(id: $id) { removed } }`, { id }, TOKEN)).removeArticle;
    expect(rm2.removed).toBe(false);
    // The "what's new" feed reports the removal, once, with the title the article had.
    const feed = ok(await gql(app, `{ changes(since: "2000-01-01T00:00:00Z", first: 100) { edges { node { kind articleId title article { id } } } } }`)).changes;
    const mine = feed.edges.filter((e: any) => e.node.articleId === id).map((e: any) => e.node);
    expect(mine).toEqual([{ kind: 'REMOVED', articleId: id, title: 'Freedonia talks', article: null }]);
  });

  it('ingestArticle rejects input with none or several of text, html and url, and bad metadata', async () => {
    expect(codes(await gql(app, mutation, { input: { title: 'nothing' } }, TOKEN))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(app, mutation, { input: { text, html: '<p>x</p>' } }, TOKEN))).toEqual(['BAD_USER_INPUT']);
    const badDate = await gql(app, mutation, { input: { text, publishedAt: '15 Feb 2019' } }, TOKEN);
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(badDate.errors?.[0]?.message).toMatch(/publishedAt/);
    expect(codes(await gql(app, mutation, { input: { text: '   ' } }, TOKEN))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('subscriptions', () => {
  it('graphChanged over server-sent events sees an ingest and a removal', async () => {
    const controller = new AbortController();
    const res = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { graphChanged { kind articleId title entityIds at } }' }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const events: any[] = [];
    let buffer = '';
    const reading = (async () => {
      while (events.length < 2) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = chunk.split('\n').find((l) => l.startsWith('data:'));
          if (data && chunk.includes('event: next')) events.push(JSON.parse(data.slice(5)).data.graphChanged);
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const id = uniquePrefix('gql-sub');
    extraArticles.push(id);
    const text = 'Chancellor Olga Brandt of Ruritania met with trade envoys in Vienna on Tuesday to discuss tariffs.';
    ok(await gql(app, `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome } }`, { input: { id, text, title: 'Ruritania' } }, TOKEN));
    ok(await gql(app, `mutation($id: ID!) { removeArticle(id: $id) { removed } }`, { id }, TOKEN));
    await Promise.race([reading, new Promise((r) => setTimeout(r, 10_000))]);
    controller.abort();
    await reader.cancel().catch(() => {});
    expect(events.map((e) => [e.kind, e.articleId])).toEqual([
      ['ADDED', id],
      ['REMOVED', id],
    ]);
    expect(events[0].title).toBe('Ruritania');
    expect(events[0].entityIds.length).toBeGreaterThan(0);
    expect(Date.parse(events[0].at)).not.toBeNaN();
  });
});

describe('safety', () => {
  it('rejects queries deeper than MAX_QUERY_DEPTH', async () => {
    let inner = 'id';
    for (let i = 0; i < 6; i++) inner = `participants { actor { events(first: 1) { edges { node { ${inner} } } } } }`;
    const r = await gql(app, `{ events(first: 1) { edges { node { ${inner} } } } }`);
    expect(codes(r)).toContain('QUERY_TOO_DEEP');
    expect(r.data).toBeUndefined();
  });

  it('rejects more aliases than allowed', async () => {
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: health { ok }`).join(' ');
    expect(codes(await gql(app, `{ ${fields} }`))).toContain('TOO_MANY_ALIASES');
  });

  it('rejects documents with too many tokens before validating them', async () => {
    const r = await gql(app, `{ health { ${'ok '.repeat(4000)} } }`);
    expect(r.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('rejects queries whose estimated cost exceeds MAX_QUERY_COST, counting variables', async () => {
    const q = `query($n: Int) { actors(first: $n) { edges { node { events(first: $n) { edges { node { participants { actor { id } } } } } } } } }`;
    const r = await gql(app, q, { n: 100 });
    expect(codes(r)).toEqual(['QUERY_TOO_COSTLY']);
    expect(ok(await gql(app, q, { n: 3 })).actors).toBeDefined();
  });

  it('rejects page sizes above MAX_PAGE_SIZE and negative ones, naming the argument', async () => {
    const big = await gql(app, `{ actors(first: 101) { totalCount } }`);
    expect(codes(big)).toEqual(['BAD_USER_INPUT']);
    expect(big.errors?.[0]?.message).toMatch(/first must be between 0 and 100/);
    expect(codes(await gql(app, `{ events(first: -1) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('explains invalid arguments: depth, dates, cursors, timestamps, missing subject', async () => {
    const cases: [string, string][] = [
      ['{ neighbourhood(id: "x", depth: 4) { truncated } }', 'depth'],
      ['{ events(filter: {from: "2019-13"}) { totalCount } }', 'from'],
      ['{ timeline(actor: "x", to: "yesterday") { totalCount } }', 'to'],
      ['{ actors(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
      ['{ changes(since: "last week") { totalCount } }', 'since'],
      ['{ timeline { totalCount } }', 'actor'],
      ['{ paths(from: "a", to: "b", maxLength: 9) { length } }', 'maxLength'],
      ['{ search(query: "   ") { totalCount } }', 'query'],
    ];
    for (const [q, argument] of cases) {
      const r = await gql(app, q);
      expect(codes(r), q).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.extensions?.argument, q).toBe(argument);
    }
    const typeError = await gql(app, '{ actors(sort: SIDEWAYS) { totalCount } }');
    expect(typeError.errors?.[0]?.message).toMatch(/SIDEWAYS/);
  });

  it('injection strings in every string argument are plain values: no errors, no changes', async () => {
    const before = ok(await gql(app, '{ stats { articles entitiesByType { count } relationshipsByType { count } } }')).stats;
    const payloads = [
      `x'}) MATCH (n) DETACH DELETE n //`,
      `" OR 1=1 --`,
      'x` RETURN 1 //',
      '*:* OR name:/.*/ AND (',
      '${id} \\ \u0000 {{ }}',
      "') CALL db.labels() YIELD label RETURN label //",
    ];
    for (const p of payloads) {
      const v = { p };
      const queries = [
        'query($p: ID!) { node(id: $p) { id } }',
        'query($p: String!) { search(query: $p) { totalCount } }',
        'query($p: String, $i: ID) { actors(filter: {nameContains: $p, event: $i, issue: $i, article: $i}) { totalCount } }',
        'query($p: String, $i: ID) { issues(filter: {nameContains: $p, actor: $i, article: $i}) { totalCount } }',
        'query($p: String, $i: ID) { events(filter: {eventType: $p, involving: $i, concerning: $i, at: $i, article: $i}) { totalCount } }',
        'query($p: String, $i: ID) { places(filter: {nameContains: $p, article: $i}) { totalCount } }',
        'query($p: String, $i: ID) { articles(filter: {source: $p, mentioning: $i}) { totalCount } }',
        'query($i: ID!) { neighbourhood(id: $i, depth: 2) { nodes { id } } }',
        'query($i: ID!) { paths(from: $i, to: $i) { length } }',
        'query($i: ID) { timeline(actor: $i, issue: $i) { totalCount } }',
        'query($i: ID) { stances(actor: $i, issue: $i) { totalCount } }',
        'query($i: ID!) { relationsOverTime(a: $i, b: $i) { month } }',
      ];
      for (const q of queries) {
        const r = await gql(app, q, { ...v, i: p });
        const bad = (r.errors ?? []).filter((e) => e.extensions?.code !== 'BAD_USER_INPUT');
        expect(bad, `${q} with ${p}`).toEqual([]);
      }
      const since = await gql(app, 'query($p: String!) { changes(since: $p) { totalCount } }', v);
      expect(codes(since)).toEqual(['BAD_USER_INPUT']);
    }
    const after = ok(await gql(app, '{ stats { articles entitiesByType { count } relationshipsByType { count } } }')).stats;
    expect(after.articles).toBeGreaterThanOrEqual(1);
    expect(after.entitiesByType.reduce((s: number, x: any) => s + x.count, 0)).toBeGreaterThan(0);
    expect(before.entitiesByType.length).toBe(after.entitiesByType.length);
  });

  it('masks unexpected errors and names an unreachable database DATABASE_UNAVAILABLE', async () => {
    const deadConfig = { ...config, neo4j: { ...config.neo4j, uri: 'bolt://127.0.0.1:1' } };
    const dead: Db = {
      driver: neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', ''), { maxTransactionRetryTime: 0, connectionTimeout: 1000 }),
      database: undefined,
      timeoutMs: 1000,
    };
    const deadApp = createApp(deadConfig, dead, { log: () => {} });
    try {
      const r = await gql(deadApp, '{ actors { totalCount } }');
      expect(codes(r)).toEqual(['DATABASE_UNAVAILABLE']);
      expect(r.errors?.[0]?.message).toMatch(/database is unavailable/);
      expect(r.errors?.[0]?.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      const health = ok(await gql(deadApp, '{ health { ok database { reachable message } } }')).health;
      expect(health.ok).toBe(false);
      expect(health.database.reachable).toBe(false);
    } finally {
      await deadApp.close();
      await closeDb(dead);
    }
  });

  it('maps a database timeout to DATABASE_TIMEOUT and hides the text of unexpected errors', () => {
    const timedOut = new neo4j.Neo4jError('The transaction has been terminated. secret detail', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', '25N06', 'timeout');
    const mapped = maskError(timedOut, () => {});
    expect(mapped.extensions['code']).toBe('DATABASE_TIMEOUT');
    expect(mapped.message).toMatch(/QUERY_TIMEOUT_MS/);
    const logged: unknown[] = [];
    const hidden = maskError(new Error('password=hunter2 in /srv/secret'), (_m, err) => logged.push(err));
    expect(hidden.message).toBe('Unexpected error.');
    expect(hidden.extensions['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toHaveLength(1);
  });

  it('with PUBLIC_QUERIES=false, queries need the token too', async () => {
    const closed = createApp(testConfig({ INGEST_TOKEN: TOKEN, PUBLIC_QUERIES: 'false', LOG_LEVEL: 'silent' }), db, { log: () => {} });
    try {
      expect(codes(await gql(closed, '{ health { ok } }'))).toEqual(['UNAUTHENTICATED']);
      expect(ok(await gql(closed, '{ health { ok } }', {}, TOKEN)).health.ok).toBe(true);
    } finally {
      await closed.close();
    }
  });

  it('serves GraphiQL to browsers at /graphql', async () => {
    const res = await app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/graphiql/i);
  });
});
