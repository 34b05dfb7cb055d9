// What the embedded Neo4j and the embedded CoreNLP server have in common as processes this
// project launches: a state file beside their data naming the pid, whether that pid still lives,
// their log (its tail, and what it gained since a start), the tools they need, and how an
// attached child is tied to its parent.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';

export interface LauncherState {
  pid: number;
  host: string;
  port: number;
  mode: 'attached' | 'detached';
  startedAt: string;
}

export function readState(file: string): LauncherState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LauncherState;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function hasCommand(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

/**
 * What an embedded Java component needs that this machine lacks (Java, javac, and Maven when
 * its jars are still to fetch), with how to install it.
 */
export function missingJavaTools(needMaven = true): string[] {
  return [
    hasCommand('java', ['-version']) ? undefined : 'Java 17+ (`apt-get install openjdk-17-jdk-headless`, or https://adoptium.net)',
    hasCommand('javac', ['-version']) ? undefined : 'a JDK with javac (`apt-get install openjdk-17-jdk-headless`)',
    !needMaven || hasCommand('mvn', ['-v']) ? undefined : 'Maven (`apt-get install maven`, or https://maven.apache.org/install.html)',
  ].filter((m): m is string => m !== undefined);
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The log's length now, so a start can read only what its own process writes after it. */
export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What the log gained from byte `offset` on (logs are appended to across starts). */
export function logSince(file: string, offset: number): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = statSync(file).size;
    if (size <= offset) return '';
    const buf = Buffer.alloc(size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** SIGTERM the launched process named in the state file, SIGKILL it after `timeoutMs`; false when none ran. */
export async function stopLaunched(stateFile: string, timeoutMs: number): Promise<boolean> {
  const state = readState(stateFile);
  if (!state || !isAlive(state.pid)) {
    rmSync(stateFile, { force: true });
    return false;
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
  rmSync(stateFile, { force: true });
  return true;
}

/**
 * A handle on a child started attached: this process no longer waits for it, and if this process
 * exits without calling `stop`, the child is sent SIGTERM (its closed stdin pipe ends it anyway).
 */
export function attachedHandle<T extends object>(child: ChildProcess, base: T, stop: () => Promise<unknown>): T & { started: true; stop(): Promise<void> } {
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  const onExit = () => {
    try {
      child.kill('SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);
  return {
    ...base,
    started: true,
    stop: async () => {
      process.off('exit', onExit);
      await stop();
    },
  };
}
