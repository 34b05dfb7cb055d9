// Seeding throughput on the generated corpus: the batched writer (a few UNWIND … MERGE
// statements per article) against the one-statement-per-row writer, in the same run, on the
// same extracted articles. Extraction is done beforehand and not timed here (it has its own
// section), so the two figures differ only in how they write.
import { upsertArticleGraph, upsertArticleGraphUnbatched } from '../../server/db/articles.js';
import type { Db } from '../../server/db/driver.js';
import { extractArticle } from '../../server/extract/index.js';
import type { Extraction } from '../../server/extract/types.js';
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
  /** Batched articles/s over per-row articles/s. */
  speedup: number;
}

type Writer = typeof upsertArticleGraph;

async function writeAll(label: string, db: Db, items: { input: ArticleInput; extraction: Extraction }[], write: Writer, log: (l: string) => void): Promise<SeedingRun> {
  let nodes = 0;
  let relationships = 0;
  const started = performance.now();
  let lastReport = started;
  for (const [i, item] of items.entries()) {
    const summary = await write(db, item.input, item.extraction);
    nodes += summary.nodesCreated;
    relationships += summary.relationshipsCreated;
    const now = performance.now();
    if (now - lastReport > 5_000) {
      lastReport = now;
      log(`  ${label}: ${i + 1}/${items.length} (${((i + 1) / ((now - started) / 1000)).toFixed(1)} articles/s)`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    label,
    articles: items.length,
    seconds,
    articlesPerS: items.length / seconds,
    msPerArticle: (seconds * 1000) / items.length,
    relationshipsPerS: relationships / seconds,
    nodes,
    relationships,
  };
}

export async function benchSeeding(db: Db, corpus: readonly ArticleInput[], unbatched: number, log: (l: string) => void): Promise<SeedingReport> {
  const extracted = corpus.map((input) => ({ input, extraction: extractArticle(input.text, input.meta) }));
  // The per-row run writes a prefix of the same corpus under other ids, into the graph the
  // batched run built, so both resolve against the same existing entities.
  const rowItems = extracted.slice(0, Math.min(unbatched, extracted.length)).map(({ input, extraction }) => ({
    input: { ...input, id: `${input.id}-row` },
    extraction,
  }));
  const batched = await writeAll(`batched UNWIND…MERGE, ${extracted.length} articles`, db, extracted, upsertArticleGraph, log);
  const perRow = await writeAll(`one statement per row, ${rowItems.length} articles`, db, rowItems, upsertArticleGraphUnbatched, log);
  return { runs: [batched, perRow], speedup: batched.articlesPerS / perRow.articlesPerS };
}
