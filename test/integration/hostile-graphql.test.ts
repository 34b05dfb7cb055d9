// Hostile strings in every string and ID argument of the GraphQL API, against the real Neo4j:
// random Unicode, 100 KB strings, Cypher and Lucene injection fragments, HTML and script markup.
// Queries answer or refuse with a typed BAD_USER_INPUT / NOT_FOUND (never a masked internal error)
// and leave the graph's counts exactly as they were; ingests do the same and are removed after.
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { countArticleFacts } from '../../server/db/reads/entities.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { encodeCursor } from '../../server/graphql/resolvers/args.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { startServer, type RunningServer } from '../helpers/process.js';

const TOKEN = 'hostile-ingest-token-0123456789';
// Random inputs differ each run; the seed is printed so a failure (or a stall cut off by the test's
// timeout, which fast-check cannot report) can be replayed with FC_SEED=<seed>.
const SEED = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : Math.floor(Math.random() * 2 ** 31);
console.log(`hostile-graphql: fast-check seed ${SEED} (replay with FC_SEED=${SEED})`);
const RUNS = { numRuns: 25, seed: SEED };
const ALLOWED = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);
const P = uniquePrefix('hostile');

interface Answer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

let config: Config;
let db: Db;
let app: App;
const written = new Set<string>();

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await app.fetch('http://yoga/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
}

/** The answer is HTTP 200 and every error is one a client can act on. */
function expectTypedAnswer(r: Answer, what: string): void {
  expect(r.status, what).toBe(200);
  const bad = (r.errors ?? []).filter((e) => !ALLOWED.has(e.extensions?.code ?? ''));
  expect(bad, what).toEqual([]);
}

const STATS = '{ stats { articles entitiesByType { label count } relationshipsByType { label count } } }';

async function counts(): Promise<unknown> {
  const r = await gql(STATS);
  expect(r.errors).toBeUndefined();
  return r.data?.stats;
}

/** An article of this file's own, which no other test touches: its counts must never move. */
const SENTINEL = `${P}-sentinel`;
let sentinelWrittenAt = 0;

async function sentinelCounts(): Promise<unknown> {
  return (await countArticleFacts(db, [SENTINEL])).get(SENTINEL);
}

/**
 * Runs `act` between two readings of the graph's counts and expects them equal. Other engineers'
 * tests share this database, so when the global counts move, the change feed must show an article
 * written or removed by someone in that window; the sentinel article's counts must not move at all.
 */
async function expectUnchanged(act: () => Promise<void>): Promise<void> {
  // A second of slack for clock granularity, but never reaching back to this file's own sentinel write.
  const since = new Date(Math.max(Date.now() - 1000, sentinelWrittenAt + 1)).toISOString();
  const before = await counts();
  const sentinelBefore = await sentinelCounts();
  await act();
  const after = await counts();
  expect(await sentinelCounts()).toEqual(sentinelBefore);
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    const feed = await gql('query($s: String!) { changes(since: $s, first: 1) { totalCount } }', { s: since });
    expect(feed.data?.changes.totalCount, `counts moved with no article written or removed: ${JSON.stringify({ before, after })}`).toBeGreaterThan(0);
  }
}

const INJECTIONS = [
  `' OR 1=1 //`,
  `" OR 1=1 --`,
  `}) DETACH DELETE n //`,
  `x'}) MATCH (n) DETACH DELETE n //`,
  `\u0000`,
  'a\u0000b',
  '`',
  'x` RETURN 1 //',
  '`Actor`) DETACH DELETE n //',
  '$param',
  '$id',
  '{id: $id}',
  "') CALL db.labels() YIELD label RETURN label //",
  'CALL apoc.periodic.iterate("MATCH (n) RETURN n", "DETACH DELETE n", {})',
  '*:* OR name:/.*/ AND (',
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '&lt;b&gt;&#0;',
  '../../etc/passwd',
  '\uD800',
  '\uFEFF\u202E\u200B',
];

/** Any code point, lone surrogates included. */
const unicode = fc.string({ unit: 'binary', maxLength: 80 });

/** 20–100 KB of one random piece repeated. */
const huge = fc
  .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), fc.integer({ min: 20_000, max: 100_000 }))
  .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: unicode },
  { weight: 3, arbitrary: fc.tuple(unicode, fc.constantFrom(...INJECTIONS), unicode).map(([a, b, c]) => a + b + c) },
  { weight: 1, arbitrary: huge },
);

