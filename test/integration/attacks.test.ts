// Replays each attack from issue 14 against the real server (server/main.ts over HTTP) and checks
// that it is answered in time with a typed error or a bounded answer, while a health check sent
// meanwhile keeps answering within a second. The frozen-database attack stops (kill -STOP) a
// Neo4j this file starts on its own port and data folder, never the shared test database.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { neo4jStatus, startNeo4j, stopNeo4j } from '../../server/runtime/neo4j/descriptor.js';
import { createApp } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { meetingChain } from '../helpers/pathological.js';
import { freePort, startServer, type RunningServer } from '../helpers/process.js';
import { closeDb, createDb, waitForDatabase } from '../../server/db/driver.js';
import { ensureSchema } from '../../server/db/schema.js';

const TOKEN = 'attack-test-token-0123456789';
const P = uniquePrefix('attacks');

interface Answer {
  status: number;
  ms: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  headers: Headers;
}

async function post(baseUrl: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, ms: Date.now() - started, body: JSON.parse(text) as Answer['body'], headers: res.headers };
}

const codes = (a: Answer) => a.body.errors?.map((e) => e.extensions?.['code']) ?? [];

/**
 * Runs `attack` while a health check is sent every 150 ms; returns the attack's answer and the
 * slowest health answer seen meanwhile.
 */
