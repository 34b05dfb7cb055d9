// npm run bench: one table and one JSON report (bench/results/latest.json) for the whole
// pipeline: extraction, seeding (batched against one statement per row), GraphQL against the
// direct-driver baseline at 1/16/64 clients, and the web view's first render and layout.
//
// With the embedded Neo4j (no NEO4J_URI) the benchmark runs its own database in
// .data/neo4j-bench on port 7688, emptied at the start, so figures do not depend on what the
// development graph holds and the development graph is never touched. With NEO4J_URI it uses
// that database and removes the articles it wrote.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config.js';
import { closeDb, createDb, waitForDatabase } from '../server/db/driver.js';
import { neo4jVersion } from '../server/db/reads/subgraph.js';
import { ensureSchema } from '../server/db/schema.js';
import { ensureNeo4j, neo4jStatus } from '../server/runtime/neo4j/descriptor.js';
import { benchConfig } from './bench-config.js';
import { generateCorpus } from './corpus.js';
import { parseBenchOptions } from './options.js';
import { benchAnnotation } from './sections/annotation.js';
import { benchAnnotators } from './sections/annotators.js';
import { benchIngest } from './sections/ingest.js';
import { benchExtraction } from './sections/extraction.js';
import { benchGraphql } from './sections/graphql.js';
import { benchSeeding } from './sections/seeding.js';
import { benchWeb } from './sections/web.js';

const options = parseBenchOptions(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

const config = benchConfig(process.env);
const report: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  options: { ...options, only: [...options.only] },
};
const rows: string[][] = [];
// Every figure carries the 1-minute load average when it was taken: on two cores, a figure taken
// beside other work measures that work.
const row = (...cells: string[]) => rows.push([...cells, `load ${os.loadavg()[0]!.toFixed(1)}`]);
// For figures whose section records the load when each was taken (printed after the section).
const rowAt = (load: number, ...cells: string[]) => rows.push([...cells, `load ${load.toFixed(1)}`]);