/** Cursors: hostile text, or a well-formed cursor for a huge or negative offset, or base64 of hostile text. */
const cursor: fc.Arbitrary<string> = fc.oneof(
  hostile,
  fc.integer({ min: 0, max: 2 ** 31 }).map((n) => encodeCursor(n)),
  hostile.map((s) => Buffer.from(s, 'utf8').toString('base64url')),
  fc.constantFrom(Buffer.from('o:-1').toString('base64url'), Buffer.from('o:99999999999').toString('base64url')),
);

/** Every query's string and ID arguments, each fed from $s (string), $i (ID) or $c (cursor). */
const QUERIES: [string, string][] = [
  ['node', 'query($i: ID!) { node(id: $i) { id } }'],
  ['search', 'query($s: String!, $c: String) { search(query: $s, after: $c) { totalCount edges { node { id } } } }'],
  ['actors', 'query($s: String, $i: ID, $c: String) { actors(filter: {nameContains: $s, event: $i, issue: $i, article: $i}, after: $c) { totalCount } }'],
  ['issues', 'query($s: String, $i: ID, $c: String) { issues(filter: {nameContains: $s, actor: $i, article: $i}, after: $c) { totalCount } }'],
  [
    'events',
    'query($s: String, $i: ID, $c: String) { events(filter: {eventType: $s, from: $s, to: $s, involving: $i, concerning: $i, at: $i, article: $i}, after: $c) { totalCount } }',
  ],
  ['events (ids only)', 'query($s: String, $i: ID) { events(filter: {eventType: $s, involving: $i, concerning: $i, at: $i, article: $i}) { totalCount } }'],
  ['places', 'query($s: String, $i: ID, $c: String) { places(filter: {nameContains: $s, article: $i}, after: $c) { totalCount } }'],
  ['articles', 'query($s: String, $i: ID, $c: String) { articles(filter: {source: $s, from: $s, to: $s, mentioning: $i}, after: $c) { totalCount } }'],
  ['articles (source only)', 'query($s: String, $i: ID) { articles(filter: {source: $s, mentioning: $i}) { totalCount } }'],
  ['neighbourhood', 'query($i: ID!) { neighbourhood(id: $i, depth: 2) { nodes { id } edges { id } } }'],
  ['paths', 'query($i: ID!, $s: ID!) { paths(from: $i, to: $s) { length } }'],
  ['timeline', 'query($i: ID, $s: String, $c: String) { timeline(actor: $i, issue: $i, from: $s, to: $s, after: $c) { totalCount } }'],
  ['timeline (issue)', 'query($i: ID) { timeline(issue: $i) { totalCount } }'],
  ['stances', 'query($i: ID, $c: String) { stances(actor: $i, issue: $i, after: $c) { totalCount } }'],
  ['stances (issue)', 'query($i: ID) { stances(issue: $i) { totalCount } }'],
  ['relationsOverTime', 'query($i: ID!, $s: ID!) { relationsOverTime(a: $i, b: $s) { month } }'],
  ['changes', 'query($s: String!, $c: String) { changes(since: $s, after: $c) { totalCount } }'],
];

beforeAll(async () => {
  config = testConfig({ INGEST_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
  db = openTestDb();
  app = createApp(config, db, { log: () => {} });
  written.add(SENTINEL);
  const text = `${BASE_TEXT}The African Union welcomed the agreement and urged both governments to implement it before March 1.\n`;
  const article = prepareArticle({ id: SENTINEL, text, meta: { title: 'Sentinel', publishedAt: '2024-02-13' }, origin: 'test' }, { maxBytes: config.maxArticleBytes });
  await ingestArticleInput(db, article, { extractor: getExtractor('rules', config) });
  sentinelWrittenAt = Date.now();
  expect(((await sentinelCounts()) as { factCount: number }).factCount).toBeGreaterThan(0);
});

afterAll(async () => {
  await app?.close();
  for (const id of written) await removeArticle(db, id);
  await closeDb(db);
});

describe('hostile strings in query arguments', () => {
  for (const [name, query] of QUERIES) {
    it(`${name}: typed answers only, graph counts unchanged`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(hostile, hostile, fc.option(cursor, { nil: undefined }), async (s, i, c) => {
          await expectUnchanged(async () => {
            const r = await gql(query, { s, i, c });
            expectTypedAnswer(r, `${name} with s=${JSON.stringify(s.slice(0, 80))} i=${JSON.stringify(i.slice(0, 80))}`);
          });
        }),
        RUNS,
      );
    });
  }

  it('a cursor this API never returned is refused as BAD_USER_INPUT naming `after`', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (c) => {
        const r = await gql('query($c: String) { actors(after: $c) { totalCount } }', { c });
        expectTypedAnswer(r, `after=${JSON.stringify(c.slice(0, 80))}`);
        // Only a real cursor passes; hostile text almost never decodes to one.
        if (r.errors) expect(r.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }),
      RUNS,
    );
  });
});

