// The Stanford CoreNLP server as a real component: its lifecycle on its own port and data folder
// (so the suite's shared server is never touched), and what the API, the seed command and the
// extract CLI answer when it is down, frozen or answering garbage: typed errors, nothing written.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { portOpen } from '../../server/runtime/ports.js';
import { coreNlpStatus, startCoreNlp, stopCoreNlp } from '../../server/runtime/corenlp/descriptor.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { freePort, isAlive, waitUntil } from '../helpers/process.js';
import { inject } from 'vitest';


const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nkg-nlp-'));
afterAll(async () => {
  await stopCoreNlp(loadConfig({ CORENLP_DATA_DIR: dataDir }).corenlp);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded CoreNLP lifecycle', () => {
  it('starts on loopback only, annotates, is found by a second start, and stops', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const c = loadConfig({ CORENLP_PORT: String(port), CORENLP_DATA_DIR: dataDir, CORENLP_HEAP: '2g' }).corenlp;
    expect((await coreNlpStatus(c)).state).toBe('stopped');
    const first = await startCoreNlp(c, { mode: 'detached' });
    expect(first.started).toBe(true);
    const res = await fetch(`http://127.0.0.1:${port}/?properties=${encodeURIComponent('{"annotators":"tokenize,ssplit","outputFormat":"json"}')}`, { method: 'POST', body: 'It works.' });
    expect(((await res.json()) as { sentences: unknown[] }).sentences).toHaveLength(1);
    // Bound to loopback: the machine's other addresses do not answer on that port.
    const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) expect(await portOpen(external.address, port, 1000)).toBe(false);

    const second = await startCoreNlp(c, { mode: 'detached' });
    expect(second.started).toBe(false);
    const cli = spawnSync('npx', ['tsx', 'server/runtime/cli.ts', 'corenlp', 'status'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CORENLP_URL: '', CORENLP_PORT: String(port), CORENLP_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).state).toBe('running');
    expect(await stopCoreNlp(c)).toBe(true);
    expect((await coreNlpStatus(c)).state).toBe('stopped');
  });

  it('an attached server exits when the process that started it is killed with SIGKILL', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/programs/start-nlp-attached.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CORENLP_URL: '', CORENLP_PORT: String(port), CORENLP_DATA_DIR: dataDir, CORENLP_HEAP: '2g' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PID (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`starter exited with ${code}`)));
    });
    expect(isAlive(pid)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitUntil(() => !isAlive(pid), 20_000)).toBe(true);
  });
});

// A TCP server that accepts and never answers: a frozen NLP server.
async function frozenServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

