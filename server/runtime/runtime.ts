// The one runtime behind the embedded Neo4j and the embedded CoreNLP server. Each is a small
// descriptor (./neo4j, ./corenlp): the jars Maven fetches, the launcher compiled once, its main
// class and arguments, the line it prints when ready and how to ask it whether it answers. This
// module provisions, starts (attached or detached), reports, stops and ensures any of them, with
// a state file beside the data so a second start finds the running process instead of failing
// on its locked store or its port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../config.js';
import { attachedHandle, isAlive, logSince, logSize, missingJavaTools, readState, stopLaunched, tail, type LauncherState } from './launched.js';
import { portOpen } from './ports.js';

export type Log = (line: string) => void;
export type Mode = LauncherState['mode'];

/** An embedded component could not be provisioned or started; the message says what to do. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

/** What every component's configuration has (Config['neo4j'], Config['corenlp']). */
export interface ComponentConfig {
  host: string;
  heap: string;
  startTimeoutMs: number;
  cacheDir: string;
  dataDir: string;
}

/** One attempt to ask a component whether it answers; `check` rejects with the reason it does not. */
export interface Probe {
  check(remainingMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * One embedded component. `W` is where callers find it (`{ uri }` or `{ urls }`), shown in its
 * status and handle.
 */
export interface Descriptor<C extends ComponentConfig, W extends object> {
  /** In messages: "Neo4j", "CoreNLP". */
  name: string;
  /** In provisioning messages: "Neo4j", "Stanford CoreNLP". */
  title: string;
  version: string;
  /** What it is to the project, in "the project uses that …". */
  noun: string;
  /** The npm scripts' prefix: `npm run db:stop`. */
  scripts: string;
  /** The variables that point at one the user runs, pick its port, and bound its start. */
  env: { external: string; port: string; startTimeout: string };
  /** How to do without the embedded one, appended to provisioning failures. */
  useExisting: string;
  /** The folder holding pom.xml (the jars to fetch) and the launcher source. */
  dir: string;
  /** Jar files that mark the cache as fetched. */
  jars: string[];
  /** What "Fetching …" names (and how big it is). */
  fetching: string;
  mavenArgs: string[];
  launcher: { mainClass: string; javacArgs: string[] };
  /** The log file's name in the data folder. */
  logFile: string;
  /** The launched process writes this to its log once it listens. */
  readyLine: string;
  stopTimeoutMs: number;
  /** Its part of the whole configuration. */
  select(config: Config): C;
  isExternal(c: C): boolean;
  where(c: C): W;
  /** The addresses to probe; the first is the embedded one's. */
  addresses(c: C): string[];
  port(c: C): number;
  /** What "Starting … (…)" says about this start. */
  startingDetail(c: C): string;
  /** Files the launcher reads, written before each start. */
  prepare?(c: C): void;
  jvmOptions(c: C): string[];
  args(c: C, mode: Mode): string[];
  openProbe(c: C, address: string): Promise<Probe>;
  /** One the user runs: must it answer before anything starts, or may it come later (say so and go on)? */
  external: { mustAnswer: true } | { mustAnswer: false; timeoutMs: number; whenDown: string };
}

export type Status<W> = { state: 'running' | 'stopped' | 'external' } & W & { pid?: number; mode?: Mode; startedAt?: string; provisioned: boolean };

export type Handle<W> = W & {
  /** True when this call started the process (and `stop` will stop it). */
  started: boolean;
  stop(): Promise<void>;
};

export interface StartOptions {
  /** attached: the process stops when this one exits; detached: it keeps running. */
  mode: Mode;
  log?: Log;
}

type AnyDescriptor<C extends ComponentConfig> = Descriptor<C, object>;

const libDir = (c: ComponentConfig) => path.join(c.cacheDir, 'lib');
const launcherSource = <C extends ComponentConfig>(d: AnyDescriptor<C>) => path.join(d.dir, `${d.launcher.mainClass}.java`);
/**
 * The launcher is compiled into a folder named for its source's hash: an edited launcher is
 * compiled afresh on the next start (the jars stay), and a cache another checkout shares keeps
 * the class its own source made.
 */
const classesDir = <C extends ComponentConfig>(d: AnyDescriptor<C>, c: C) =>
  path.join(c.cacheDir, 'classes', createHash('sha256').update(readFileSync(launcherSource(d))).digest('hex').slice(0, 12));
const stateFile = (c: ComponentConfig) => path.join(c.dataDir, 'launcher.json');
const logPath = <C extends ComponentConfig>(d: AnyDescriptor<C>, c: C) => path.join(c.dataDir, d.logFile);
const shown = (dir: string) => path.relative(PROJECT_ROOT, dir) || dir;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hasJars = <C extends ComponentConfig>(d: AnyDescriptor<C>, c: C) => d.jars.every((jar) => existsSync(path.join(libDir(c), jar)));
const hasLauncher = <C extends ComponentConfig>(d: AnyDescriptor<C>, c: C) => existsSync(path.join(classesDir(d, c), `${d.launcher.mainClass}.class`));

export function isProvisioned<C extends ComponentConfig>(d: AnyDescriptor<C>, c: C): boolean {
  return hasJars(d, c) && hasLauncher(d, c);
}

/** Fetches the jars with Maven (once) and compiles the launcher (once per version of its source). */
export function provision<C extends ComponentConfig>(d: AnyDescriptor<C>, c: C, log: Log = () => {}): void {
  if (isProvisioned(d, c)) return;
  const missing = missingJavaTools(!hasJars(d, c));
  if (missing.length > 0) throw new LaunchError(`The embedded ${d.title} needs ${missing.join(' and ')}. Install them and run again. ${d.useExisting}`);
  if (!hasJars(d, c)) {
    mkdirSync(libDir(c), { recursive: true });
    log(`Fetching ${d.fetching} from Maven Central into ${shown(libDir(c))} …`);
    const mvn = spawnSync(
      'mvn',
      ['-q', '-B', '-f', path.join(d.dir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${libDir(c)}`, '-DincludeScope=runtime', ...d.mavenArgs],
      { encoding: 'utf8' },
    );
    if (mvn.status !== 0) throw new LaunchError(`Maven could not fetch ${d.title} ${d.version}:\n${(mvn.stdout + mvn.stderr).slice(-2000)}\n${d.useExisting}`);
  }
  const classes = classesDir(d, c);
  mkdirSync(classes, { recursive: true });
  const javac = spawnSync('javac', [...d.launcher.javacArgs, '-cp', path.join(libDir(c), '*'), '-d', classes, launcherSource(d)], { encoding: 'utf8' });
  if (javac.status !== 0) throw new LaunchError(`Could not compile the ${d.name} launcher:\n${javac.stderr}`);
  log(`${d.title} ${d.version} ready (${readdirSync(libDir(c)).length} jars).`);
}

export async function status<C extends ComponentConfig, W extends object>(d: Descriptor<C, W>, c: C): Promise<Status<W>> {
  const provisioned = isProvisioned(d, c);
  if (d.isExternal(c)) return { state: 'external', ...d.where(c), provisioned };
  const state = readState(stateFile(c));
  if (state && isAlive(state.pid)) return { state: 'running', ...d.where(c), pid: state.pid, mode: state.mode, startedAt: state.startedAt, provisioned };
  if (state) rmSync(stateFile(c), { force: true }); // the process is gone: the file is stale
  return { state: 'stopped', ...d.where(c), provisioned };
}

interface Started {
  child: ChildProcess;
  /** Where in the log this start's own lines begin. */
  logOffset: number;
}

/**
 * Waits until the component at `address` answers its probe. For a process this call started, the
 * probe waits for its readiness line first, and its exit ends the wait with the log's last lines.
 */
async function awaitReady<C extends ComponentConfig>(d: AnyDescriptor<C>, c: C, address: string, timeoutMs: number, launched?: Started): Promise<void> {
  let exited: number | null | undefined;
  const onExit = (code: number | null) => {
    exited = code;
  };
  launched?.child.once('exit', onExit);
  const probe = await d.openProbe(c, address);
  const lastLines = () => (launched ? ` Last log lines:\n${tail(logPath(d, c))}` : '');
  const deadline = Date.now() + timeoutMs;
  let listening = launched === undefined;
  let last = `no "${d.readyLine}" line in its log yet`;
  try {
    for (;;) {
      if (exited !== undefined) throw new LaunchError(`${d.name} exited (code ${exited}) before it was ready.${lastLines()}`);
      listening ||= logSince(logPath(d, c), launched!.logOffset).includes(d.readyLine);
      if (listening) {
        try {
          await probe.check(Math.max(1, deadline - Date.now()));
          return;
        } catch (err) {
          last = err instanceof Error ? err.message : String(err);
        }
      }
      if (Date.now() >= deadline) {
        throw new LaunchError(
          `${d.name} did not answer on ${address} within ${Math.round(timeoutMs / 1000)} s (${last}; raise ${d.env.startTimeout} on a slow machine).${lastLines()}`,
        );
      }
      await sleep(250);
    }
  } finally {
    launched?.child.off('exit', onExit);
    await probe.close();
  }
}

function launch<C extends ComponentConfig>(d: AnyDescriptor<C>, c: C, mode: Mode): Started {
  mkdirSync(c.dataDir, { recursive: true });
  d.prepare?.(c);
  const file = logPath(d, c);
  const logOffset = logSize(file);
  const out = openSync(file, 'a');
  const child = spawn(
    'java',
    [`-Xmx${c.heap}`, ...d.jvmOptions(c), '-Dfile.encoding=UTF-8', '-cp', `${classesDir(d, c)}${path.delimiter}${path.join(libDir(c), '*')}`, d.launcher.mainClass, ...d.args(c, mode)],
    {
      // attached: we hold its stdin; when this process ends for any reason the pipe closes and
      // the launcher shuts down, so no Java process is ever orphaned.
      stdio: [mode === 'attached' ? 'pipe' : 'ignore', out, out],
      detached: mode === 'detached',
    },
  );
  closeSync(out);
  if (child.pid === undefined) throw new LaunchError('Could not start java.');
  const state: LauncherState = { pid: child.pid, host: c.host, port: d.port(c), mode, startedAt: new Date().toISOString() };
  writeFileSync(stateFile(c), JSON.stringify(state, null, 2));
  return { child, logOffset };
}

/** Starts the embedded component, or returns a handle on the one already running. */
export async function start<C extends ComponentConfig, W extends object>(d: Descriptor<C, W>, c: C, opts: StartOptions): Promise<Handle<W>> {
  const log = opts.log ?? (() => {});
  if (d.isExternal(c)) throw new LaunchError(`${d.env.external} is set: the project uses that ${d.noun} and starts none of its own.`);
  const address = d.addresses(c)[0]!;
  const current = await status(d, c);
  if (current.state === 'running') {
    await awaitReady(d, c, address, c.startTimeoutMs);
    log(`${d.name} already running (pid ${current.pid}) on ${address}.`);
    return { ...d.where(c), started: false, stop: async () => {} };
  }
  const port = d.port(c);
  if (await portOpen(c.host, port)) {
    throw new LaunchError(
      `Port ${port} on ${c.host} is in use by another program (not a ${d.name} ${d.noun} this project started). ` +
        `Stop it, set ${d.env.port} to a free port, or point ${d.env.external} at it if it is a ${d.name} ${d.noun}.`,
    );
  }
  provision(d, c, log);
  const startedAt = Date.now();
  const launched = launch(d, c, opts.mode);
  log(`Starting ${d.title} ${d.version} (pid ${launched.child.pid}, ${d.startingDetail(c)}) …`);
  try {
    await awaitReady(d, c, address, c.startTimeoutMs, launched);
  } catch (err) {
    launched.child.kill('SIGKILL');
    rmSync(stateFile(c), { force: true });
    throw err;
  }
  log(`${d.name} ready on ${address} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
  const stopIt = () => stop(d, c);
  if (opts.mode === 'detached') {
    launched.child.unref();
    return { ...d.where(c), started: true, stop: async () => void (await stopIt()) };
  }
  // Keep this process alive only through its own work, not through the child.
  return attachedHandle(launched.child, d.where(c), stopIt);
}

/** Stops the embedded component this project started (attached or detached); false when none ran. */
export function stop<C extends ComponentConfig>(d: AnyDescriptor<C>, c: C, timeoutMs = d.stopTimeoutMs): Promise<boolean> {
  return stopLaunched(stateFile(c), timeoutMs);
}

/**
 * What `npm start`, the commands and the tests call: with one the user runs, checks that it
 * answers; otherwise provisions and starts the embedded one (or reuses the running one).
 */
export async function ensure<C extends ComponentConfig, W extends object>(d: Descriptor<C, W>, c: C, opts: StartOptions): Promise<Handle<W>> {
  if (!d.isExternal(c)) return start(d, c, opts);
  const rule = d.external;
  if (rule.mustAnswer) {
    for (const address of d.addresses(c)) await awaitReady(d, c, address, c.startTimeoutMs);
  } else {
    // One someone else runs may come and go: say so now, and let the work that needs it fail
    // with its own error rather than refusing to start.
    await Promise.all(
      d.addresses(c).map((address) =>
        awaitReady(d, c, address, rule.timeoutMs).catch(() => opts.log?.(`${d.name} at ${address} does not answer yet; ${rule.whenDown}`)),
      ),
    );
  }
  return { ...d.where(c), started: false, stop: async () => {} };
}

/** The lifecycle of one component, bound to its descriptor. */
export function runtimeFor<C extends ComponentConfig, W extends object>(d: Descriptor<C, W>) {
  return {
    descriptor: d,
    isProvisioned: (c: C) => isProvisioned(d, c),
    provision: (c: C, log?: Log) => provision(d, c, log),
    status: (c: C) => status(d, c),
    start: (c: C, opts: StartOptions) => start(d, c, opts),
    stop: (c: C, timeoutMs?: number) => stop(d, c, timeoutMs),
    ensure: (c: C, opts: StartOptions) => ensure(d, c, opts),
  };
}
