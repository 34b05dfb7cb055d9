// Process and port helpers for tests that start servers and databases of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { PROJECT_ROOT } from '../../server/config.js';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `check` every 200 ms until it holds (true) or `timeoutMs` passes (false). */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

export interface RunningServer {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  port: number;
  /** SIGTERM, then wait for the process to end (no-op once it has). */
  stop(): Promise<void>;
}

/**
 * Starts the real server (server/main.ts, as `npm start` runs it after building the web view)
 * on a free port with the given environment on top of sensible test defaults, and waits until
 * its GraphQL `health` query answers.
 */
export async function startServer(env: Record<string, string>, opts: { stdout?: 'inherit' | 'pipe' | 'ignore'; timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SEED_ON_EMPTY: 'false', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', opts.stdout ?? 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ health { ok } }' }),
      });
      if (res.ok) return { child, baseUrl, port, stop };
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer within ${opts.timeoutMs ?? 60_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run extract`'s program (server/cli/extract.ts) with `args`, `env` and `stdin`, to its end. */
export function runExtractCli(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/extract.ts', ...args], { cwd: PROJECT_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