async function underHealthWatch(baseUrl: string, attack: () => Promise<Answer>): Promise<{ answer: Answer; slowestHealth: number; healthChecks: number }> {
  let done = false;
  let slowest = 0;
  let checks = 0;
  const watch = (async () => {
    while (!done) {
      const h = await post(baseUrl, { query: '{ health { ok } }' });
      expect(h.status).toBe(200);
      slowest = Math.max(slowest, h.ms);
      checks++;
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  try {
    const answer = await attack();
    return { answer, slowestHealth: slowest, healthChecks: checks };
  } finally {
    done = true;
    await watch;
  }
}

function fanOut(n: number): string {
  let q = 'query { ...F0 }';
  for (let i = 0; i < n; i++) q += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${q} fragment F${n} on Query { stats { articles } }`;
}

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome relationshipsCreated article { id } } }`;
const REMOVE = `mutation($id: ID!) { removeArticle(id: $id) { removed } }`;

describe('attacks on a running server (shared test database)', () => {
  let server: RunningServer;
  let url: string;
  const articleId = `${P}-sample`;

  beforeAll(async () => {
    server = await startServer({ NEO4J_URI: testConfig().neo4j.uri, INGEST_TOKEN: TOKEN, MAX_RESPONSE_BYTES: '60000' }, { stdout: 'ignore' });
    url = server.baseUrl;
    const text =
      'Minister Ivan Petrov met Chancellor Olga Brandt in Vienna on Tuesday to discuss tariffs. ' +
      'Petrov said the tariffs on steel would be lifted by March. Brandt welcomed the decision. ' +
      'The European Union imposed sanctions on Ruritania over its border dispute. '.repeat(60);
    const r = await post(url, { query: INGEST, variables: { input: { id: articleId, text, title: 'Attack sample', publishedAt: '2024-03-05' } } });
    expect(codes(r)).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    if (server) await post(url, { query: REMOVE, variables: { id: articleId } });
    await server?.stop();
  });

  it.each([22, 290])('fragment fan-out n=%i is refused as QUERY_TOO_COSTLY within 2 s, health answering meanwhile', async (n) => {
    const query = fanOut(n);
    const { answer, slowestHealth } = await underHealthWatch(url, () => post(url, { query }));
    expect(codes(answer)).toEqual(['QUERY_TOO_COSTLY']);
    expect(answer.ms).toBeLessThan(2_000);
    expect(slowestHealth).toBeLessThan(1_000);
  });

  it('article texts under nested evidence lists are counted by the cost estimate', async () => {
    const query = `{ node(id: "${articleId}") { ... on Article { entities(first: 20) { edges { node { evidence(first: 20) { edges { node { article { text } } } } } } } } } }`;
    const { answer, slowestHealth } = await underHealthWatch(url, () => post(url, { query }));
    expect(codes(answer)).toEqual(['QUERY_TOO_COSTLY']);
    expect(answer.ms).toBeLessThan(2_000);
    expect(slowestHealth).toBeLessThan(1_000);
  });

  it('an answer over MAX_RESPONSE_BYTES is refused as RESPONSE_TOO_LARGE, not sent', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: node(id: "${articleId}") { ... on Article { text } }`).join(' ');
    const answer = await post(url, { query: `{ ${aliases} }` });
    expect(codes(answer)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.ms).toBeLessThan(2_000);
    // One text is well within the cap.
    const one = await post(url, { query: `{ node(id: "${articleId}") { ... on Article { text } } }` });
    expect(one.body.errors).toBeUndefined();
  });

  it.each([
    ['a string for Int', 'query($n: Int) { search(query: "china", first: $n) { edges { node { id } } } }', { n: 'ten' }, 'first'],
    ['an unknown enum value', 'query($t: [EntityType!]) { search(query: "china", types: $t) { edges { node { id } } } }', { t: ['NOPE'] }, 'types'],
    ['an object for String!', 'query($q: String!) { search(query: $q) { edges { node { id } } } }', { q: { a: 1 } }, 'query'],
    ['a nested array for an enum list', 'query($t: [EntityType!]) { search(query: "china", types: $t) { edges { node { id } } } }', { t: [['ACTOR']] }, 'types'],
    ['an unknown input field', 'query($f: EventFilter) { events(filter: $f) { totalCount } }', { f: { nope: 1 } }, 'filter'],
    ['null for a required variable', 'query($q: String!) { search(query: $q) { edges { node { id } } } }', { q: null }, 'query'],
  ])('%s in a variable is BAD_USER_INPUT naming the argument', async (_what, query, variables, argument) => {
    const answer = await post(url, { query, variables });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.errors?.[0]?.extensions?.['argument']).toBe(argument);
    expect(answer.body.errors?.[0]?.message).toMatch(/Variable "\$/);
  });

  it.each([
    ['35 KB', 400],
    ['71 KB', 800],
  ])('a %s chain of meetings ingests in seconds with every MET_WITH backed by a sentence naming both', async (_size, n) => {
    const id = `${P}-chain-${n}`;
    const text = meetingChain(n);
    const { answer, slowestHealth } = await underHealthWatch(url, () =>
      post(url, { query: INGEST, variables: { input: { id, text, title: `Chain ${n}`, publishedAt: '2024-03-05' } } }),
    );
    try {
      expect(codes(answer)).toEqual([]);
      const created = (answer.body.data?.['ingestArticle'] as { relationshipsCreated: number }).relationshipsCreated;
      expect(created).toBeLessThan(20 * n);
      expect(answer.ms).toBeLessThan(30_000);
      expect(slowestHealth).toBeLessThan(1_000);
      const db = openTestDb();
      try {
        const { readQuery } = await import('../../server/db/driver.js');
        const rows = await readQuery<{ a: string; b: string; evidence: string }>(
          db,
          // Each MET_WITH this article states is an Evidence record (the summary relationship carries no sentence).
          `MATCH (e:Evidence {articleId: $id}) WHERE e.type = 'MET_WITH'
           MATCH (a:Actor {id: e.source}), (b:Actor {id: e.target})
           RETURN a.name AS a, b.name AS b, e.sentence AS evidence`,
          { id },
        );
        expect(rows.records.length).toBeLessThanOrEqual(n);
        expect(rows.records.length).toBeGreaterThan(n / 2);
        const surname = (name: string) => name.split(' ').pop()!;
        for (const r of rows.records) {
          expect(r.get('evidence')).toContain(surname(r.get('a')));
          expect(r.get('evidence')).toContain(surname(r.get('b')));
        }
      } finally {
        await closeDb(db);
      }
    } finally {
      await post(url, { query: REMOVE, variables: { id } });
    }
  }, 120_000);

  it('text with a lone surrogate is refused as BAD_USER_INPUT, not stored changed', async () => {
    const answer = await post(url, { query: INGEST, variables: { input: { id: `${P}-surrogate`, text: 'Chancellor Olga Brandt met envoys in Vienna \ud800 on Tuesday.' } } });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.errors?.[0]?.message).toMatch(/lone surrogate \(U\+D800\)/);
  });

  it('CORS is off by default: another origin gets no CORS headers', async () => {
    const answer = await post(url, { query: '{ health { ok } }' }, { origin: 'https://evil.example' });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('CORS_ORIGINS', () => {
  it('allows exactly the listed origins, without credentials', async () => {
    const config = testConfig({ CORS_ORIGINS: 'https://news.example', LOG_LEVEL: 'silent' });
    const db = openTestDb();
    const app = createApp(config, db, { log: () => {} });
    try {
      const ask = (origin: string) =>
        app.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ health { ok } }' }) });
      const allowed = await ask('https://news.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
      expect(allowed.headers.get('access-control-allow-credentials')).not.toBe('true');
      const other = await ask('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    } finally {
      await app.close();
      await closeDb(db);
    }
  });
});

describe('a frozen database (kill -STOP of a Neo4j of this file\'s own)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nkg-frozen-'));
  let neo4jConfig: ReturnType<typeof loadConfig>['neo4j'];
  let javaPid: number | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    neo4jConfig = loadConfig({ NEO4J_BOLT_PORT: String(await freePort()), NEO4J_DATA_DIR: dataDir, NEO4J_HEAP: '256m' }).neo4j;
    await startNeo4j(neo4jConfig, { mode: 'detached' });
    javaPid = (await neo4jStatus(neo4jConfig)).pid;
    // The schema first, with the default timeout: creating indexes takes longer than the 1 s
    // statements the server under test gets.
    const setupDb = createDb({ neo4j: neo4jConfig, queryTimeoutMs: 30_000 });
    await waitForDatabase(setupDb, 60_000);
    await ensureSchema(setupDb);
    await closeDb(setupDb);
    server = await startServer(
      { NEO4J_URI: neo4jConfig.uri, INGEST_TOKEN: TOKEN, QUERY_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1200' },
      { stdout: 'ignore', timeoutMs: 120_000 },
    );
    // Warm (a cold database can take longer than the 1 s budget for its first reads), so that the
    // pool holds open connections when the database freezes.
    let answered = 0;
    for (const deadline = Date.now() + 90_000; answered < 3 && Date.now() < deadline; ) {
      answered = codes(await post(server.baseUrl, { query: '{ stats { articles } }' })).length === 0 ? answered + 1 : 0;
    }
    expect(answered).toBe(3);
  }, 240_000);

  afterAll(async () => {
    if (javaPid) process.kill(javaPid, 'SIGCONT');
    await server?.stop();
    await stopNeo4j(neo4jConfig);
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('reads fail within the request timeout as DATABASE_UNAVAILABLE, health answers meanwhile, and all recovers on thaw', { timeout: 120_000 }, async () => {
    const url = server!.baseUrl;
    process.kill(javaPid!, 'SIGSTOP');
    try {
      // As in the reported attack: some 40 reads stuck at once on the frozen database.
      const reads = Array.from({ length: 40 }, () => post(url, { query: '{ stats { articles } }' }));
      // Once they are all waiting on the frozen database, the server still answers health.
      await new Promise((r) => setTimeout(r, 300));
      const health = await post(url, { query: '{ health { ok database { reachable } } }' });
      expect(health.ms).toBeLessThan(1_000);
      expect(health.body.data?.['health']).toMatchObject({ ok: false, database: { reachable: false } });
      const answers = await Promise.all(reads);
      for (const a of answers) {
        expect(codes(a)).toEqual(['DATABASE_UNAVAILABLE']);
        expect(a.ms).toBeLessThan(2_500);
      }
      // Once the pool is full of stuck connections, a new read still fails in time.
      const late = await post(url, { query: '{ stats { articles } }' });
      expect(codes(late)).toEqual(['DATABASE_UNAVAILABLE']);
      expect(late.ms).toBeLessThan(2_500);
      // A write whose outcome the server cannot know says a retry is safe.
      const write = await post(url, { query: INGEST, variables: { input: { id: `${P}-frozen`, text: 'Chancellor Olga Brandt met envoys in Vienna on Tuesday.' } } });
      expect(codes(write)).toEqual(['DATABASE_UNAVAILABLE']);
      expect(write.body.errors?.[0]?.extensions).toMatchObject({ outcome: 'UNKNOWN', safeToRetry: true });
      expect(write.body.errors?.[0]?.message).toMatch(/safe to retry/);
    } finally {
      process.kill(javaPid!, 'SIGCONT');
    }
    // Thawed: the same server answers again without a restart.
    const deadline = Date.now() + 60_000;
    let last: Answer | undefined;
    while (Date.now() < deadline) {
      last = await post(url, { query: '{ stats { articles } }' });
      if (codes(last).length === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(codes(last!)).toEqual([]);
  });
});
