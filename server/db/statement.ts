// A statement as data: the Cypher text and its parameters. Reads and writes build statements
// with pure functions (snapshot-tested without a database in test/unit/cypher-snapshots.test.ts)
// and run them with `run` (a read) or inside a write transaction, so what reaches Neo4j is
// exactly what the snapshots show.
import type { QueryResult, RecordShape } from 'neo4j-driver';
import { readQuery, type Db } from './driver.js';

export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

export function statement(cypher: string, params: Record<string, unknown> = {}): Statement {
  return { cypher, params };
}

export function run<R extends RecordShape = RecordShape>(db: Db, s: Statement): Promise<QueryResult<R>> {
  return readQuery<R>(db, s.cypher, s.params);
}
