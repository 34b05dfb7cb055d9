// How the writer and the resolution look-ups run their statements. A Run takes a Statement and
// answers its records and what it changed; the writer gets one bound to its write transaction,
// look-ups outside a write one that reads. Keeping the answer this small lets a caller wrap a Run
// (the benchmark's one-statement-per-row baseline, bench/per-row-writer.ts) without the writer
// knowing.
import type { ManagedTransaction, QueryResult, Record as Neo4jRecord } from 'neo4j-driver';
import { readQuery, type Db } from '../driver.js';
import type { Statement } from '../statement.js';

export interface Counters {
  nodesCreated: number;
  relationshipsCreated: number;
  nodesDeleted: number;
  relationshipsDeleted: number;
}

export interface Ran {
  records: Neo4jRecord[];
  counters: Counters;
}

export type Run = (s: Statement) => Promise<Ran>;

export function noChanges(): Counters {
  return { nodesCreated: 0, relationshipsCreated: 0, nodesDeleted: 0, relationshipsDeleted: 0 };
}

export function addCounters(into: Counters, from: Counters): void {
  into.nodesCreated += from.nodesCreated;
  into.relationshipsCreated += from.relationshipsCreated;
  into.nodesDeleted += from.nodesDeleted;
  into.relationshipsDeleted += from.relationshipsDeleted;
}

function ran(res: QueryResult): Ran {
  const u = res.summary.counters.updates();
  return {
    records: res.records,
    counters: { nodesCreated: u.nodesCreated, relationshipsCreated: u.relationshipsCreated, nodesDeleted: u.nodesDeleted, relationshipsDeleted: u.relationshipsDeleted },
  };
}

/** Runs statements inside one write transaction. */
export function inTransaction(tx: ManagedTransaction): Run {
  return async (s) => ran(await tx.run(s.cypher, s.params));
}

/** Runs each statement as its own read (look-ups made before a write, outside its transaction). */
export function asReads(db: Db): Run {
  return async (s) => ran(await readQuery(db, s.cypher, s.params));
}
