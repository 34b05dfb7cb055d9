// Every command answers --help with its usage on stdout and exit code 0, before it starts anything
// (no database, no CoreNLP). db:* and nlp:* are checked with their runtime.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';

const TSX = [process.execPath, '--import', 'tsx'];
const COMMANDS: Record<string, string[]> = {
  'npm start / serve': [...TSX, 'server/main.ts'],
  'npm run extract': [...TSX, 'server/cli/extract.ts'],
  'npm run seed': [...TSX, 'seeds/seed.ts'],
  'npm run bench': [...TSX, 'bench/run.ts'],
  'npm run loadtest': [process.execPath, '--expose-gc', '--import', 'tsx', 'bench/loadtest.ts'],
  'npm run eval': ['bash', 'eval/run.sh'],
  'eval/score-clusters.ts': [...TSX, 'eval/score-clusters.ts'],
};

function run(argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// All at once: each is a process start (a few seconds under tsx), and they share nothing.
let answers: Promise<Map<string, Awaited<ReturnType<typeof run>>>> | undefined;
const helpOf = () => (answers ??= Promise.all(Object.entries(COMMANDS).map(async ([name, argv]) => [name, await run([...argv, '--help'])] as const)).then((e) => new Map(e)));

describe('--help', () => {
  it('every command prints its usage and exits 0', { timeout: 90_000 }, async () => {
    for (const [name, r] of await helpOf()) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout, name).toMatch(/^Usage: /);
    }
  });

  it('extract and seed say what their exit codes mean', { timeout: 90_000 }, async () => {
    const help = await helpOf();
    for (const name of ['npm run extract', 'npm run seed']) {
      expect(help.get(name)!.stdout).toMatch(/Exit codes: 0 done, 1 some inputs failed .*2 bad arguments.*\n.*3 the database or the NLP server/);
    }
  });
});