// A proxy in front of the real CoreNLP that cuts its answer short: real output, corrupted in transit.
async function truncatingProxy(target: URL): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((client) => {
    const up = net.connect(Number(target.port), target.hostname);
    let sent = 0;
    client.pipe(up);
    up.on('data', (d: Buffer) => {
      if (sent > 400) return;
      const part = d.subarray(0, Math.max(0, 400 - sent));
      sent += part.length;
      client.write(part);
      if (sent >= 400) {
        up.destroy();
        client.end();
      }
    });
    const end = () => { up.destroy(); client.destroy(); };
    client.on('error', end);
    up.on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const TOKEN = 'nlp-faults-token-0123456789';
const P = uniquePrefix('nlp');
const INGEST = 'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome article { id } } }';
const ARTICLE = (id: string) => ({ id, text: 'Kenyan President William Ruto met Tanzanian officials in Nairobi on Tuesday to discuss border tariffs.\n', title: id, source: 'Wire', publishedAt: '2024-02-13' });

describe('when CoreNLP is down, frozen or answers garbage', () => {
  let db: Db;
  let frozen: Awaited<ReturnType<typeof frozenServer>>;
  let truncating: Awaited<ReturnType<typeof truncatingProxy>>;
  beforeAll(async () => {
    db = openTestDb();
    frozen = await frozenServer();
    truncating = await truncatingProxy(new URL(inject('corenlpUrls')[0]!));
  });
  afterAll(async () => {
    await Promise.all([frozen.close(), truncating.close()]);
    await closeDb(db);
  });

  const appWith = (env: Record<string, string>): App => createApp({ ...testConfig({ INGEST_TOKEN: TOKEN, EXTRACTOR: 'corenlp', ...env }), logLevel: 'silent' }, db, { log: () => {} });
  const ingest = async (app: App, id: string): Promise<Answer> => {
    const res = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: INGEST, variables: { input: ARTICLE(id) } }),
    });
    return (await res.json()) as Answer;
  };
  const stored = async (app: App, id: string) => {
    const res = await app.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id } }) });
    return ((await res.json()) as Answer).data?.node ?? null;
  };

  it('down: the mutation answers NLP_UNAVAILABLE and writes nothing', async () => {
    const app = appWith({ CORENLP_URL: `http://127.0.0.1:${await freePort()}` });
    const answer = await ingest(app, `${P}-down`);
    expect(answer.errors?.[0]?.extensions?.code).toBe('NLP_UNAVAILABLE');
    expect(answer.errors?.[0]?.message).toMatch(/cannot be reached.*Nothing was written/);
    expect(await stored(app, `${P}-down`)).toBeNull();
  });

  it('frozen: NLP_TIMEOUT after CORENLP_TIMEOUT_MS, while health keeps answering', async () => {
    const app = appWith({ CORENLP_URL: frozen.url, CORENLP_TIMEOUT_MS: '1500' });
    const started = Date.now();
    const pending = ingest(app, `${P}-frozen`);
    const health = await app.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ health { ok } }' }) });
    expect(((await health.json()) as Answer).data?.health?.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
    const answer = await pending;
    expect(answer.errors?.[0]?.extensions?.code).toBe('NLP_TIMEOUT');
    expect(await stored(app, `${P}-frozen`)).toBeNull();
  });

  it('garbage: a cut-off answer is NLP_UNAVAILABLE, not an internal error, and writes nothing', async () => {
    const app = appWith({ CORENLP_URL: truncating.url });
    const answer = await ingest(app, `${P}-garbage`);
    expect(answer.errors?.[0]?.extensions?.code).toBe('NLP_UNAVAILABLE');
    expect(await stored(app, `${P}-garbage`)).toBeNull();
  });

  it('the seed command reports the failed article and the rest of the batch as not attempted', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nkg-nlp-seed-'));
    for (let i = 0; i < 4; i++) writeFileSync(path.join(dir, `${P}-seed-${i}.txt`), ARTICLE(`${P}-seed-${i}`).text);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'seeds/seed.ts', dir, '--concurrency', '1'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: inject('neo4jUri'), CORENLP_URL: `http://127.0.0.1:${await freePort()}`, EXTRACTOR: 'corenlp' },
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    // 3: the NLP server went away, which is not a bad input.
    expect(r.status, r.stderr).toBe(3);
    // The articles already extracting when the server was found gone fail; the rest are not attempted.
    const failed = Number(/(\d+) failed/.exec(r.stdout)?.[1]);
    const notAttempted = Number(/Not attempted: (\d+) articles, because the NLP server became unavailable \(NLP_UNAVAILABLE/.exec(r.stdout)?.[1]);
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(notAttempted).toBeGreaterThanOrEqual(1);
    expect(failed + notAttempted).toBe(4);
    expect(r.stdout).toMatch(/Graph: 0 nodes and 0 relationships created/);
  });

  it('the extract CLI answers every batch line with nlp-unavailable and exits 3 (component unavailable)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nkg-nlp-cli-'));
    const file = path.join(dir, 'batch.jsonl');
    writeFileSync(file, [1, 2].map((i) => JSON.stringify({ id: `a${i}`, text: ARTICLE('x').text })).join('\n') + '\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/extract.ts', file, '--json'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CORENLP_URL: `http://127.0.0.1:${await freePort()}`, EXTRACTOR: 'corenlp' },
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(3);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: { reason: string } });
    expect(lines.map((l) => [l.id, l.error?.reason])).toEqual([['a1', 'nlp-unavailable'], ['a2', 'nlp-unavailable']]);
  });
});
