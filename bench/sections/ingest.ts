// Ingest on real news, end to end: `npm run seed` (the default CoreNLP extractor, its default
// concurrency) loads N real articles (bench/real-corpus.ts: the ECB+ development articles,
// repeated with new ids and dates) into the benchmark's database, timed from outside the
// process. Beside articles/s: the CPU each component spent per article (the seed process with its
// worker threads, CoreNLP, Neo4j; from /proc), whose sum over the cores bounds the rate, and the
// load average while it ran. After a warm-up batch, run twice on new articles each time: without
// story assignment, then with it (the default), so its cost shows as a ratio on a graph that is,
// if anything, larger.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../../server/config.js';
import { coreNlpStatus, ensureCoreNlp } from '../../server/runtime/corenlp/descriptor.js';
import { neo4jStatus } from '../../server/runtime/neo4j/descriptor.js';
import { realCorpusLines } from '../real-corpus.js';

export interface IngestRun {
  /** Whether articles joined stories (STORIES) in this run. */
  stories: boolean;
  articles: number;
  wordsPerArticle: number;
  seconds: number;
  articlesPerS: number;
  failed: number;
  /** CPU ms per article by component; null where the component runs elsewhere. */
  cpuMsPerArticle: { seed: number; corenlp: number | null; neo4j: number | null };
  loadBefore: number;
  loadAfter: number;
  summary: string;
}

const ticks = (pid: number, fields: number[]) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return fields.reduce((s, i) => s + Number(f[i]), 0) / 100;
};
/** CPU seconds of a process; with `children`, of its waited-for children instead. */
const cpuOf = (pid: number | undefined, children = false) => (pid ? ticks(pid, children ? [13, 14] : [11, 12]) : NaN);

/** One seed run; `firstRound` > 0 gives new ids (and dates), so a second run writes new articles. */
export async function benchIngest(config: Config, count: number, log: (l: string) => void, opts: { stories: boolean; firstRound: number }): Promise<IngestRun> {
  const lines = realCorpusLines(count, undefined, opts.firstRound);
  const file = path.join(PROJECT_ROOT, '.data', 'bench', `ingest-${count}-${opts.firstRound}.jsonl`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  const words = lines.reduce((s, l) => s + (JSON.parse(l) as { text: string }).text.split(/\s+/).filter(Boolean).length, 0) / lines.length;

  const nlp = await ensureCoreNlp(config.corenlp, { mode: 'attached', log: (l) => log(`[corenlp] ${l}`) });
  try {
    const nlpPid = (await coreNlpStatus(config.corenlp)).pid;
    const dbPid = config.neo4j.embedded ? (await neo4jStatus(config.neo4j)).pid : undefined;
    const before = { seed: cpuOf(process.pid, true), nlp: cpuOf(nlpPid), db: cpuOf(dbPid) };
    const loadBefore = loadavg()[0]!;
    const started = performance.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'seeds/seed.ts', file], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NEO4J_URI: config.neo4j.uri, CORENLP_URL: nlp.urls.join(','), EXTRACTOR: 'corenlp', STORIES: String(opts.stories) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        const last = d.toString().trim().split('\n').pop();
        if (last) log(`[seed] ${last}`);
      });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: out }));
    });
    const seconds = (performance.now() - started) / 1000;
    const summary = stdout.split('\n').find((l) => l.startsWith('Articles:')) ?? `seed exited ${code} without a summary`;
    const failed = Number(/(\d+) failed/.exec(summary)?.[1] ?? count);
    const per = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? ((b - a) * 1000) / count : null);
    return {
      stories: opts.stories,
      articles: count,
      wordsPerArticle: words,
      seconds,
      // Failed articles are not counted as loaded.
      articlesPerS: (count - failed) / seconds,
      failed,
      cpuMsPerArticle: { seed: per(before.seed, cpuOf(process.pid, true)) ?? NaN, corenlp: per(before.nlp, cpuOf(nlpPid)), neo4j: per(before.db, cpuOf(dbPid)) },
      loadBefore,
      loadAfter: loadavg()[0]!,
      summary,
    };
  } finally {
    await nlp.stop();
  }
}
