// What a program loads, read from the module loader itself (test/helpers/loaded-modules): the
// rule-based extractor must run with nothing of the database or the CoreNLP client, so
// `npm run extract -- FILE --extractor rules` stays fast and needs neither Neo4j nor Java.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = path.join(ROOT, 'test/helpers/loaded-modules/register.mjs');
const SAMPLE = path.join(ROOT, 'seeds/us-china-trade-talks-2019-02-15.txt');
const dir = mkdtempSync(path.join(tmpdir(), 'nkg-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NEO4J_DRIVER = /\/node_modules\/neo4j-driver(-core|-bolt-connection)?\//;
const CORENLP_CLIENT = /\/server\/nlp\/corenlp\/client\.ts$/;

/** Runs `args` under node with tsx and returns its exit code and the URLs of the modules it loaded. */
function loadedBy(name: string, args: string[]): { status: number | null; stderr: string; urls: string[] } {
  const out = path.join(dir, `${name}.txt`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', REGISTER, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOADED_MODULES_OUT: out, EXTRACTOR: 'rules' },
    encoding: 'utf8',
  });
  let urls: string[] = [];
  try {
    urls = readFileSync(out, 'utf8').split('\n').filter(Boolean);
  } catch {
    /* nothing loaded */
  }
  return { status: r.status, stderr: r.stderr, urls };
}

describe('the rules extractor module graph', () => {
  it('`extract --extractor rules` loads neither neo4j-driver nor the CoreNLP client', { timeout: 60_000 }, () => {
    const run = loadedBy('rules', ['server/cli/extract.ts', SAMPLE, '--extractor', 'rules', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The hooks saw the program: the CLI, the registry and the rules are in the list.
    expect(run.urls.some((u) => u.endsWith('/server/cli/extract.ts'))).toBe(true);
    expect(run.urls.some((u) => u.endsWith('/server/extractors/registry.ts'))).toBe(true);
    expect(run.urls.some((u) => u.includes('/server/rules/'))).toBe(true);
    expect(run.urls.filter((u) => NEO4J_DRIVER.test(u))).toEqual([]);
    expect(run.urls.filter((u) => CORENLP_CLIENT.test(u))).toEqual([]);
  });

  it('would see either one if it were loaded', { timeout: 60_000 }, () => {
    const run = loadedBy('both', ['--input-type=module', '-e', "await import('./server/db/driver.ts'); await import('./server/nlp/corenlp/client.ts');"]);
    expect(run.status).toBe(0);
    expect(run.urls.some((u) => NEO4J_DRIVER.test(u))).toBe(true);
    expect(run.urls.some((u) => CORENLP_CLIENT.test(u))).toBe(true);
  });
});
