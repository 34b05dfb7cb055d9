// Provisioning and lifecycle of the embedded Stanford CoreNLP server, the same way as the embedded
// Neo4j (../neo4j-runtime): jars from Maven Central through the machine's Maven into a git-ignored
// cache, a small launcher (CoreNlpLauncher.java) compiled once that binds the server to loopback
// and, when attached, exits as soon as the Node process that started it goes away, and a state
// file so a second start finds the running server instead of failing on its port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../config.js';
import { attachedHandle, isAlive, missingJavaTools, readState, stopLaunched, tail, type LauncherState } from '../runtime/launched.js';
import { CORENLP_ANNOTATORS, CORENLP_PROPERTIES } from '../nlp/corenlp/properties.js';
import { portOpen } from '../neo4j-runtime/runtime.js';

export const CORENLP_VERSION = '4.5.10';
const RUNTIME_DIR = path.join(PROJECT_ROOT, 'server', 'nlp-runtime');
const EXPORTS = '--add-exports=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED';

export type Log = (line: string) => void;
type NlpConfig = Config['corenlp'];

export class NlpRuntimeError extends Error {
  override name = 'NlpRuntimeError';
}

const USE_EXISTING =
  'Or use a CoreNLP server you already run (for example the CoreNLP Docker image) by setting CORENLP_URL, or extract with EXTRACTOR=rules (no Java).';


export interface NlpStatus {
  state: 'running' | 'stopped' | 'external';
  urls: string[];
  pid?: number;
  mode?: LauncherState['mode'];
  startedAt?: string;
  provisioned: boolean;
}

export interface NlpHandle {
  urls: string[];
  /** True when this call started the server (and `stop` will stop it). */
  started: boolean;
  stop(): Promise<void>;
}

const libDir = (c: NlpConfig) => path.join(c.cacheDir, 'lib');
const classesDir = (c: NlpConfig) => path.join(c.cacheDir, 'classes');
const stateFile = (c: NlpConfig) => path.join(c.dataDir, 'launcher.json');
const logFile = (c: NlpConfig) => path.join(c.dataDir, 'corenlp.log');
const propsFile = (c: NlpConfig) => path.join(c.dataDir, 'server.properties');

export function isNlpProvisioned(c: NlpConfig): boolean {
  return (
    existsSync(path.join(libDir(c), `stanford-corenlp-${CORENLP_VERSION}.jar`)) &&
    existsSync(path.join(libDir(c), `stanford-corenlp-${CORENLP_VERSION}-models.jar`)) &&
    existsSync(path.join(classesDir(c), 'CoreNlpLauncher.class'))
  );
}


/** Fetches the CoreNLP jars (code and English models, ~500 MB) with Maven once and compiles the launcher. */
export function provisionCoreNlp(c: NlpConfig, log: Log = () => {}): void {
  if (isNlpProvisioned(c)) return;
  const missing = missingJavaTools();
  if (missing.length > 0) {
    throw new NlpRuntimeError(`The embedded Stanford CoreNLP needs ${missing.join(' and ')}. Install them and run again. ${USE_EXISTING}`);
  }
  mkdirSync(libDir(c), { recursive: true });
  log(`Fetching Stanford CoreNLP ${CORENLP_VERSION} and its English models (~500 MB) from Maven Central into ${path.relative(PROJECT_ROOT, libDir(c)) || libDir(c)} …`);
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(RUNTIME_DIR, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${libDir(c)}`, '-DincludeScope=runtime'],
    { encoding: 'utf8' },
  );
  if (mvn.status !== 0) {
    throw new NlpRuntimeError(`Maven could not fetch Stanford CoreNLP ${CORENLP_VERSION}:\n${(mvn.stdout + mvn.stderr).slice(-2000)}\n${USE_EXISTING}`);
  }
  mkdirSync(classesDir(c), { recursive: true });
  const javac = spawnSync(
    'javac',
    ['--add-exports', 'jdk.httpserver/sun.net.httpserver=ALL-UNNAMED', '-cp', path.join(libDir(c), '*'), '-d', classesDir(c), path.join(RUNTIME_DIR, 'CoreNlpLauncher.java')],
    { encoding: 'utf8' },
  );
  if (javac.status !== 0) throw new NlpRuntimeError(`Could not compile the CoreNLP launcher:\n${javac.stderr}`);
  log(`Stanford CoreNLP ${CORENLP_VERSION} ready (${readdirSync(libDir(c)).length} jars).`);
}



export async function coreNlpStatus(c: NlpConfig): Promise<NlpStatus> {
  const provisioned = isNlpProvisioned(c);
  if (c.external) return { state: 'external', urls: c.urls, provisioned };
  const state = readState(stateFile(c));
  if (state && isAlive(state.pid)) {
    return { state: 'running', urls: c.urls, pid: state.pid, mode: state.mode, startedAt: state.startedAt, provisioned };
  }
  if (state) rmSync(stateFile(c), { force: true });
  return { state: 'stopped', urls: c.urls, provisioned };
}


/**
 * Waits until the server annotates a short text with the project's own annotators: that also loads
 * every model, so the first real article does not pay for it.
 */
export async function awaitCoreNlp(url: string, timeoutMs: number, child?: ChildProcess, logPath?: string): Promise<void> {
  let exited: number | null | undefined;
  const onExit = (code: number | null) => {
    exited = code;
  };
  child?.once('exit', onExit);
  const deadline = Date.now() + timeoutMs;
  const props = encodeURIComponent(JSON.stringify(CORENLP_PROPERTIES));
  let last = '';
  try {
    for (;;) {
      if (exited !== undefined) {
        throw new NlpRuntimeError(`CoreNLP exited (code ${exited}) before it was ready. Last log lines:\n${logPath ? tail(logPath) : ''}`);
      }
      try {
        const res = await fetch(`${url}/?properties=${props}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'CoreNLP is ready in Paris on Monday.',
          signal: AbortSignal.timeout(Math.max(1000, Math.min(120_000, deadline - Date.now()))),
        });
        if (res.ok) {
          const body = (await res.json()) as { sentences?: unknown[] };
          if (Array.isArray(body.sentences)) return;
        }
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() >= deadline) {
        throw new NlpRuntimeError(
          `CoreNLP did not answer on ${url} within ${Math.round(timeoutMs / 1000)} s (${last}; raise CORENLP_START_TIMEOUT_MS on a slow machine).` +
            (logPath ? ` Last log lines:\n${tail(logPath)}` : ''),
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    child?.off('exit', onExit);
  }
}

