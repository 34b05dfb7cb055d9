// GET /health without a database: a stand-in driver that answers, fails or never answers, and a
// stand-in CoreNLP server on a local port. The real server and Neo4j are in test/integration/health.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import type { Db } from '../../server/db/driver.js';
import { checkHealth, healthHandler, httpStatusOf, VERSION } from '../../server/health.js';

type Behaviour = 'up' | 'down' | 'frozen';

function fakeDb(behaviour: Behaviour): Db {
  const getServerInfo = () =>
    behaviour === 'up'
      ? Promise.resolve({ agent: 'Neo4j/5.26.28', address: '127.0.0.1:7687', protocolVersion: 5.4 })
      : behaviour === 'down'
        ? Promise.reject(new Error('Could not perform discovery. No routing servers available.'))
        : new Promise(() => {});
  // The empty transaction after the server info: answered, refused or never answered alike.
  const session = () => ({ beginTransaction: () => ({ rollback: () => getServerInfo().then(() => undefined) }), close: () => Promise.resolve() });
  return { driver: { getServerInfo, session }, database: undefined, timeoutMs: 1000 } as unknown as Db;
}

let nlp: Server;
let nlpUrl: string;
let readyStatus = 200;

beforeAll(async () => {
  nlp = createServer((req, res) => {
    if (req.url === '/ready') res.writeHead(readyStatus).end(readyStatus === 200 ? 'ready' : 'not ready');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => nlp.listen(0, '127.0.0.1', r));
  nlpUrl = `http://127.0.0.1:${(nlp.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => nlp.close(() => r())));

/** A port nothing listens on: one that was just free. */
async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

function config(env: Record<string, string>): Config {
  return loadConfig({ NEO4J_URI: 'bolt://db.example:7687', ...env });
}

describe('health', () => {
  it('is ok with a reachable database and every CoreNLP server ready', async () => {
    readyStatus = 200;
    const report = await checkHealth(fakeDb('up'), config({ CORENLP_URL: nlpUrl }), 300);
    expect(report).toMatchObject({
      status: 'ok',
      version: VERSION,
      database: { reachable: true, uri: 'bolt://db.example:7687', embedded: false, serverVersion: 'Neo4j/5.26.28', message: null },
      nlp: { extractor: 'corenlp', status: 'ok', servers: [{ url: nlpUrl, reachable: true, message: null }] },
    });
    expect(httpStatusOf(report)).toBe(200);
  });

  it('is unavailable (503) when the database refuses, and says why', async () => {
    const report = await checkHealth(fakeDb('down'), config({ CORENLP_URL: nlpUrl }), 300);
    expect(report.status).toBe('unavailable');
    expect(report.database).toMatchObject({ reachable: false, message: expect.stringMatching(/No routing servers/) });
    expect(httpStatusOf(report)).toBe(503);
  });

  it('answers within its bound when the database never answers', async () => {
    const started = Date.now();
    const report = await checkHealth(fakeDb('frozen'), config({ EXTRACTOR: 'rules' }), 300);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.status).toBe('unavailable');
    expect(report.database.message).toMatch(/did not answer within 300 ms/);
  });

  it('is degraded (still 200: reads work) when one CoreNLP server is down, and names it', async () => {
    readyStatus = 200;
    const dead = await deadUrl();
    const report = await checkHealth(fakeDb('up'), config({ CORENLP_URL: `${nlpUrl},${dead}` }), 300);
    expect(report.status).toBe('degraded');
    expect(report.nlp.status).toBe('degraded');
    expect(report.nlp.servers).toEqual([
      { url: nlpUrl, reachable: true, message: null },
      { url: dead, reachable: false, message: 'ECONNREFUSED' },
    ]);
    expect(httpStatusOf(report)).toBe(200);
  });

  it('counts a CoreNLP server still loading its models as unavailable', async () => {
    readyStatus = 503;
    const report = await checkHealth(fakeDb('up'), config({ CORENLP_URL: nlpUrl }), 300);
    expect(report.nlp).toMatchObject({ status: 'unavailable', servers: [{ reachable: false, message: 'answered HTTP 503 (not ready)' }] });
    expect(report.status).toBe('degraded');
    readyStatus = 200;
  });

  it('does not ask about NLP servers when the extractor needs none', async () => {
    const report = await checkHealth(fakeDb('up'), config({ EXTRACTOR: 'rules', CORENLP_URL: await deadUrl() }), 300);
    expect(report.nlp).toEqual({ extractor: 'rules', status: 'not-used', servers: [] });
    expect(report.status).toBe('ok');
  });

  it('serves the report as uncached JSON with the matching status, and refuses other methods', async () => {
    const server = createServer(healthHandler(fakeDb('down'), config({ EXTRACTOR: 'rules' }), 300));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/health`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toMatchObject({ status: 'unavailable', database: { reachable: false } });
      const head = await fetch(`${base}/health`, { method: 'HEAD' });
      expect(head.status).toBe(503);
      expect(await head.text()).toBe('');
      expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
