// The graph's version: a value that changes whenever anything is written, read in one round trip
// of index and count-store lookups (no scan), so a cached answer can be checked on every request.
import type { Db } from '../driver.js';
import { run, statement, type Statement } from '../statement.js';

/**
 * Every article write sets `Article.updatedAt` (the newest is one seek of its index); a removal
 * changes the node count; anything else a write does changes the node or relationship count
 * (both from Neo4j's count store). Writes by any process count, not only this server's.
 */
export function graphVersionStatement(): Statement {
  return statement(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
     RETURN nodes, rels,
            COLLECT { MATCH (a:Article) WHERE a.updatedAt IS NOT NULL RETURN toString(a.updatedAt) ORDER BY a.updatedAt DESC LIMIT 1 } AS newest`,
  );
}

export async function graphVersion(db: Db): Promise<string> {
  const rec = (await run(db, graphVersionStatement())).records[0];
  if (!rec) return 'empty';
  return `${String(rec.get('nodes'))}/${String(rec.get('rels'))}/${(rec.get('newest') as string[])[0] ?? ''}`;
}
