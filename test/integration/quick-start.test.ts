// The README's quick start, for real: `npm start` on an empty embedded database provisions and
// starts Neo4j, seeds the sample article, serves the web view and GraphQL, prints the ingest
// token, and Ctrl-C stops everything it started, Neo4j included. Its own port and data folder
// keep it apart from the database the rest of the suite uses.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { freePort, isAlive } from '../helpers/process.js';



const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nkg-quickstart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on an empty embedded database', () => {
  it('starts Neo4j, seeds the sample, serves the view and the API, and Ctrl-C stops it all', { timeout: 240_000 }, async () => {
    const [boltPort, httpPort] = [await freePort(), await freePort()];
    const child = spawn('npm', ['start'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: '', INGEST_TOKEN: '', NEO4J_BOLT_PORT: String(boltPort), NEO4J_DATA_DIR: dataDir, PORT: String(httpPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so the test can send Ctrl-C to npm and all below it
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const deadline = Date.now() + 180_000;
      while (!/Web view:/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not come up:\n${out}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(out).toMatch(/Seeded the sample article/);
      expect(out).toMatch(/Ingest token for this run \(set INGEST_TOKEN to choose one\): \S{16,}/);

      const base = `http://127.0.0.1:${httpPort}`;
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<title>[^<]*News/i);

      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { articles } search(query: "Xi Jinping", first: 1) { edges { node { name } } } }' }),
      });
      const body = (await res.json()) as { data: { stats: { articles: number }; search: { edges: { node: { name: string } }[] } } };
      expect(body.data.stats.articles).toBe(1);
      expect(body.data.search.edges[0]?.node.name).toBe('Xi Jinping');

      const state = JSON.parse(readFileSync(path.join(dataDir, 'launcher.json'), 'utf8')) as { pid: number; mode: string };
      expect(state.mode).toBe('attached');
      expect(isAlive(state.pid)).toBe(true);

      process.kill(-child.pid!, 'SIGINT');
      await exited;
      const gone = Date.now() + 60_000;
      while (isAlive(state.pid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 200));
      expect(isAlive(state.pid)).toBe(false);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // whatever is left of the group after a failure
      } catch {
        /* the group is already gone, as it should be */
      }
    }
  });
});