const INGEST =
  'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome article { id title source author publishedAt } } }';

const BASE_TEXT =
  'Kenya and Tanzania agreed on Tuesday to end a dispute over border tariffs, officials said in Nairobi. ' +
  'Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan for talks. ';

describe('hostile strings in ingestArticle input', () => {
  it('every string field: typed answers only; markup in metadata is stored as plain text', { timeout: 300_000 }, async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: hostile.map((s) => `${P}-${s}`),
          title: hostile,
          source: hostile,
          author: hostile,
          text: fc.oneof(hostile, hostile.map((s) => `${BASE_TEXT}${s}\n${BASE_TEXT}`)),
          publishedAt: fc.oneof(hostile, fc.constant('2024-02-13')),
        }),
        async (input) => {
          const r = await gql(INGEST, { input }, TOKEN);
          expectTypedAnswer(r, `ingest ${JSON.stringify(input).slice(0, 300)}`);
          const got = r.data?.ingestArticle;
          if (got) {
            stored++;
            written.add(got.article.id);
            // The id is a slug of the one given, so it stays under this run's prefix.
            expect(got.article.id.startsWith(P)).toBe(true);
            // Markup and quotes in metadata are stored as plain text, never interpreted.
            if (/^[\x20-\x7e]{1,200}$/.test(input.source)) expect(got.article.source).toBe(input.source.trim() || null);
          }
        },
      ),
      RUNS,
    );
    // Some inputs are valid articles, so the write path itself saw hostile metadata.
    expect(stored).toBeGreaterThan(0);
  });

  // Each of these once kept CoreNLP busy for a minute or more (a quadratic tokenizer run, thousands
  // of unknown-symbol tokens in one sentence), holding up every ingest queued behind it.
  it.each([
    ['100 KB of unassigned code points', String.fromCodePoint(0xb2b00, 0x5fa7b, 0x108926).repeat(11_000)],
    ['80 KB of a rare Han character and a letter, inside English sentences', `${BASE_TEXT}${'\u{2ECB5}i'.repeat(27_000)}\n${BASE_TEXT}`],
    ['4,000 emoji in one sentence', `${BASE_TEXT}${'\u{1F600} '.repeat(4000)}\n${BASE_TEXT}`],
    ['4,000 math signs with no space', `${BASE_TEXT}${'\u2211'.repeat(4000)}\n${BASE_TEXT}`],
    ['a 4,000-token sentence of numbers and commas', `${BASE_TEXT}${'12, '.repeat(4000)}\n${BASE_TEXT}`],
  ])('%s: answered, and the English around it still read', async (name, text) => {
    const id = `${P}-pathological-${written.size}`;
    const r = await gql(INGEST, { input: { id, text, publishedAt: '2024-02-13' } }, TOKEN);
    expectTypedAnswer(r, `pathological ${name}`);
    expect(r.errors).toBeUndefined();
    written.add(r.data?.ingestArticle.article.id);
    const facts = (await countArticleFacts(db, [r.data?.ingestArticle.article.id])).get(r.data?.ingestArticle.article.id) as { factCount: number } | undefined;
    if (text.startsWith(BASE_TEXT)) expect(facts?.factCount).toBeGreaterThan(0);
  });

  it('a url on the server\'s own machine or network is BAD_USER_INPUT naming ALLOW_PRIVATE_FETCH', async () => {
    for (const url of ['http://127.0.0.1:7474/', 'http://localhost/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://0x7f.1/']) {
      const r = await gql(INGEST, { input: { url, id: `${P}-ssrf` } }, TOKEN);
      expect(r.errors?.map((e) => e.extensions?.code), url).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.message, url).toMatch(/ALLOW_PRIVATE_FETCH/);
    }
  });

  it('without the token, hostile input is refused as UNAUTHENTICATED before anything is read', async () => {
    await fc.assert(
      // Header values are visible ASCII; anything else never leaves the client.
      fc.asyncProperty(hostile, fc.option(fc.stringMatching(/^[\x21-\x7e]{1,60}$/), { nil: undefined }), async (s, token) => {
        fc.pre(token !== TOKEN);
        await expectUnchanged(async () => {
          const r = await gql(INGEST.replace('article {', 'article { text'), { input: { id: `${P}-${s}`, text: `${BASE_TEXT}${s}`, title: s } }, token);
          expect(r.status).toBe(200);
          expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        });
      }),
      RUNS,
    );
  });
});

