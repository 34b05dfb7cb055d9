// The seed command as a user runs it: a child process over a folder with good and bad files.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { articleExists } from '../../server/db/reads/articles.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { closeDb, readQuery, type Db } from '../../server/db/driver.js';
import { generateCorpus } from '../../bench/corpus.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { startFaultProxy } from './fault-proxy.js';

const P = uniquePrefix('seed');
const SAMPLE = path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15');
let db: Db;
let dir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function seed(...args: string[]): Promise<Run> {
  return seedWith({}, ...args);
}

function seedWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'seeds', 'seed.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: inject('neo4jUri'), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function footprint(): Promise<{ articles: number; mentions: number; facts: number }> {
  const res = await readQuery(
    db,
    `MATCH (a:Article) WHERE a.id STARTS WITH $p
     RETURN count(a) AS articles, sum(COUNT { (a)-[:MENTIONS]->() }) AS mentions,
            COUNT { MATCH (ev:Evidence) WHERE ev.articleId STARTS WITH $p RETURN ev } AS facts`,
    { p: P },
  );
  return res.records[0]!.toObject() as { articles: number; mentions: number; facts: number };
}

beforeAll(async () => {
  db = openTestDb();
  dir = await mkdtemp(path.join(tmpdir(), 'seed-test-'));
  await copyFile(`${SAMPLE}.txt`, path.join(dir, `${P}-sample.txt`));
  await copyFile(`${SAMPLE}.meta.json`, path.join(dir, `${P}-sample.meta.json`));
  await writeFile(
    path.join(dir, `${P}-second.md`),
    '---\ntitle: Talks resume\nsource: Other Wire\npublishedAt: 2019-02-16\n---\n\nPresident Xi met Robert Lighthizer again in Beijing on Saturday to discuss tariffs.\n',
  );
  await writeFile(path.join(dir, `${P}-empty.txt`), '   \n');
});

const BATCH = 24;
const batchIds = Array.from({ length: BATCH }, (_, i) => `${P}-batch-${String(i).padStart(5, '0')}`);

afterAll(async () => {
  for (const id of [`${P}-sample`, `${P}-second`, `${P}-dry`, ...batchIds]) await removeArticle(db, id);
  await closeDb(db);
  await rm(dir, { recursive: true, force: true });
});

