// The embedded database's lifecycle on its own port and data folder, so it never touches the
// database the rest of the suite uses.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { closeDb, createDb, readQuery } from '../../server/db/driver.js';
import { neo4jStatus, startNeo4j, stopNeo4j } from '../../server/runtime/neo4j/descriptor.js';
import { portOpen } from '../../server/runtime/ports.js';
import { createApp } from '../../server/graphql/yoga.js';
import { freePort, isAlive, waitUntil } from '../helpers/process.js';


const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nkg-lifecycle-'));
const env = async () => ({ NEO4J_BOLT_PORT: String(await freePort()), NEO4J_DATA_DIR: dataDir, NEO4J_START_TIMEOUT_MS: '120000' });

afterAll(async () => {
  await stopNeo4j(loadConfig({ NEO4J_DATA_DIR: dataDir }).neo4j);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded Neo4j lifecycle', () => {
  it('starts, answers Cypher, is detected by a second start, and stops cleanly', { timeout: 180_000 }, async () => {
    const c = loadConfig(await env()).neo4j;
    expect((await neo4jStatus(c)).state).toBe('stopped');

    const first = await startNeo4j(c, { mode: 'detached' });
    expect(first.started).toBe(true);
    const status = await neo4jStatus(c);
    expect(status.state).toBe('running');

    const db = createDb({ neo4j: c, queryTimeoutMs: 10_000 });
    const answer = await readQuery<{ one: number }>(db, 'RETURN 1 AS one');
    expect(answer.records[0]?.get('one')).toBe(1);
    await closeDb(db);

    // A second start finds the running database instead of failing on its locked store.
    const second = await startNeo4j(c, { mode: 'detached' });
    expect(second.started).toBe(false);
    expect((await neo4jStatus(c)).pid).toBe(status.pid);

    // db:status reports it from a separate process, with the same configuration.
    const cli = spawnSync('npx', ['tsx', 'server/runtime/cli.ts', 'neo4j', 'status'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: '', NEO4J_BOLT_PORT: String(c.boltPort), NEO4J_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ state: 'running', pid: status.pid });

    expect(await stopNeo4j(c)).toBe(true);
    expect(isAlive(status.pid!)).toBe(false);
    expect((await neo4jStatus(c)).state).toBe('stopped');
    expect(await portOpen(c.host, c.boltPort)).toBe(false);
  });

  it('a running server reports the stopped database as down in health, and recovers when it starts again', { timeout: 240_000 }, async () => {
    const config = loadConfig({ ...(await env()), QUERY_TIMEOUT_MS: '3000', LOG_LEVEL: 'silent' });
    const c = config.neo4j;
    await startNeo4j(c, { mode: 'detached' });
    const db = createDb(config);
    const app = createApp(config, db, { log: () => {} });
    const ask = async (query = '{ health { ok database { reachable message } } }') => {
      const res = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data?: { health: { ok: boolean; database: { reachable: boolean; message: string | null } } }; errors?: { extensions?: { code?: string } }[] };
    };
    try {
      expect((await ask()).data?.health.ok).toBe(true);

      await stopNeo4j(c);
      const down = await ask();
      expect(down.data?.health).toMatchObject({ ok: false, database: { reachable: false } });
      expect(down.data?.health.database.message).toBeTruthy();
      expect(down.errors).toBeUndefined();
      // A query that needs the data says why it cannot answer.
      const stats = await ask('{ stats { articles } }');
      expect(stats.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);

      // Same server, same driver: no restart needed. The port opens before the database is ready
      // to serve reads, so wait until it answers one (not a fixed time) before asserting.
      await startNeo4j(c, { mode: 'detached' });
      expect(await waitUntil(async () => (await ask('{ stats { articles } }')).errors === undefined, 60_000)).toBe(true);
      const up = await ask();
      expect(up.errors).toBeUndefined();
      expect(up.data?.health).toMatchObject({ ok: true, database: { reachable: true } });
      expect((await ask('{ stats { articles } }')).errors).toBeUndefined();
    } finally {
      await app.close();
      await closeDb(db);
      await stopNeo4j(c);
    }
  });

  it('refuses a port held by another program with a message that says what to do', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const c = loadConfig({ NEO4J_BOLT_PORT: String(port), NEO4J_DATA_DIR: dataDir }).neo4j;
      await expect(startNeo4j(c, { mode: 'detached' })).rejects.toThrow(/in use by another program.*NEO4J_BOLT_PORT/s);
    } finally {
      blocker.close();
    }
  });

  it('never outlives the process that started it attached, even when that process is killed', { timeout: 180_000 }, async () => {
    const vars = await env();
    // Its own process group, so the kill below reaches exactly this npx/tsx/node chain and no
    // other copy of the program (another checkout's test run on the same machine).
    const child = spawn('npx', ['tsx', 'test/integration/programs/start-attached.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: '', ...vars },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await waitUntil(() => /PID \d+/.test(out), 150_000)).toBe(true);
    const javaPid = Number(/PID (\d+)/.exec(out)![1]);
    expect(isAlive(javaPid)).toBe(true);

    // Kill the whole npx/tsx/node chain the hard way: no exit handlers run.
    process.kill(-child.pid!, 'SIGKILL');
    expect(await waitUntil(() => !isAlive(javaPid), 60_000)).toBe(true);
    expect(await portOpen('127.0.0.1', Number(vars.NEO4J_BOLT_PORT))).toBe(false);
  });
});
