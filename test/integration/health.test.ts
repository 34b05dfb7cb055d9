// GET /health on the real server (server/main.ts) while the database is up, down and frozen, and
// while the CoreNLP server is away: fault proxies sit between the server and the shared Neo4j and
// CoreNLP, so neither is touched.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HealthReport } from '../../server/health.js';
import { testConfig } from '../helpers/neo4j.js';
import { startServer, type RunningServer } from '../helpers/process.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

let dbProxy: FaultProxy;
let nlpProxy: FaultProxy;
let server: RunningServer;

beforeAll(async () => {
  const neo4j = new URL(testConfig().neo4j.uri.replace(/^bolt/, 'http'));
  const corenlp = new URL(inject('corenlpUrls')[0]!);
  dbProxy = await startFaultProxy({ host: neo4j.hostname, port: Number(neo4j.port || 7687) });
  nlpProxy = await startFaultProxy({ host: corenlp.hostname, port: Number(corenlp.port) });
  server = await startServer({ NEO4J_URI: dbProxy.uri, EXTRACTOR: 'corenlp', CORENLP_URL: `http://127.0.0.1:${nlpProxy.port}` });
});

afterAll(async () => {
  await server?.stop();
  await dbProxy?.close();
  await nlpProxy?.close();
});

async function health(): Promise<{ status: number; type: string | null; ms: number; body: HealthReport }> {
  const started = Date.now();
  const res = await fetch(`${server.baseUrl}/health`);
  const body = (await res.json()) as HealthReport;
  return { status: res.status, type: res.headers.get('content-type'), ms: Date.now() - started, body };
}

describe('GET /health', () => {
  it('answers 200 with JSON while the database and CoreNLP answer', async () => {
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.type).toMatch(/^application\/json/);
    expect(h.body).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { reachable: true, uri: dbProxy.uri, message: null, serverVersion: expect.stringMatching(/^Neo4j\//) },
      nlp: { extractor: 'corenlp', status: 'ok', servers: [{ url: `http://127.0.0.1:${nlpProxy.port}`, reachable: true, message: null }] },
    });
  });

  it('answers 503 within 2 s, naming the database, once the database is gone', async () => {
    dbProxy.cut();
    try {
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.ms).toBeLessThan(2_000);
      expect(h.body.status).toBe('unavailable');
      expect(h.body.database.reachable).toBe(false);
      expect(h.body.database.message).toBeTruthy();
      expect(h.body.nlp.status).toBe('ok');
    } finally {
      dbProxy.restore();
    }
  });

  it('answers 503 within 2 s while the database is frozen (accepts connections, never answers)', async () => {
    expect((await health()).status).toBe(200);
    dbProxy.freeze();
    try {
      for (let i = 0; i < 2; i++) {
        const h = await health();
        expect(h.status).toBe(503);
        expect(h.ms).toBeLessThan(2_000);
        expect(h.body.database).toMatchObject({ reachable: false, message: expect.stringMatching(/did not answer within/) });
      }
    } finally {
      dbProxy.restore();
    }
  });

  it('recovers to 200 when the database is back', async () => {
    const deadline = Date.now() + 15_000;
    let h = await health();
    while (h.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      h = await health();
    }
    expect(h.status).toBe(200);
    expect(h.body.status).toBe('ok');
  });

  it('stays 200 but says degraded, naming the server, while CoreNLP is away (reads still work)', async () => {
    nlpProxy.cut();
    try {
      const h = await health();
      expect(h.status).toBe(200);
      expect(h.ms).toBeLessThan(2_000);
      expect(h.body.status).toBe('degraded');
      expect(h.body.database.reachable).toBe(true);
      expect(h.body.nlp).toMatchObject({ status: 'unavailable', servers: [{ reachable: false, message: expect.any(String) }] });
    } finally {
      nlpProxy.restore();
    }
  });

  it('the GraphQL health query still answers beside it', async () => {
    const res = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok version database { reachable } } }' }),
    });
    expect(await res.json()).toMatchObject({ data: { health: { ok: true, database: { reachable: true } } } });
  });
});
