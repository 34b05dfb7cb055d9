// How several articles share a write transaction, and what happens when one of them fails.
import type { Extraction } from '../../extractors/contract.js';
import type { ArticleInput } from '../../ingest/index.js';
import { withWriteTransaction, type Db } from '../driver.js';
import { upsertArticleGraph, writeArticle, type UpsertOptions, type UpsertSummary } from './articles.js';
import { inTransaction } from './run.js';

export interface ArticleToWrite {
  input: ArticleInput;
  extraction: Extraction;
}

// An unreachable database fails every article the same way: no point waiting it out again one by one.
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Writes several articles in ONE transaction, one after the other (each resolves against what
 * the ones before it wrote), so a batch pays one commit instead of one per article. If any of
 * them fails, the transaction is rolled back and each article is written again on its own, so
 * every article still ends all-or-nothing and one bad article does not take the others with
 * it. Results are in input order: a summary, or the error that article's own write raised.
 */
export async function upsertArticleGraphs(db: Db, items: readonly ArticleToWrite[], opts: UpsertOptions = {}): Promise<(UpsertSummary | Error)[]> {
  if (items.length === 0) return [];
  try {
    return await withWriteTransaction(db, async (tx) => {
      const run = inTransaction(tx);
      const out: UpsertSummary[] = [];
      for (const item of items) out.push(await writeArticle(run, item.input, item.extraction, opts));
      return out;
    });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const code = (err as { code?: unknown }).code;
    if (items.length === 1 || (typeof code === 'string' && UNAVAILABLE.has(code))) return items.map(() => error);
    const out: (UpsertSummary | Error)[] = [];
    for (const item of items) {
      try {
        out.push(await upsertArticleGraph(db, item.input, item.extraction, opts));
      } catch (e) {
        out.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return out;
  }
}
