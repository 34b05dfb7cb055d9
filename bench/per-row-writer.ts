// The benchmark's baseline for seeding: the production article writer, run so that each
// statement which takes a list of rows is sent once per row instead of once per list (the
// naive way to write a graph). Nothing here is Cypher: the statements are the writer's own
// (server/db/writes/statements.ts), recognised by their text and split by their row parameter,
// so the baseline cannot drift from what it is compared against.
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { ArticleInput } from '../server/ingest/index.js';
import type { Extraction } from '../server/extractors/contract.js';
import { withWriteTransaction, type Db } from '../server/db/driver.js';
import type { Statement } from '../server/db/statement.js';
import { writeArticle, type UpsertOptions, type UpsertSummary } from '../server/db/writes/articles.js';
import { provenanceOf } from '../server/db/writes/rows.js';
import { addCounters, inTransaction, noChanges, type Run } from '../server/db/writes/run.js';
import {
  addAliasesStatement,
  createEvidenceStatement,
  deleteOrphansStatement,
  mergeFactsStatement,
  refreshAliasesStatement,
  upsertEntitiesStatement,
} from '../server/db/writes/statements.js';

const none = provenanceOf('', {});

/** The statements sent once per row, by their Cypher text, and the parameter holding the rows. */
const ROW_PARAM = new Map<string, string>([
  [upsertEntitiesStatement('', [], '').cypher, 'rows'],
  [addAliasesStatement([]).cypher, 'rows'],
  [createEvidenceStatement([], none).cypher, 'rows'],
  [deleteOrphansStatement([]).cypher, 'ids'],
  [refreshAliasesStatement([]).cypher, 'ids'],
  [mergeFactsStatement([], none).cypher, 'facts'],
]);

/** A Run that sends a row-list statement as one statement per row and adds up what they answer. */
export function perRow(run: Run): Run {
  return async (s: Statement) => {
    const param = ROW_PARAM.get(s.cypher);
    const rows = param === undefined ? undefined : s.params[param];
    if (param === undefined || !Array.isArray(rows)) return run(s);
    const records: Neo4jRecord[] = [];
    const counters = noChanges();
    for (const row of rows as unknown[]) {
      const res = await run({ cypher: s.cypher, params: { ...s.params, [param]: [row] } });
      records.push(...res.records);
      addCounters(counters, res.counters);
    }
    return { records, counters };
  };
}

/** The same write as upsertArticleGraph with one statement per entity, fact, evidence and alias row. */
export async function upsertArticleGraphPerRow(db: Db, article: ArticleInput, extraction: Extraction, opts: UpsertOptions = {}): Promise<UpsertSummary> {
  return withWriteTransaction(db, (tx) => writeArticle(perRow(inTransaction(tx)), article, extraction, opts));
}
