// One load run with autocannon, summarised the same way for the GraphQL server and for the
// direct-driver baseline. autocannon's own summary has no p95, so latencies are recorded from
// its per-response events and the percentiles computed exactly.
import autocannon, { type RequestSpec } from 'autocannon';

export interface LoadSummary {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Socket errors, timeouts, non-2xx answers and bodies the verifier rejected. */
  failed: number;
  failures: {
    errors: number;
    timeouts: number;
    non2xx: number;
    rejectedBodies: number;
    /** Requests sent but unanswered when the window closed (at most one per connection). */
    unanswered: number;
    /** GraphQL errors the server sent after the window closed (bench/sections/graphql.ts watches for them). */
    lateErrors?: number;
    /** Requests the server was still working on 20 s after the window closed. */
    stillRunning?: number;
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS?: number;
  /** Stop after this many requests instead of after a duration. */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  requests?: RequestSpec[];
  /** False means the answer is a failure even with status 200 (e.g. a GraphQL `errors` entry). */
  verifyBody?: (body: string) => boolean;
  timeoutS?: number;
}

export async function runLoad(opts: LoadOptions): Promise<LoadSummary> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    ...(opts.amount !== undefined ? { amount: opts.amount } : { duration: opts.durationS ?? 5 }),
    method: opts.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...opts.headers },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    ...(opts.requests ? { requests: opts.requests } : {}),
    ...(opts.verifyBody ? { verifyBody: opts.verifyBody } : {}),
    timeout: opts.timeoutS ?? 30,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const started = performance.now();
  const r = await instance;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const completed = r.requests.total;
  const sent = (r.requests as unknown as { sent?: number }).sent ?? completed;
  const failures = { errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, rejectedBodies: r.mismatches, unanswered: Math.max(0, sent - completed - r.errors) };
  return {
    connections: opts.connections,
    durationS: seconds,
    requests: completed,
    rps: seconds > 0 ? completed / seconds : 0,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    failed: failures.errors + failures.timeouts + failures.non2xx + failures.rejectedBodies,
    failures,
  };
}

/** A GraphQL answer passes when it has data and no `errors` entry. */
export function graphqlOk(body: string): boolean {
  try {
    const json = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
    return json.data != null && (json.errors === undefined || json.errors.length === 0);
  } catch {
    return false;
  }
}
