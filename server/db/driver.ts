// The one place that opens Neo4j sessions. Every Cypher statement in server/db runs through
// readQuery/writeQuery (or a transaction from withWriteTransaction), so timeouts, database name
// and retries are decided here and nowhere else.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { Config } from '../config.js';
import { enableBoltNoDelay } from './tcp-nodelay.js';

export interface Db {
  driver: Driver;
  database: string | undefined;
  /** Per-statement timeout, so a slow query cannot hold a request forever. */
  timeoutMs: number;
}

export function createDb(config: Pick<Config, 'neo4j' | 'queryTimeoutMs'>): Db {
  enableBoltNoDelay();
  const { uri, user, password, database } = config.neo4j;
  // A Neo4j without authentication accepts any basic credentials, so one form fits both.
  const auth = neo4j.auth.basic(user, password);
  const driver = neo4j.driver(uri, auth, {
    // Integers come back as JS numbers; counts and offsets here never exceed 2^53.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 20_000,
    connectionTimeout: 5_000,
    // A request waits at most its own timeout for a database that went away to come back.
    maxTransactionRetryTime: config.queryTimeoutMs,
    userAgent: 'news-knowledge-graph',
  });
  return { driver, database, timeoutMs: config.queryTimeoutMs };
}

export async function closeDb(db: Db): Promise<void> {
  await db.driver.close();
}

/** Runs one read statement in a managed (retried) read transaction. */
export async function readQuery<R extends RecordShape = RecordShape>(
  db: Db,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<QueryResult<R>> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead((tx) => tx.run<R>(cypher, params), { timeout: db.timeoutMs });
  } finally {
    await session.close();
  }
}

/** Runs one write statement in a managed (retried) write transaction. */
export async function writeQuery<R extends RecordShape = RecordShape>(
  db: Db,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<QueryResult<R>> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite((tx) => tx.run<R>(cypher, params), { timeout: db.timeoutMs });
  } finally {
    await session.close();
  }
}

/**
 * Runs `work` as one write transaction: all of it commits or none of it does. The driver retries
 * the whole function on transient errors, so `work` must be safe to run again (MERGE, not CREATE).
 */
export async function withWriteTransaction<T>(db: Db, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = db.timeoutMs * 6): Promise<T> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite(work, { timeout: timeoutMs });
  } finally {
    await session.close();
  }
}

/** Waits until the database answers, or throws a message that says what to check. */
export async function waitForDatabase(db: Db, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await db.driver.verifyConnectivity({ database: db.database });
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const why = last instanceof Error ? last.message : String(last);
  throw new Error(`Neo4j did not answer within ${Math.round(timeoutMs / 1000)} s (${why}). Check NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, or run \`npm run db:status\`.`);
}
