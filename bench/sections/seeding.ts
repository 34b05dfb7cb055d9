// Seeding throughput on the generated corpus, extraction excluded (done beforehand, untimed):
// the real writer (resolution, summaries, evidence, degrees; several articles per transaction)
// over the whole corpus, reported for the first 1,000 articles and the last 1,000 so growth
// shows; beside it, in the same run, the raw UNWIND … MERGE ceiling on the same rows
// (server/db/bench/raw-ceiling.ts) and the one-statement-per-row writer (bench/per-row-writer.ts) on a prefix.
import type { UpsertSummary } from '../../server/db/writes/articles.js';
import { upsertArticleGraphs } from '../../server/db/writes/batch-policy.js';
import type { Db } from '../../server/db/driver.js';
import { clearRawCeiling, prepareRawCeiling, writeRawCeiling, type RawArticleRows } from '../../server/db/bench/raw-ceiling.js';
import { upsertArticleGraphPerRow } from '../per-row-writer.js';
import { extractArticle } from '../../server/rules/index.js';
import type { Extraction } from '../../server/extractors/contract.js';
import type { ArticleInput } from '../../server/ingest/index.js';

export interface SeedingRun {
  label: string;
  articles: number;
  seconds: number;
  articlesPerS: number;
  msPerArticle: number;
  relationshipsPerS: number;
  nodes: number;
  relationships: number;
}

export interface SeedingReport {
  runs: SeedingRun[];
  /** Writer articles/s (whole corpus) over per-row articles/s. */
  speedup: number;
  /** Raw ceiling articles/s over the writer's articles/s on the same first articles. */
  ceilingRatio: number;
  failed: number;
}

type Item = { input: ArticleInput; extraction: Extraction };

/** Articles per write transaction in the benchmark (the seed command's default too). */
export const GROUP = 20;

function runOf(label: string, articles: number, seconds: number, nodes: number, relationships: number): SeedingRun {
  return {
    label,
    articles,
    seconds,
    articlesPerS: articles / seconds,
    msPerArticle: (seconds * 1000) / articles,
    relationshipsPerS: relationships / seconds,
    nodes,
    relationships,
  };
}

async function writeGrouped(db: Db, items: readonly Item[], windows: number[], log: (l: string) => void): Promise<{ runs: SeedingRun[]; failed: number }> {
  const runs: SeedingRun[] = [];
  let failed = 0;
  let nodes = 0;
  let relationships = 0;
  const started = performance.now();
  let windowStart = started;
  let windowFrom = 0;
  let windowNodes = 0;
  let windowRels = 0;
  let lastReport = started;
  for (let i = 0; i < items.length; i += GROUP) {
    const group = items.slice(i, i + GROUP);
    const out = await upsertArticleGraphs(db, group);
    for (const s of out) {
      if (s instanceof Error) {
        failed++;
        log(`  failed: ${s.message}`);
        continue;
      }
      const u = s as UpsertSummary;
      nodes += u.nodesCreated;
      relationships += u.relationshipsCreated;
      windowNodes += u.nodesCreated;
      windowRels += u.relationshipsCreated;
    }
    const done = i + group.length;
    const now = performance.now();
    // Windows of 1,000 articles: the first and the last are reported, so growth shows.
    if (windows.includes(done)) {
      runs.push(runOf(`writer, articles ${windowFrom + 1}–${done}`, done - windowFrom, (now - windowStart) / 1000, windowNodes, windowRels));
    }
    if (done % 1000 === 0 || done === items.length) {
      windowStart = now;
      windowFrom = done;
      windowNodes = 0;
      windowRels = 0;
    }
    if (now - lastReport > 10_000) {
      lastReport = now;
      log(`  writer: ${done}/${items.length} (${(done / ((now - started) / 1000)).toFixed(1)} articles/s)`);
    }
  }
  runs.push(runOf(`writer, all ${items.length} articles (${GROUP} per transaction)`, items.length, (performance.now() - started) / 1000, nodes, relationships));
  return { runs, failed };
}

function rawRows(item: Item): RawArticleRows {
  return {
    articleId: `raw-${item.input.id}`,
    entities: item.extraction.entities.map((e) => ({ id: e.id, name: e.name })),
    facts: item.extraction.relations.map((r) => ({ source: r.source, type: r.type, target: r.target, evidence: r.evidence, start: r.start, end: r.end, confidence: r.confidence })),
  };
}

async function rawCeiling(db: Db, items: readonly Item[]): Promise<SeedingRun> {
  await prepareRawCeiling(db);
  // Entity ids of an extraction are article-local; prefixing them by type and name makes them
  // shared across articles the way canonical ids are, so MERGE meets the same hubs.
  const rows = items.map((item) => {
    const local = new Map(item.extraction.entities.map((e) => [e.id, `${e.type}:${e.name.toLowerCase()}`]));
    const r = rawRows(item);
    return {
      ...r,
      entities: r.entities.map((e) => ({ ...e, id: local.get(e.id)! })),
      facts: r.facts.map((f) => ({ ...f, source: local.get(f.source)!, target: local.get(f.target)! })),
    };
  });
  const per = 100;
  const started = performance.now();
  for (let i = 0; i < rows.length; i += per) await writeRawCeiling(db, rows.slice(i, i + per));
  const seconds = (performance.now() - started) / 1000;
  await clearRawCeiling(db);
  return runOf(`raw UNWIND…MERGE ceiling, articles 1–${rows.length} (${per} per transaction)`, rows.length, seconds, 0, 0);
}

export async function benchSeeding(db: Db, corpus: readonly ArticleInput[], unbatched: number, log: (l: string) => void): Promise<SeedingReport> {
  log(`  extracting ${corpus.length} articles (not timed) …`);
  const extracted = corpus.map((input) => ({ input, extraction: extractArticle(input.text, input.meta) }));
  const first = Math.min(1000, extracted.length);
  // The ceiling goes first, on the first 1,000 articles, into its own labels (then deleted).
  log(`  raw ceiling on ${first} articles …`);
  const ceiling = await rawCeiling(db, extracted.slice(0, first));
  const windows = [first, ...(extracted.length > 2000 ? [extracted.length] : [])];
  const writer = await writeGrouped(db, extracted, windows, log);
  // The per-row run writes a prefix of the same corpus under other ids, into the graph the
  // writer built, so both resolve against the same existing entities.
  const rowItems = extracted.slice(0, Math.min(unbatched, extracted.length)).map(({ input, extraction }) => ({
    input: { ...input, id: `${input.id}-row` },
    extraction,
  }));
  const started = performance.now();
  let rels = 0;
  let nodes = 0;
  for (const item of rowItems) {
    const s = await upsertArticleGraphPerRow(db, item.input, item.extraction);
    rels += s.relationshipsCreated;
    nodes += s.nodesCreated;
  }
  const perRow = runOf(`one statement per row, one article per transaction, ${rowItems.length} articles`, rowItems.length, (performance.now() - started) / 1000, nodes, rels);
  const whole = writer.runs.at(-1)!;
  const firstWindow = writer.runs[0]!;
  return {
    runs: [ceiling, ...writer.runs, perRow],
    speedup: whole.articlesPerS / perRow.articlesPerS,
    ceilingRatio: ceiling.articlesPerS / firstWindow.articlesPerS,
    failed: writer.failed,
  };
}
