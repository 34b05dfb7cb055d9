// The only module that reads process.env (and .env, when there is one). Everything else receives
// a validated Config.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EnvFileError, readEnvFile } from './env-file.js';
import { EXTRACTOR_NAMES, type ExtractorName } from './extractors/names.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Read when present, under the environment: a variable set in the environment wins over its line here. */
export const ENV_FILE = path.join(PROJECT_ROOT, '.env');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

const port = (fallback: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

const positiveInt = (fallback: number) =>
  z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').positive('must be > 0').default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { errorMap: () => ({ message: 'must be true or false' }) })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(fallback ? 'true' : 'false');

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(4000),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must look like bolt://host:7687 or neo4j+s://host')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().regex(/^[A-Za-z0-9.\-]*$/, 'must be a database name').default(''),
  NEO4J_HOST: z.string().default('127.0.0.1'),
  NEO4J_BOLT_PORT: port(7687),
  NEO4J_DATA_DIR: z.string().min(1).default('.data/neo4j'),
  NEO4J_CACHE_DIR: z.string().min(1).default('.neo4j'),
  NEO4J_HEAP: z.string().regex(/^\d+[mMgG]$/, 'must look like 512m or 1g').default('768m'),
  NEO4J_START_TIMEOUT_MS: positiveInt(120_000),
  QUERY_TIMEOUT_MS: positiveInt(10_000),
  REQUEST_TIMEOUT_MS: positiveInt(15_000),
  MAX_RESPONSE_BYTES: positiveInt(16_000_000),
  MAX_ALIASES: positiveInt(30),
  MAX_TOKENS: positiveInt(3_000),
  MAX_FACTS_PER_ARTICLE: positiveInt(20_000),
  CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), 'must be a comma-separated list of origins such as https://example.com (or *)')
    .default(''),
  MAX_PAGE_SIZE: positiveInt(100),
  // Pictures (overview, neighbourhoods) kept for the graph version they were read at; 0 turns it off.
  READ_CACHE_ENTRIES: z.coerce.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must be >= 0').default(128),
  MAX_QUERY_DEPTH: positiveInt(10),
  MAX_QUERY_COST: positiveInt(5_000),
  MAX_ARTICLE_BYTES: positiveInt(2_000_000),
  INGEST_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  PUBLIC_QUERIES: bool(true),
  SEED_ON_EMPTY: bool(true),
  // Story assignment at ingest; off only to measure what it costs (bench, README 'Stories').
  STORIES: bool(true),
  ALLOW_PRIVATE_FETCH: bool(false),
  EXTRACTOR: z.enum(EXTRACTOR_NAMES, { errorMap: () => ({ message: `must be one of ${EXTRACTOR_NAMES.join(', ')}` }) }).default('corenlp'),
  CORENLP_URL: z
    .string()
    .refine((v) => v.split(',').every((u) => /^https?:\/\/[^\s/]+/.test(u.trim())), 'must be one URL or a comma-separated list, e.g. http://127.0.0.1:9000')
    .optional(),
  CORENLP_HOST: z.string().default('127.0.0.1'),
  CORENLP_PORT: port(9000),
  CORENLP_HEAP: z.string().regex(/^\d+[mMgG]$/, 'must look like 3g or 4096m').default('3g'),
  CORENLP_THREADS: positiveInt(Math.max(1, availableParallelism())),
  CORENLP_TIMEOUT_MS: positiveInt(60_000),
  CORENLP_START_TIMEOUT_MS: positiveInt(180_000),
  CORENLP_MAX_CHARS: positiveInt(20_000),
  CORENLP_CACHE_DIR: z.string().min(1).default('.corenlp'),
  CORENLP_DATA_DIR: z.string().min(1).default('.data/corenlp'),
  LLM_BASE_URL: z.string().url('must be a URL such as http://127.0.0.1:11434/v1').default('http://127.0.0.1:11434/v1'),
  LLM_MODEL: z.string().default('llama3.1'),
  LLM_API_KEY: z.string().default(''),
  LLM_TIMEOUT_MS: positiveInt(120_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  host: string;
  port: number;
  neo4j: {
    /** True when no NEO4J_URI is given: the project runs its own Neo4j. */
    embedded: boolean;
    uri: string;
    user: string;
    password: string;
    /** Empty means the server's default database. */
    database: string | undefined;
    host: string;
    boltPort: number;
    dataDir: string;
    cacheDir: string;
    heap: string;
    startTimeoutMs: number;
  };
  /** Per database statement (the transaction timeout Neo4j enforces). */
  queryTimeoutMs: number;
  /** Whole GraphQL request: database work still running past it is cancelled (DATABASE_TIMEOUT). */
  requestTimeoutMs: number;
  /** Largest JSON answer the server sends (RESPONSE_TOO_LARGE above it). */
  maxResponseBytes: number;
  maxAliases: number;
  maxTokens: number;
  /** Most entities + relations one article may produce (TOO_MANY_FACTS above it). */
  maxFactsPerArticle: number;
  /** Origins allowed to call the API from a browser; empty means no CORS headers at all. */
  corsOrigins: string[];
  maxPageSize: number;
  /** Picture answers kept per graph version (server/db/read-cache.ts); 0: none. */
  readCacheEntries: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  maxArticleBytes: number;
  ingestToken: string;
  /** False when INGEST_TOKEN was not set and one was generated for this process. */
  ingestTokenConfigured: boolean;
  publicQueries: boolean;
  seedOnEmpty: boolean;
  /** STORIES: each written article joins a story (server/db/writes/stories.ts). */
  stories: boolean;
  /** Fetch article URLs that resolve to loopback, private or link-local addresses (off: SSRF guard). */
  allowPrivateFetch: boolean;
  extractor: ExtractorName;
  corenlp: {
    /** True when CORENLP_URL is given: the project uses those servers and starts none. */
    external: boolean;
    /** Servers to annotate with; requests are spread across them. */
    urls: string[];
    host: string;
    port: number;
    heap: string;
    /** Requests the project sends at once to each server (and the embedded server's worker threads). */
    threads: number;
    timeoutMs: number;
    startTimeoutMs: number;
    /** Longer articles are sent in pieces of at most this many characters, cut at sentence ends. */
    maxChars: number;
    cacheDir: string;
    dataDir: string;
  };
  llm: { baseUrl: string; model: string; apiKey: string; timeoutMs: number };
  logLevel: Env['LOG_LEVEL'];
}

