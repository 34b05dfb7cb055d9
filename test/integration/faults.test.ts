// The database goes away while the server runs: answers are clear, typed GraphQL errors, the
// server stays up, and it recovers by itself when the database returns. A TCP proxy between
// the driver and Neo4j plays the network, so the shared database itself is never stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, createDb, type Db } from '../../server/db/driver.js';
import { createApp, type App } from '../../server/yoga.js';
import { testConfig } from '../helpers/neo4j.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let proxy: FaultProxy;
let db: Db;
let app: App;

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
  const config = testConfig({ QUERY_TIMEOUT_MS: '3000' });
  const viaProxy = { ...config, neo4j: { ...config.neo4j, uri: proxy.uri } };
  db = createDb(viaProxy);
  app = createApp({ ...viaProxy, logLevel: 'silent' }, db, { log: () => {} });
});

afterAll(async () => {
  await app?.close();
  await closeDb(db);
  await proxy?.close();
});

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