describe('npm run seed', () => {
  it('loads a folder, reports the bad file with its path and reason, and exits 1', async () => {
    const run = await seed(dir, '--concurrency', '2');
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Articles: 2 new, 0 updated, 0 unchanged, 1 failed/);
    expect(run.stdout).toMatch(/Graph: \d+ nodes and \d+ relationships created/);
    expect(run.stdout).toContain(`${P}-empty.txt: empty:`);
    // The last progress line: how many of how many, the rate, and where the time went.
    expect(run.stderr).toMatch(/^3\/3 articles \(2 new, 0 updated, 0 unchanged, 1 failed\) · [\d.]+ articles\/s · annotating [\d.]+ s, extracting [\d.]+ s, writing [\d.]+ s$/m);
    expect(await articleExists(db, `${P}-sample`)).toBe(true);
    expect(await articleExists(db, `${P}-second`)).toBe(true);
  });

  it('connects Xi Jinping, Robert Lighthizer and Steven T. Mnuchin to the Beijing talks of 2019-02-15, each fact with its sentence', async () => {
    const res = await readQuery(
      db,
      `MATCH (a:Article {id: $id})-[:MENTIONS]->(ev:Event {date: '2019-02-15'})-[:LOCATED_IN]->(:Place {id: 'place:beijing'})
       MATCH (p:Actor)-[:PARTICIPATED_IN]->(ev)
       MATCH (x:Evidence {factKey: p.id + '|PARTICIPATED_IN|' + ev.id, articleId: $id})
       RETURN p.name AS name, x.sentence AS evidence, substring(a.text, x.start, x.end - x.start) AS span`,
      { id: `${P}-sample` },
    );
    const names = res.records.map((r) => r.get('name') as string);
    expect(names).toEqual(expect.arrayContaining(['Xi Jinping', 'Robert Lighthizer', 'Steven T. Mnuchin']));
    for (const r of res.records) expect(r.get('span')).toBe(r.get('evidence'));
  });

  it('resolves the second article\'s "President Xi" to the same node as the sample\'s Xi Jinping', async () => {
    const res = await readQuery(
      db,
      `MATCH (a:Article)-[m:MENTIONS]->(e:Actor {kind: 'person'}) WHERE a.id IN $ids AND (e.name = 'Xi Jinping' OR 'Xi' IN e.aliases)
       RETURN e.id AS id, collect(a.id) AS articles`,
      { ids: [`${P}-sample`, `${P}-second`] },
    );
    expect(res.records).toHaveLength(1);
    expect((res.records[0]!.get('articles') as string[]).sort()).toEqual([`${P}-sample`, `${P}-second`]);
  });

  it('seeding the same folder again changes nothing', async () => {
    const before = await footprint();
    const run = await seed(dir);
    expect(run.stdout).toMatch(/Articles: 0 new, 0 updated, 2 unchanged, 1 failed/);
    expect(run.stdout).toMatch(/Graph: 0 nodes and 0 relationships created/);
    expect(await footprint()).toEqual(before);
  });

  it('--dry-run says what would change and writes nothing', async () => {
    const file = path.join(dir, `${P}-dry.txt`);
    await writeFile(file, 'Robert Lighthizer met Xi Jinping in Beijing on Friday to discuss tariffs.\n');
    const before = await footprint();
    const run = await seed(file, '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Dry run, nothing written\. Articles: 1 new/);
    expect(run.stderr).toMatch(new RegExp(`would add ${P}-dry .*entities .*merged with existing`));
    expect(await articleExists(db, `${P}-dry`)).toBe(false);
    expect(await footprint()).toEqual(before);
  });

  it('--remove retracts an article', async () => {
    const run = await seed('--remove', `${P}-second`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Removed ${P}-second`);
    expect(await articleExists(db, `${P}-second`)).toBe(false);
    expect((await seed('--remove', `${P}-second`)).code).toBe(1);
  });

  it('exits 3, saying so, when the database cannot be reached at all, and 2 on a bad argument', async () => {
    const target = new URL(testConfig().neo4j.uri.replace(/^bolt/, 'http'));
    const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
    proxy.cut();
    try {
      const run = await seedWith({ NEO4J_URI: proxy.uri, NEO4J_START_TIMEOUT_MS: '1500', EXTRACTOR: 'rules' }, `${SAMPLE}.txt`);
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(run.stderr).toMatch(/database unavailable: Neo4j did not (answer|accept)/);
    } finally {
      await proxy.close();
    }
    const bad = await seed('--concurrency', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency must be/);
  });

  it('a database outage mid-batch leaves only whole articles, reports the rest, and a rerun completes them', async () => {
    const file = path.join(dir, 'batch', `${P}-batch.jsonl`);
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    const corpus = generateCorpus({ count: BATCH, seed: 7, idPrefix: `${P}-batch` });
    expect(corpus.map((a) => a.id)).toEqual(batchIds);
    await writeFile(file, corpus.map((a) => JSON.stringify({ id: a.id, text: a.text, ...a.meta })).join('\n'));

    const target = new URL(testConfig().neo4j.uri.replace(/^bolt/, 'http'));
    const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
    try {
      const env = { NEO4J_URI: proxy.uri, QUERY_TIMEOUT_MS: '1500' };
      const running = seedWith(env, file, '--concurrency', '1');
      // Cut the connection once a few articles are in.
      const deadline = Date.now() + 60_000;
      let loaded = 0;
      while (Date.now() < deadline) {
        const res = await readQuery(db, 'MATCH (a:Article) WHERE a.id IN $ids RETURN count(a) AS n', { ids: batchIds });
        loaded = res.records[0]!.get('n') as number;
        if (loaded >= 3) break;
        await new Promise((r) => setTimeout(r, 30));
      }
      proxy.cut();
      const run = await running;
      // 3: a component went away (not 1, which says some inputs were bad).
      expect(run.code, run.stderr).toBe(3);
      expect(run.stdout).toMatch(/[1-9]\d* failed/);
      expect(run.stdout).toMatch(/Not attempted: [1-9]\d* articles, because the database became unavailable/);

      const stored = await readQuery(
        db,
        `MATCH (a:Article) WHERE a.id IN $ids
         RETURN a.id AS id, COUNT { (a)-[:MENTIONS]->() } AS mentions,
                COUNT { MATCH (ev:Evidence {articleId: a.id}) RETURN ev } AS facts`,
        { ids: batchIds },
      );
      const partial = stored.records.length;
      expect(partial).toBeGreaterThanOrEqual(3);
      expect(partial).toBeLessThan(BATCH);
      // Whole articles only: each one stored has its mentions and facts, as a full write gives.
      for (const r of stored.records) {
        expect(r.get('mentions'), r.get('id')).toBeGreaterThan(0);
        expect(r.get('facts'), r.get('id')).toBeGreaterThan(0);
      }

      proxy.restore();
      const rerun = await seedWith(env, file);
      expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain(`Articles: ${BATCH - partial} new, 0 updated, ${partial} unchanged, 0 failed`);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