// The real HTTP server (server/main.ts as a child process): body limits apply on the wire, before
// GraphQL sees anything, whether the client declares a length or streams chunks without one.
describe('the HTTP server refuses oversized and unauthenticated ingests', () => {
  const SMALL_ARTICLE = 2000;
  // main.ts allows twice the article (JSON escaping) plus 64 KB for the query and metadata.
  const MAX_BODY = SMALL_ARTICLE * 2 + 64 * 1024;
  let server: RunningServer;
  let port: number;


  /** One POST to /graphql; `chunked` sends the body in pieces with no Content-Length. */
  function post(body: string, opts: { token?: string; chunked?: boolean } = {}): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const bytes = Buffer.from(body, 'utf8');
      const headers: Record<string, string | number> = { 'content-type': 'application/json', accept: 'application/json' };
      if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
      if (!opts.chunked) headers['content-length'] = bytes.length;
      const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      });
      // The server may close while we are still sending: that is the point, so only the answer counts.
      req.on('error', (err) => setTimeout(() => reject(err), 500));
      if (opts.chunked) {
        const piece = 16 * 1024;
        let at = 0;
        const next = () => {
          if (req.destroyed) return;
          if (at >= bytes.length) return void req.end();
          const chunk = bytes.subarray(at, at + piece);
          at += piece;
          if (req.write(chunk)) setImmediate(next);
          else req.once('drain', next);
        };
        next();
      } else req.end(bytes);
    });
  }

  const ingestBody = (input: Record<string, unknown>) => JSON.stringify({ query: INGEST, variables: { input } });

  beforeAll(async () => {
    server = await startServer({
      NEO4J_URI: testConfig().neo4j.uri,
      HOST: '127.0.0.1',
      INGEST_TOKEN: TOKEN,
      MAX_ARTICLE_BYTES: String(SMALL_ARTICLE),
    }, { stdout: 'ignore' });
    port = server.port;
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  const oversized = () => ingestBody({ id: `${P}-huge`, text: `${BASE_TEXT}${'x'.repeat(MAX_BODY)}` });

  it('a body over the limit with a Content-Length gets 413 and is not ingested', async () => {
    const r = await post(oversized(), { token: TOKEN });
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/MAX_ARTICLE_BYTES/);
    expect(await countArticleFacts(db, [`${P}-huge`])).toEqual(new Map());
  });

  it('a chunked body over the limit (no Content-Length) gets 413 and is not ingested', async () => {
    const r = await post(oversized(), { token: TOKEN, chunked: true });
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/MAX_ARTICLE_BYTES/);
    expect(await countArticleFacts(db, [`${P}-huge`])).toEqual(new Map());
  });

  it('a chunked body under the limit is read whole and answered', async () => {
    const padding = ' '.repeat(MAX_BODY - 2000);
    const r = await post(`{"query": "{ stats { articles } }"${padding}}`, { chunked: true });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).data.stats.articles).toEqual(expect.any(Number));
  });

  it('an ingest with no token or a wrong token is UNAUTHENTICATED and writes nothing', async () => {
    const id = `${P}-no-token`;
    for (const token of [undefined, 'wrong-token-0123456789', `${TOKEN}x`]) {
      const r = await post(ingestBody({ id, text: BASE_TEXT }), { token });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text).errors.map((e: any) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect(await countArticleFacts(db, [id])).toEqual(new Map());
  });

  it('an article just over MAX_ARTICLE_BYTES is BAD_USER_INPUT with reason oversized', async () => {
    const id = `${P}-just-over`;
    const text = (BASE_TEXT.repeat(Math.ceil((SMALL_ARTICLE + 50) / BASE_TEXT.length))).slice(0, SMALL_ARTICLE + 50);
    const r = await post(ingestBody({ id, text }), { token: TOKEN });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.errors.map((e: any) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors[0].extensions.reason).toBe('oversized');
    expect(await countArticleFacts(db, [id])).toEqual(new Map());
    // One just under the limit goes through, so the refusal above is the size and nothing else.
    const under = await post(ingestBody({ id, text: text.slice(0, SMALL_ARTICLE - 100) }), { token: TOKEN });
    written.add(id);
    expect(JSON.parse(under.text).errors).toBeUndefined();
  });
});
