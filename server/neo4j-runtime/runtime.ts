// Provisioning and lifecycle of the embedded Neo4j: jars from Maven Central through the machine's
// Maven, a small Java launcher (Neo4jLauncher.java) compiled once, and a state file next to the
// data so a second start finds the running database instead of failing on its locked store.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../config.js';
import { attachedHandle, isAlive, missingJavaTools, readState, stopLaunched, tail, type LauncherState } from '../runtime/launched.js';
import { closeDb, createDb, waitForDatabase } from '../db/driver.js';

export const NEO4J_VERSION = '5.26.28';
const RUNTIME_DIR = path.join(PROJECT_ROOT, 'server', 'neo4j-runtime');

export type Log = (line: string) => void;
type Neo4jConfig = Config['neo4j'];

export class Neo4jRuntimeError extends Error {
  override name = 'Neo4jRuntimeError';
}

const USE_EXISTING =
  'Or use a Neo4j you already run (Docker: `docker compose up -d`, Neo4j Desktop or Aura) by setting NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.';


export interface Neo4jStatus {
  state: 'running' | 'stopped' | 'external';
  uri: string;
  pid?: number;
  mode?: LauncherState['mode'];
  startedAt?: string;
  provisioned: boolean;
}

export interface Neo4jHandle {
  uri: string;
  /** True when this call started the database (and `stop` will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

const libDir = (c: Neo4jConfig) => path.join(c.cacheDir, 'lib');
const classesDir = (c: Neo4jConfig) => path.join(c.cacheDir, 'classes');
const stateFile = (c: Neo4jConfig) => path.join(c.dataDir, 'launcher.json');
const logFile = (c: Neo4jConfig) => path.join(c.dataDir, 'neo4j.log');

export function isProvisioned(c: Neo4jConfig): boolean {
  return (
    existsSync(path.join(libDir(c), `neo4j-${NEO4J_VERSION}.jar`)) &&
    existsSync(path.join(classesDir(c), 'Neo4jLauncher.class'))
  );
}


/** Fetches the Neo4j jars with Maven (once) and compiles the launcher. */
export function provisionNeo4j(c: Neo4jConfig, log: Log = () => {}): void {
  if (isProvisioned(c)) return;
  const missing = missingJavaTools();
  if (missing.length > 0) {
    throw new Neo4jRuntimeError(`The embedded Neo4j needs ${missing.join(' and ')}. Install them and run again. ${USE_EXISTING}`);
  }
  mkdirSync(libDir(c), { recursive: true });
  log(`Fetching Neo4j ${NEO4J_VERSION} (community) jars from Maven Central into ${path.relative(PROJECT_ROOT, libDir(c)) || libDir(c)} …`);
  const mvn = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(RUNTIME_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libDir(c)}`,
      '-DincludeScope=runtime',
      `-Dneo4j.version=${NEO4J_VERSION}`,
    ],
    { encoding: 'utf8' },
  );
  if (mvn.status !== 0) {
    throw new Neo4jRuntimeError(`Maven could not fetch Neo4j ${NEO4J_VERSION}:\n${(mvn.stdout + mvn.stderr).slice(-2000)}\n${USE_EXISTING}`);
  }
  mkdirSync(classesDir(c), { recursive: true });
  const javac = spawnSync(
    'javac',
    ['-cp', path.join(libDir(c), '*'), '-d', classesDir(c), path.join(RUNTIME_DIR, 'Neo4jLauncher.java')],
    { encoding: 'utf8' },
  );
  if (javac.status !== 0) throw new Neo4jRuntimeError(`Could not compile the Neo4j launcher:\n${javac.stderr}`);
  log(`Neo4j ${NEO4J_VERSION} ready (${readdirSync(libDir(c)).length} jars).`);
}



/** True when something accepts TCP connections on host:port. */
export function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function neo4jStatus(c: Neo4jConfig): Promise<Neo4jStatus> {
  const provisioned = isProvisioned(c);
  if (!c.embedded) return { state: 'external', uri: c.uri, provisioned };
  const state = readState(stateFile(c));
  if (state && isAlive(state.pid)) {
    return { state: 'running', uri: c.uri, pid: state.pid, mode: state.mode, startedAt: state.startedAt, provisioned };
  }
  if (state) rmSync(stateFile(c), { force: true }); // the process is gone: the file is stale
  return { state: 'stopped', uri: c.uri, provisioned };
}


async function awaitBolt(c: Neo4jConfig, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const db = createDb({ neo4j: c, queryTimeoutMs: 10_000 });
  let exited: number | null | undefined;
  const onExit = (code: number | null) => {
    exited = code;
  };
  child?.once('exit', onExit);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited !== undefined) {
        throw new Neo4jRuntimeError(`Neo4j exited (code ${exited}) before it was ready. Last log lines:\n${tail(logFile(c))}`);
      }
      try {
        await waitForDatabase(db, Math.min(2_000, Math.max(1, deadline - Date.now())));
        return;
      } catch (err) {
        if (Date.now() >= deadline) {
          throw new Neo4jRuntimeError(
            `Neo4j did not accept Bolt connections on ${c.uri} within ${Math.round(timeoutMs / 1000)} s ` +
              `(raise NEO4J_START_TIMEOUT_MS on a slow machine). Last log lines:\n${tail(logFile(c))}`,
          );
        }
      }
    }
  } finally {
    child?.off('exit', onExit);
    await closeDb(db);
  }
}

export interface StartOptions {
  /** attached: the database stops when this process exits; detached: it keeps running. */
  mode: 'attached' | 'detached';
  log?: Log;
}

/** Starts the embedded Neo4j, or returns a handle on the one already running. */
export async function startNeo4j(c: Neo4jConfig, opts: StartOptions): Promise<Neo4jHandle> {
  const log = opts.log ?? (() => {});
  if (!c.embedded) throw new Neo4jRuntimeError('NEO4J_URI is set: the project uses that Neo4j and starts none of its own.');
  const status = await neo4jStatus(c);
  if (status.state === 'running') {
    await awaitBolt(c, c.startTimeoutMs);
    log(`Neo4j already running (pid ${status.pid}) on ${c.uri}.`);
    return { uri: c.uri, started: false, stop: async () => {} };
  }
  if (await portOpen(c.host, c.boltPort)) {
    throw new Neo4jRuntimeError(
      `Port ${c.boltPort} on ${c.host} is in use by another program (not a Neo4j this project started). ` +
        `Stop it, set NEO4J_BOLT_PORT to a free port, or point NEO4J_URI at it if it is a Neo4j.`,
    );
  }
  provisionNeo4j(c, log);
  mkdirSync(c.dataDir, { recursive: true });
  const out = openSync(logFile(c), 'a');
  const started = Date.now();
  const child = spawn(
    'java',
    [
      `-Xmx${c.heap}`,
      '-XX:+UseG1GC',
      '-Dfile.encoding=UTF-8',
      '-cp',
      `${classesDir(c)}${path.delimiter}${path.join(libDir(c), '*')}`,
      'Neo4jLauncher',
      c.dataDir,
      c.host,
      String(c.boltPort),
      opts.mode,
    ],
    {
      // attached: we hold its stdin; when this process ends for any reason the pipe closes and
      // the launcher shuts the database down, so no Java process is ever orphaned.
      stdio: [opts.mode === 'attached' ? 'pipe' : 'ignore', out, out],
      detached: opts.mode === 'detached',
    },
  );
  closeSync(out);
  if (child.pid === undefined) throw new Neo4jRuntimeError('Could not start java.');
  const state: LauncherState = { pid: child.pid, host: c.host, port: c.boltPort, mode: opts.mode, startedAt: new Date().toISOString() };
  writeFileSync(stateFile(c), JSON.stringify(state, null, 2));
  log(`Starting Neo4j ${NEO4J_VERSION} (pid ${child.pid}, data ${path.relative(PROJECT_ROOT, c.dataDir) || c.dataDir}) …`);
  try {
    await awaitBolt(c, c.startTimeoutMs, child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(stateFile(c), { force: true });
    throw err;
  }
  log(`Neo4j ready on ${c.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (opts.mode === 'detached') {
    child.unref();
    return { uri: c.uri, started: true, stop: async () => void (await stopNeo4j(c)) };
  }
  // Keep the process alive only through its own work, not through the child.
  return attachedHandle(child, { uri: c.uri }, () => stopNeo4j(c));
}

/** Stops the embedded Neo4j this project started (attached or detached), waiting for a clean shutdown. */
export async function stopNeo4j(c: Neo4jConfig, timeoutMs = 60_000): Promise<boolean> {
  return stopLaunched(stateFile(c), timeoutMs);
}

/**
 * What `npm start` and the tests call: with NEO4J_URI, just checks that database answers;
 * otherwise provisions and starts the embedded one (or reuses the running one).
 */
export async function ensureNeo4j(c: Neo4jConfig, opts: StartOptions): Promise<Neo4jHandle> {
  if (!c.embedded) {
    await awaitBolt(c, c.startTimeoutMs);
    return { uri: c.uri, started: false, stop: async () => {} };
  }
  return startNeo4j(c, opts);
}