export interface LoadOptions {
  /**
   * A .env file to read under `env`; null reads none. By default ENV_FILE when `env` is the
   * process's own environment, and none for a given object (tests), so a developer's .env cannot
   * change what a test configures.
   */
  envFile?: string | null;
}

/** Merges the .env file under the environment: Node's own rule, a variable already set wins (even when empty). */
function withEnvFile(env: NodeJS.ProcessEnv, file: string | null): NodeJS.ProcessEnv {
  if (file === null) return env;
  try {
    const values = readEnvFile(file);
    return values ? { ...values, ...env } : env;
  } catch (err) {
    if (err instanceof EnvFileError) throw new ConfigError(`Invalid configuration in ${file}:\n${err.message.replace(/^/gm, '  ')}`);
    throw err;
  }
}

/** Reads and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(given: NodeJS.ProcessEnv = process.env, opts: LoadOptions = {}): Config {
  const env = withEnvFile(given, opts.envFile !== undefined ? opts.envFile : given === process.env ? ENV_FILE : null);
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(known[String(i.path[0])])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const embedded = e.NEO4J_URI === undefined;
  if (embedded && !LOOPBACK.test(e.NEO4J_HOST)) {
    throw new ConfigError(
      `Invalid configuration:\n  NEO4J_HOST=${JSON.stringify(e.NEO4J_HOST)}: the embedded Neo4j runs without authentication, so it only listens on a loopback address (127.0.0.1, localhost, ::1). To use a Neo4j elsewhere, set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.`,
    );
  }
  const nlpExternal = e.CORENLP_URL !== undefined;
  if (!nlpExternal && !LOOPBACK.test(e.CORENLP_HOST)) {
    throw new ConfigError(
      `Invalid configuration:\n  CORENLP_HOST=${JSON.stringify(e.CORENLP_HOST)}: the embedded CoreNLP server has no authentication, so it only listens on a loopback address (127.0.0.1, localhost, ::1). To use a CoreNLP server elsewhere, set CORENLP_URL.`,
    );
  }
  const nlpHost = e.CORENLP_HOST.includes(':') && !e.CORENLP_HOST.startsWith('[') ? `[${e.CORENLP_HOST}]` : e.CORENLP_HOST;
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(PROJECT_ROOT, p));
  const boltHost = e.NEO4J_HOST.includes(':') && !e.NEO4J_HOST.startsWith('[') ? `[${e.NEO4J_HOST}]` : e.NEO4J_HOST;
  return {
    host: e.HOST,
    port: e.PORT,
    neo4j: {
      embedded,
      uri: e.NEO4J_URI ?? `bolt://${boltHost}:${e.NEO4J_BOLT_PORT}`,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE === '' ? undefined : e.NEO4J_DATABASE,
      host: e.NEO4J_HOST,
      boltPort: e.NEO4J_BOLT_PORT,
      dataDir: resolve(e.NEO4J_DATA_DIR),
      cacheDir: resolve(e.NEO4J_CACHE_DIR),
      heap: e.NEO4J_HEAP,
      startTimeoutMs: e.NEO4J_START_TIMEOUT_MS,
    },
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxResponseBytes: e.MAX_RESPONSE_BYTES,
    maxAliases: e.MAX_ALIASES,
    maxTokens: e.MAX_TOKENS,
    maxFactsPerArticle: e.MAX_FACTS_PER_ARTICLE,
    corsOrigins: e.CORS_ORIGINS,
    maxPageSize: e.MAX_PAGE_SIZE,
    readCacheEntries: e.READ_CACHE_ENTRIES,
    maxQueryDepth: e.MAX_QUERY_DEPTH,
    maxQueryCost: e.MAX_QUERY_COST,
    maxArticleBytes: e.MAX_ARTICLE_BYTES,
    ingestToken: e.INGEST_TOKEN ?? randomBytes(18).toString('base64url'),
    ingestTokenConfigured: e.INGEST_TOKEN !== undefined,
    publicQueries: e.PUBLIC_QUERIES,
    seedOnEmpty: e.SEED_ON_EMPTY,
    stories: e.STORIES,
    allowPrivateFetch: e.ALLOW_PRIVATE_FETCH,
    extractor: e.EXTRACTOR,
    corenlp: {
      external: nlpExternal,
      urls: nlpExternal ? e.CORENLP_URL!.split(',').map((u) => u.trim().replace(/\/+$/, '')) : [`http://${nlpHost}:${e.CORENLP_PORT}`],
      host: e.CORENLP_HOST,
      port: e.CORENLP_PORT,
      heap: e.CORENLP_HEAP,
      threads: e.CORENLP_THREADS,
      timeoutMs: e.CORENLP_TIMEOUT_MS,
      startTimeoutMs: e.CORENLP_START_TIMEOUT_MS,
      maxChars: e.CORENLP_MAX_CHARS,
      cacheDir: resolve(e.CORENLP_CACHE_DIR),
      dataDir: resolve(e.CORENLP_DATA_DIR),
    },
    llm: { baseUrl: e.LLM_BASE_URL.replace(/\/$/, ''), model: e.LLM_MODEL, apiKey: e.LLM_API_KEY, timeoutMs: e.LLM_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
  };
}
