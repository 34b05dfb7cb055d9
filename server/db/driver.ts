// The one place that opens Neo4j sessions. Every Cypher statement in server/db runs through
// readQuery/writeQuery (or a transaction from withWriteTransaction), so timeouts, database name
// and retries are decided here and nowhere else.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape, type ServerInfo, type Session } from 'neo4j-driver';
import type { Config } from '../config.js';
import { enableBoltNoDelay } from './tcp-nodelay.js';

export interface Db {
  driver: Driver;
  database: string | undefined;
  /** Per-statement timeout, so a slow query cannot hold a request forever. */
  timeoutMs: number;
  /**
   * When the request this Db serves must be answered (epoch ms; see forRequest). Every statement
   * gets at most the time left as its transaction timeout, so Neo4j cancels the work itself.
   */
  deadline?: { at: number };
}

/**
 * How long before the client stops waiting Neo4j is asked to give up: Neo4j normally cancels a
 * transaction at its timeout and says so (DATABASE_TIMEOUT); a database that has said nothing
 * this long after is not answering at all (frozen, partitioned), which is DATABASE_UNAVAILABLE.
 */
const CLIENT_GRACE_MS = 500;

/** The error a statement fails with when the database did not answer in time. */
export class DatabaseNotAnswering extends Error {
  override name = 'DatabaseNotAnswering';
  readonly code = 'NKG.DatabaseNotAnswering';
}

/** The request's time ran out before the statement could start. */
export class RequestTimedOut extends Error {
  override name = 'RequestTimedOut';
  readonly code = 'NKG.RequestTimedOut';
}

/** A Db for one request: the same driver, with the request's deadline. */
export function forRequest(db: Db, timeoutMs: number, startedAt = Date.now()): Db {
  return { ...db, deadline: { at: startedAt + timeoutMs } };
}

interface Budget {
  /** The transaction timeout Neo4j enforces. */
  tx: number;
  /** How long the client waits for an answer at all (Infinity outside a request). */
  wait: number;
}

/**
 * The time a statement may take: its own timeout, cut so that Neo4j gives up a little before the
 * request's deadline, and the client stops waiting at the deadline itself.
 */
function budget(db: Db, timeoutMs: number): Budget {
  if (!db.deadline) return { tx: timeoutMs, wait: Infinity };
  const left = Math.floor(db.deadline.at - Date.now());
  if (left <= 0) throw new RequestTimedOut('the request ran out of time (REQUEST_TIMEOUT_MS) before the database answered');
  // A loaded database answers its own timeout late; only the request's deadline is hard.
  return { tx: Math.max(1, Math.min(timeoutMs, left - CLIENT_GRACE_MS)), wait: Math.min(timeoutMs + Math.max(CLIENT_GRACE_MS, timeoutMs / 2), left) };
}

/**
 * Runs one session's work for a request with a client-side bound as well as Neo4j's own: a frozen database
 * never enforces its timeout, so without this a read would hang for as long as it stays frozen.
 * The session is closed in the background; its connection comes back when the database does.
 */
async function bounded<T>(session: Session, ms: number, work: () => Promise<T>): Promise<T> {
  // Outside a request (startup, schema, the seed command) a slow database is waited for as before.
  if (ms === Infinity) {
    try {
      return await work();
    } finally {
      await session.close();
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseNotAnswering(`the database did not answer within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([work(), expired]);
    clearTimeout(timer);
    await session.close();
    return result;
  } catch (err) {
    clearTimeout(timer);
    if (err instanceof DatabaseNotAnswering) void session.close().catch(() => undefined);
    else await session.close().catch(() => undefined);
    throw err;
  }
}

export function createDb(config: Pick<Config, 'neo4j' | 'queryTimeoutMs'> & Partial<Pick<Config, 'requestTimeoutMs'>>): Db {
  enableBoltNoDelay();
  const { uri, user, password, database } = config.neo4j;
  // A Neo4j without authentication accepts any basic credentials, so one form fits both.
  const auth = neo4j.auth.basic(user, password);
  const driver = neo4j.driver(uri, auth, {
    // Integers come back as JS numbers; counts and offsets here never exceed 2^53.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    // Waiting for a connection or opening one never outlasts a request: a database that stops
    // answering fills the pool, and later requests must fail in time instead of queueing.
    connectionAcquisitionTimeout: config.requestTimeoutMs ?? 20_000,
    connectionTimeout: Math.min(5_000, config.requestTimeoutMs ?? 5_000),
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
  const b = budget(db, db.timeoutMs);
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
  return bounded(session, b.wait, () => session.executeRead((tx) => tx.run<R>(cypher, params), { timeout: b.tx }));
}

/** Runs one write statement in a managed (retried) write transaction. */
export async function writeQuery<R extends RecordShape = RecordShape>(
  db: Db,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<QueryResult<R>> {
  const b = budget(db, db.timeoutMs);
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
  return bounded(session, b.wait, () => session.executeWrite((tx) => tx.run<R>(cypher, params), { timeout: b.tx }));
}

/**
 * Runs `work` as one write transaction: all of it commits or none of it does. The driver retries
 * the whole function on transient errors, so `work` must be safe to run again (MERGE, not CREATE).
 */
export async function withWriteTransaction<T>(db: Db, work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = db.timeoutMs * 6): Promise<T> {
  const b = budget(db, timeoutMs);
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
  return bounded(session, b.wait, () => session.executeWrite(work, { timeout: b.tx }));
}

/** The server's version, or an error within `timeoutMs` (health must answer while the database is frozen). */
export async function serverInfo(db: Db, timeoutMs: number): Promise<ServerInfo> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseNotAnswering(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // getServerInfo alone may answer from the pool without asking the server (a connection whose
    // last message was its log-on is not reset first), so a frozen database would look reachable.
    // An empty transaction makes the round trip without compiling a query (fast on a cold start).
    const probe = async () => {
      const info = await db.driver.getServerInfo({ database: db.database });
      const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ });
      try {
        await session.beginTransaction({ timeout: timeoutMs }).rollback();
      } finally {
        void session.close().catch(() => undefined);
      }
      return info;
    };
    return await Promise.race([probe(), expired]);
  } finally {
    clearTimeout(timer);
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
