// Starts the whole thing: config -> Neo4j (embedded or given) -> schema -> sample seed when the
// graph is empty -> one HTTP server with the web view at /, GraphQL at /graphql and a JSON
// health check at /health.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig, PROJECT_ROOT } from './config.js';
import { closeDb, createDb, waitForDatabase } from './db/driver.js';
import { ensureSchema } from './db/schema.js';
import { seedSampleIfEmpty } from './ingest-service.js';
import { ensureNeo4j } from './runtime/neo4j/descriptor.js';
import { healthHandler } from './health.js';
import { staticHandler } from './static.js';
import { startExtraction } from './extractors/service.js';
import { createLogger, inRequest, requestId } from './log.js';
import { createApp } from './graphql/yoga.js';

const SHUTDOWN_GRACE_MS = 10_000;

const USAGE = `Usage: npm start          build the web view, then serve
       npm run serve      serve the web view already built

Serves the web view at /, GraphQL (GraphiQL in a browser) at /graphql and a JSON health check at
/health, on HOST:PORT (127.0.0.1:4000). Takes no arguments: every setting is an environment
variable, or a line of .env (see .env.example and README, Configuration).
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const log = (line: string) => {
    if (config.logLevel !== 'silent' && config.logLevel !== 'error') console.log(line);
  };
  const neo4j = await ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => log(`[neo4j] ${l}`) });
  const db = createDb(config);
  await waitForDatabase(db, config.neo4j.startTimeoutMs);
  await ensureSchema(db);
  // CoreNLP (unless CORENLP_URL names one) starts with the server and stops with it; the pure
  // extraction stages run on worker threads so a large article never stalls queries.
  const extraction = await startExtraction(config.extractor, config, { workers: 2, log });
  await seedSampleIfEmpty(db, config, (l) => log(`[seed] ${l}`), extraction.extract);
  const logger = createLogger(config.logLevel);
  const app = createApp(config, db, { logger, extractor: extraction.extract });
  const serveWeb = staticHandler(path.join(PROJECT_ROOT, 'web', 'dist'));
  const serveHealth = healthHandler(db, config);
  // Event streams never end on their own; shutdown closes them so in-flight requests can finish.
  const streams = new Set<ServerResponse>();
  // JSON escaping can double an article's size; the rest is the query and metadata.
  const maxBody = config.maxArticleBytes * 2 + 64 * 1024;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/graphql' || url.startsWith('/graphql?') || url.startsWith('/graphql/')) {
      const header = req.headers['x-request-id'];
      const forwarded = req.headers['x-forwarded-for'];
      const scope = {
        id: requestId(typeof header === 'string' ? header : undefined),
        client: forwarded ? `${req.socket.remoteAddress ?? '?'} (x-forwarded-for ${String(forwarded).slice(0, 100)})` : req.socket.remoteAddress,
        startedAt: Date.now(),
      };
      res.setHeader('x-request-id', scope.id);
      inRequest(scope, () => handleGraphql(req, res));
      return;
    }
    if (url === '/health' || url.startsWith('/health?')) {
      void serveHealth(req, res);
      return;
    }
    void serveWeb(req, res);
  });
  function handleGraphql(req: IncomingMessage, res: ServerResponse): void {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      streams.add(res);
      res.on('close', () => streams.delete(res));
    }
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      void app.yoga(req, res);
      return;
    }
    // An ingest carries at most one article. The declared length is checked first, and the bytes
    // are counted as they arrive too, so a chunked body without a length cannot run past the cap.
    void readCapped(req, maxBody).then(
      (body) => {
        if (body === undefined) return refuseTooLarge(req, res, maxBody);
        // graphql-yoga's Node adapter takes an already-read body from `req.body`.
        (req as IncomingMessage & { body?: Buffer }).body = body;
        void app.yoga(req, res);
      },
      () => req.destroy(),
    );
  }
  server.listen(config.port, config.host, () => {
    log(`Web view:  http://${config.host}:${config.port}/`);
    log(`GraphQL:   http://${config.host}:${config.port}/graphql (GraphiQL in a browser)`);
    log(`Health:    http://${config.host}:${config.port}/health`);
    if (!config.ingestTokenConfigured) log(`Ingest token for this run (set INGEST_TOKEN to choose one): ${config.ingestToken}`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests, then stopping`);
    server.close(() => {
      void (async () => {
        await app.close();
        await extraction.close();
        await closeDb(db);
        await neo4j.stop();
        process.exit(0);
      })();
    });
    for (const res of streams) res.end();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** The body, or undefined as soon as it is (or says it will be) more than `limit` bytes. */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (value: Buffer | undefined) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.pause();
        done(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, total));
    const onError = (err: Error) => {
      req.off('data', onData).off('end', onEnd);
      reject(err);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** 413 and close: the rest of the body is never read. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  res.shouldKeepAlive = false;
  res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`request body over ${limit} bytes (MAX_ARTICLE_BYTES)`, () => req.destroy());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