const needsDb = options.only.has('seeding') || options.only.has('graphql') || options.only.has('ingest');
let handle: Awaited<ReturnType<typeof ensureNeo4j>> | undefined;
const db = createDb(config);
try {
  if (needsDb) {
    if (config.neo4j.embedded && (await neo4jStatus(config.neo4j)).state === 'stopped') {
      rmSync(config.neo4j.dataDir, { recursive: true, force: true });
    }
    handle = await ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => log(`[neo4j] ${l}`) });
    await waitForDatabase(db, config.neo4j.startTimeoutMs);
    await ensureSchema(db);
  }
  const version = needsDb ? await neo4jVersion(db) : 'not used';
  report.machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    neo4j: version,
    neo4jMode: config.neo4j.embedded ? 'embedded' : 'external',
    platform: `${os.platform()} ${os.release()}`,
  };

  const corpus = generateCorpus({ count: options.corpus, seed: options.seed, idPrefix: 'bench' });

  if (options.only.has('extraction')) {
    log('extraction …');
    const runs = await benchExtraction(corpus.slice(0, Math.min(corpus.length, options.extractionSample)));
    report.extraction = runs;
    for (const r of runs) row('extraction', r.label, `${fmt(r.articlesPerS)} articles/s`, `${fmt(r.kbPerS)} KB/s`, `${r.articles} articles in ${fmt(r.seconds, 2)} s`);
  }

  if (options.only.has('annotation')) {
    log('extraction per extractor on the fixture articles (CoreNLP) …');
    const runs = await benchAnnotation(config, log);
    report.annotation = runs;
    for (const r of runs) {
      const words = r.words / r.articles;
      row(
        'extraction',
        `${r.extractor} ${r.articles} articles (~${fmt(words, 0)} words)`,
        `${fmt(r.articlesPerS, 2)} articles/s`,
        `${fmt(r.tokensPerS, 0)} tokens/s`,
        r.overhead !== undefined ? `CoreNLP annotation ${fmt(r.annotateS!, 1)} s, whole extraction ${fmt(r.extractS!, 1)} s: overhead ×${fmt(r.overhead, 3)}; failed ${r.failed}` : `failed ${r.failed}`,
      );
    }
  }

  if (options.only.has('annotators')) {
    log(`CoreNLP CPU per annotator on ${options.annotatorArticles} real articles …`);
    const runs = await benchAnnotators(config, options.annotatorArticles, log);
    report.annotators = runs;
    const before = runs.find((r) => r.config.includes('(before)'));
    for (const r of runs) {
      row('annotators', r.config, `${fmt(r.msPerArticle, 0)} CPU-ms/article`, before ? `×${fmt(r.msPerArticle / before.msPerArticle, 2)} of before` : '', `${r.articles} articles, ${fmt(r.cpuS, 1)} CPU-s, wall ${fmt(r.wallS, 1)} s`);
    }
  }

  if (options.only.has('seeding')) {
    log(`seeding ${corpus.length} articles, ${options.unbatched} one statement per row …`);
    const s = await benchSeeding(db, corpus, options.unbatched, log);
    report.seeding = s;
    for (const r of s.runs) {
      row('seeding', r.label, `${fmt(r.articlesPerS)} articles/s`, `${fmt(r.relationshipsPerS, 0)} relationships/s, ${fmt(r.msPerArticle, 1)} ms/article`, `${r.articles} articles, ${r.relationships} relationships in ${fmt(r.seconds, 1)} s`);
    }
    row('seeding', 'writer speed-up over per-row writes', `${fmt(s.speedup, 1)}×`, '', '');
    row('seeding', 'raw ceiling over writer (first 1,000)', `${fmt(s.ceilingRatio, 2)}×`, `failed ${s.failed}`, '');
  }

  if (options.only.has('graphql')) {
    log(`GraphQL at ${options.connections.join('/')} clients, ${options.durationS} s each …`);
    const g = await benchGraphql(config, db, options.connections, options.durationS);
    report.graphql = g;
    for (const r of g) {
      rowAt(
        r.load,
        'graphql',
        `${r.query} @${r.connections}`,
        `${fmt(r.graphql.rps, 0)} req/s${r.direct ? ` (direct ${fmt(r.direct.rps, 0)})` : ''}`,
        `p50/95/99 ${fmt(r.graphql.p50Ms)}/${fmt(r.graphql.p95Ms)}/${fmt(r.graphql.p99Ms)} ms${r.direct ? ` (direct ${fmt(r.direct.p50Ms)}/${fmt(r.direct.p95Ms)}/${fmt(r.direct.p99Ms)})` : ''}`,
        `failed ${r.graphql.failed} (timeouts ${r.graphql.failures.timeouts}, socket ${r.graphql.failures.errors}, non-2xx ${r.graphql.failures.non2xx}, GraphQL errors ${r.graphql.failures.rejectedBodies} + ${r.graphql.failures.lateErrors ?? 0} after the window; cut off ${r.graphql.failures.unanswered})`,
      );
    }
  }

  // After the GraphQL figures, so those are taken on the generated graph alone.
  if (options.only.has('ingest')) {
    // A first, untimed batch warms Neo4j (its query plans and JIT): the first measured run paid
    // for it otherwise (7.3 articles/s cold against 11.5 warm on the same machine).
    log('warming the database with 300 real articles (not measured) …');
    await benchIngest(config, 300, log, { stories: true, firstRound: 30 });
    const runs = [];
    for (const [i, stories] of [false, true].entries()) {
      log(`npm run seed on ${options.ingestArticles} real articles with CoreNLP, stories ${stories ? 'on' : 'off'} …`);
      const r = await benchIngest(config, options.ingestArticles, log, { stories, firstRound: i * 10 });
      runs.push(r);
      const cpu = r.cpuMsPerArticle;
      const total = cpu.seed + (cpu.corenlp ?? 0) + (cpu.neo4j ?? 0);
      row(
        'ingest',
        `npm run seed, ${r.articles} real articles (~${fmt(r.wordsPerArticle, 0)} words), CoreNLP, stories ${stories ? 'on' : 'off'}`,
        `${fmt(r.articlesPerS, 2)} articles/s`,
        `CPU ms/article: seed ${fmt(cpu.seed, 0)}, CoreNLP ${cpu.corenlp === null ? 'elsewhere' : fmt(cpu.corenlp, 0)}, Neo4j ${cpu.neo4j === null ? 'elsewhere' : fmt(cpu.neo4j, 0)} (sum ${fmt(total, 0)}: at most ${fmt((os.cpus().length * 1000) / total, 1)} articles/s on ${os.cpus().length} cores)`,
        `failed ${r.failed} in ${fmt(r.seconds, 1)} s; load ${fmt(r.loadBefore, 1)} before`,
      );
    }
    report.ingest = runs;
    const [off, on] = runs;
    if (off && on) row('ingest', 'cost of story assignment (time with / without − 1)', `${fmt((100 * off.articlesPerS) / on.articlesPerS - 100, 1)} %`, '', '');
  }

  if (options.only.has('web')) {
    log('web view in Chromium …');
    const w = await benchWeb();
    report.web = w;
    for (const r of w) {
      row('web', `${r.nodes} nodes, ${r.edges} edges, ${r.renderer}`, `first render ${fmt(r.firstRenderMs, 0)} ms`, `layout ${fmt(r.layoutMs, 0)} ms`, `zoom frame ${fmt(r.zoomFrameMs, 1)} ms`);
    }
  }
} finally {
  await closeDb(db);
  await handle?.stop();
}

report.finishedAt = new Date().toISOString();
const m = report.machine as Record<string, unknown> | undefined;
console.log(`\nNews knowledge graph benchmark, ${report.finishedAt}`);
if (m) console.log(`machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, Neo4j ${m.neo4j} (${m.neo4jMode})\n`);
const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
const out = path.resolve(PROJECT_ROOT, options.out);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nreport: ${path.relative(PROJECT_ROOT, out)}`);
process.exit(0);