export interface StartOptions {
  /** attached: the server stops when this process exits; detached: it keeps running. */
  mode: 'attached' | 'detached';
  log?: Log;
}

/** Starts the embedded CoreNLP server, or returns a handle on the one already running. */
export async function startCoreNlp(c: NlpConfig, opts: StartOptions): Promise<NlpHandle> {
  const log = opts.log ?? (() => {});
  if (c.external) throw new NlpRuntimeError('CORENLP_URL is set: the project uses that server and starts none of its own.');
  const url = c.urls[0]!;
  const status = await coreNlpStatus(c);
  if (status.state === 'running') {
    await awaitCoreNlp(url, c.startTimeoutMs, undefined, logFile(c));
    log(`CoreNLP already running (pid ${status.pid}) on ${url}.`);
    return { urls: c.urls, started: false, stop: async () => {} };
  }
  if (await portOpen(c.host, c.port)) {
    throw new NlpRuntimeError(
      `Port ${c.port} on ${c.host} is in use by another program (not a CoreNLP server this project started). ` +
        `Stop it, set CORENLP_PORT to a free port, or point CORENLP_URL at it if it is a CoreNLP server.`,
    );
  }
  provisionCoreNlp(c, log);
  mkdirSync(c.dataDir, { recursive: true });
  writeFileSync(propsFile(c), Object.entries(CORENLP_PROPERTIES).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n');
  const out = openSync(logFile(c), 'a');
  const started = Date.now();
  const child = spawn(
    'java',
    [
      `-Xmx${c.heap}`,
      '-Dfile.encoding=UTF-8',
      `-Dnewsgraph.host=${c.host}`,
      EXPORTS,
      '-cp',
      `${classesDir(c)}${path.delimiter}${path.join(libDir(c), '*')}`,
      'CoreNlpLauncher',
      opts.mode,
      '-port', String(c.port),
      '-threads', String(c.threads),
      '-timeout', String(c.timeoutMs),
      '-quiet', 'true',
      '-preload', CORENLP_ANNOTATORS,
      '-serverProperties', propsFile(c),
      '-maxCharLength', String(Math.max(100_000, c.maxChars * 2)),
    ],
    {
      // attached: we hold its stdin; when this process ends for any reason the pipe closes and the
      // launcher exits, so no Java process is ever orphaned.
      stdio: [opts.mode === 'attached' ? 'pipe' : 'ignore', out, out],
      detached: opts.mode === 'detached',
    },
  );
  closeSync(out);
  if (child.pid === undefined) throw new NlpRuntimeError('Could not start java.');
  const state: LauncherState = { pid: child.pid, host: c.host, port: c.port, mode: opts.mode, startedAt: new Date().toISOString() };
  writeFileSync(stateFile(c), JSON.stringify(state, null, 2));
  log(`Starting Stanford CoreNLP ${CORENLP_VERSION} (pid ${child.pid}, heap ${c.heap}, ${c.threads} threads) …`);
  try {
    await awaitCoreNlp(url, c.startTimeoutMs, child, logFile(c));
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(stateFile(c), { force: true });
    throw err;
  }
  log(`CoreNLP ready on ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  child.unref();
  if (opts.mode === 'detached') return { urls: c.urls, started: true, stop: async () => void (await stopCoreNlp(c)) };
  return attachedHandle(child, { urls: c.urls }, () => stopCoreNlp(c));
}

/** Stops the embedded CoreNLP server this project started (attached or detached). */
export async function stopCoreNlp(c: NlpConfig, timeoutMs = 20_000): Promise<boolean> {
  return stopLaunched(stateFile(c), timeoutMs);
}

/**
 * What `npm start`, the seed and extract commands and the tests call: with CORENLP_URL, checks that
 * every server answers; otherwise provisions and starts the embedded one (or reuses the running one).
 */
export async function ensureCoreNlp(c: NlpConfig, opts: StartOptions): Promise<NlpHandle> {
  if (c.external) {
    // A server someone else runs may come and go: say so now, and let each article that needs it
    // fail with NLP_UNAVAILABLE rather than refusing to start.
    await Promise.all(
      c.urls.map((u) => awaitCoreNlp(u, 2_000).catch(() => opts.log?.(`CoreNLP at ${u} does not answer yet; articles will fail with NLP_UNAVAILABLE until it does.`))),
    );
    return { urls: c.urls, started: false, stop: async () => {} };
  }
  return startCoreNlp(c, opts);
}
