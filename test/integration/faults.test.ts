// The database goes away while the server runs: answers are clear, typed GraphQL errors, the
// server stays up, and it recovers by itself when the database returns. A TCP proxy between
// the driver and Neo4j plays the network, so the shared database itself is never stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeArticle } from '../../server/db/writes/articles.js';
import { countArticleFacts } from '../../server/db/reads/entities.js';
import { closeDb, createDb, type Db } from '../../server/db/driver.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startServer } from '../helpers/process.js';

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const TOKEN = 'faults-ingest-token-0123456789';
const P = uniquePrefix('faults');
const written = new Set<string>();
let proxy: FaultProxy;
let db: Db;
let direct: Db;
let app: App;

// A wire story long enough that its write takes several statements.
function story(n: number): { id: string; text: string; title: string; source: string; publishedAt: string } {
  const text = [
    `Kenya and Tanzania agreed on Tuesday to end a dispute over border tariffs, officials said in Nairobi.`,
    `Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan at State House for three hours of talks.`,
    `The two leaders said the tariffs had hurt farmers and traders on both sides of the border.`,
    `The African Union welcomed the agreement and urged both governments to implement it before March 1.`,
    `Ruto said Kenya would remove the tariffs on maize and rice within 30 days.`,
  ].join(' ');
  const id = `${P}-story-${n}`;
  written.add(id);
  return { id, text: `${text}\n`, title: `Border tariff deal ${n}`, source: 'East Africa Wire', publishedAt: '2024-02-13' };
}

const INGEST = 'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome article { id entityCount factCount } } }';

async function query(source: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: Answer }> {
  const res = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: source, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

beforeAll(async () => {
  const base = testConfig();
  const target = new URL(base.neo4j.uri.replace(/^bolt/, 'http'));
  proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 7687) });
  const config = testConfig({ QUERY_TIMEOUT_MS: '3000', INGEST_TOKEN: TOKEN });
  direct = openTestDb();
  const viaProxy = { ...config, neo4j: { ...config.neo4j, uri: proxy.uri } };
  db = createDb(viaProxy);
  app = createApp({ ...viaProxy, logLevel: 'silent' }, db, { log: () => {} });
});

afterAll(async () => {
  await app?.close();
  await closeDb(db);
  await proxy?.close();
  for (const id of written) await removeArticle(direct, id);
  await closeDb(direct);
});

/** What the graph holds for an article, read around the proxy. */
async function holds(id: string): Promise<{ entityCount: number; factCount: number } | undefined> {
  return (await countArticleFacts(direct, [id])).get(id);
}

describe('database outage during queries', () => {
  it('answers with DATABASE_UNAVAILABLE while the database is gone, and recovers by itself when it returns', async () => {
    const before = await query('{ stats { articles } }');
    expect(before.body.errors).toBeUndefined();
    expect(typeof before.body.data?.stats.articles).toBe('number');

    proxy.cut();
    const during = await query('{ stats { articles } actors(first: 3) { edges { node { id } } } }');
    expect(during.status).toBe(200);
    expect(during.body.errors?.length).toBeGreaterThan(0);
    for (const e of during.body.errors ?? []) {
      expect(e.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(e.message).toMatch(/database is unavailable/);
      // Nothing internal leaks: no stack, no driver wording, no address.
      expect(e.message).not.toMatch(/bolt:|ECONN|at .*\.js/);
    }
    const health = await query('{ health { ok database { reachable message } } }');
    expect(health.body.data?.health).toMatchObject({ ok: false, database: { reachable: false } });

    proxy.restore();
    const after = await query('{ stats { articles } }');
    expect(after.body.errors).toBeUndefined();
    expect(typeof after.body.data?.stats.articles).toBe('number');
    expect((await query('{ health { ok } }')).body.data?.health.ok).toBe(true);
  });
});

describe('database outage during ingestion', () => {
  it('refuses an ingest with DATABASE_UNAVAILABLE while the database is gone and writes nothing', async () => {
    const input = story(1);
    proxy.cut();
    const during = await query(INGEST, { input }, TOKEN);
    proxy.restore();
    expect(during.status).toBe(200);
    expect(during.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(await holds(input.id)).toBeUndefined();

    // The same request once the database is back completes the article.
    const after = await query(INGEST, { input }, TOKEN);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.ingestArticle.outcome).toBe('NEW');
    expect(await holds(input.id)).toEqual({
      entityCount: after.body.data?.ingestArticle.article.entityCount,
      factCount: after.body.data?.ingestArticle.article.factCount,
    });
  });

  it('never leaves half an article when the connection drops in the middle of its write', { timeout: 90_000 }, async () => {
    // The reference: what a quiet ingest of the same story writes.
    const reference = story(2);
    const quiet = await query(INGEST, { input: reference }, TOKEN);
    const { entityCount, factCount } = quiet.body.data?.ingestArticle.article as { entityCount: number; factCount: number };
    const expected = { entityCount, factCount };
    expect(expected.factCount).toBeGreaterThan(3);

    for (let attempt = 0; attempt < 5; attempt++) {
      const input = { ...story(10 + attempt), text: reference.text.replace('Tuesday', `Tuesday (${attempt})`) };
      const pending = query(INGEST, { input }, TOKEN);
      // Cut at a different moment each time: before, during and after the transaction.
      await new Promise((r) => setTimeout(r, attempt * 15));
      proxy.cut();
      // The database comes back shortly; the driver may retry the transaction from the start.
      const back = new Promise((r) => setTimeout(r, 300)).then(() => proxy.restore());
      const answer = await pending;
      await back;
      const stored = await holds(input.id);
      if (answer.body.errors) {
        expect(answer.body.errors[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      }
      // All or nothing: either absent, or exactly what a quiet ingest writes.
      if (stored !== undefined) expect(stored).toEqual(expected);
      else expect(answer.body.errors).toBeDefined();
    }
  });
});


describe('graceful shutdown', () => {
  it('finishes an in-flight ingest on SIGTERM, then exits cleanly', { timeout: 90_000 }, async () => {
    const { child: server, baseUrl } = await startServer({ NEO4J_URI: testConfig().neo4j.uri, INGEST_TOKEN: TOKEN }, { stdout: 'pipe' });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const post = (body: unknown, token?: string) =>
      fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const input = story(3);
    const pending = post({ query: INGEST, variables: { input } }, TOKEN);
    await new Promise((r) => setTimeout(r, 20));
    server.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.errors).toBeUndefined();
    expect(body.data?.ingestArticle.outcome).toBe('NEW');
    expect(await exited).toBe(0);
    expect(await holds(input.id)).toEqual({
      entityCount: body.data?.ingestArticle.article.entityCount,
      factCount: body.data?.ingestArticle.article.factCount,
    });
    // New connections are refused once it has stopped.
    await expect(post({ query: '{ health { ok } }' })).rejects.toThrow();
  });
});
