// `GET /health` for load balancers, orchestrators and people: is the database reachable, are the
// NLP servers the extractor needs answering, which version runs. 200 while queries can be
// answered, 503 when they cannot; always within a bounded time, even when a component is frozen.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from './config.js';
import { serverInfo, type Db } from './db/driver.js';
import type { HealthRecord } from './db/reads/records.js';

export const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Each component gets this long to answer; they are asked at once, so the whole check takes about as long. */
export const HEALTH_TIMEOUT_MS = 1_000;

export interface NlpServerHealth {
  url: string;
  reachable: boolean;
  /** Why it is not, when it is not. */
  message: string | null;
}

export interface NlpHealth {
  extractor: Config['extractor'];
  /** not-used: this extractor needs no NLP server (rules), or one this check does not reach (llm). */
  status: 'ok' | 'degraded' | 'unavailable' | 'not-used';
  servers: NlpServerHealth[];
}

export interface HealthReport {
  /**
   * ok: everything answers. degraded: the database answers but some NLP server does not, so reads
   * work and ingesting does not (HTTP 200). unavailable: the database does not answer (HTTP 503).
   */
  status: 'ok' | 'degraded' | 'unavailable';
  version: string;
  database: HealthRecord['database'];
  nlp: NlpHealth;
}

/** The database part of health, shared with the GraphQL `health` query. */
export async function databaseHealth(db: Db, config: Config, timeoutMs: number): Promise<HealthRecord['database']> {
  const database: HealthRecord['database'] = { reachable: false, uri: config.neo4j.uri, embedded: config.neo4j.embedded, message: null, serverVersion: null };
  try {
    const info = await serverInfo(db, timeoutMs);
    database.reachable = true;
    database.serverVersion = info.agent ?? null;
  } catch (err) {
    database.message = err instanceof Error ? err.message : String(err);
  }
  return database;
}

/** A CoreNLP server answers `GET /ready` with 200 once its models are loaded (older servers without it answer 404, which still means up). */
async function nlpServerHealth(url: string, timeoutMs: number): Promise<NlpServerHealth> {
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    if (res.ok || res.status === 404) return { url, reachable: true, message: null };
    return { url, reachable: false, message: `answered HTTP ${res.status} (not ready)` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `did not answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    return { url, reachable: false, message: why };
  }
}

export async function nlpHealth(config: Config, timeoutMs: number): Promise<NlpHealth> {
  if (config.extractor !== 'corenlp') return { extractor: config.extractor, status: 'not-used', servers: [] };
  const servers = await Promise.all(config.corenlp.urls.map((u) => nlpServerHealth(u, timeoutMs)));
  const up = servers.filter((s) => s.reachable).length;
  return { extractor: config.extractor, status: up === servers.length ? 'ok' : up > 0 ? 'degraded' : 'unavailable', servers };
}

export async function checkHealth(db: Db, config: Config, timeoutMs = HEALTH_TIMEOUT_MS): Promise<HealthReport> {
  const [database, nlp] = await Promise.all([databaseHealth(db, config, timeoutMs), nlpHealth(config, timeoutMs)]);
  const status = !database.reachable ? 'unavailable' : nlp.status === 'ok' || nlp.status === 'not-used' ? 'ok' : 'degraded';
  return { status, version: VERSION, database, nlp };
}

export function httpStatusOf(report: HealthReport): 200 | 503 {
  return report.status === 'unavailable' ? 503 : 200;
}

/** Answers GET and HEAD on /health with the report as JSON; nothing is cached. */
export function healthHandler(db: Db, config: Config, timeoutMs = HEALTH_TIMEOUT_MS) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const report = await checkHealth(db, config, timeoutMs);
    const body = `${JSON.stringify(report)}\n`;
    res.writeHead(httpStatusOf(report), {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
