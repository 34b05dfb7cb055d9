// Builds the GraphQL server (graphql-yoga) for a Config and a Db. Nothing here listens: main.ts
// mounts it on Node's HTTP server, and tests call `app.fetch('http://yoga/graphql', …)`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { GraphQLError } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { PROJECT_ROOT, type Config } from '../config.js';
import { createLoaders, type GraphQLContext } from './context.js';
import { forRequest, type Db } from '../db/driver.js';
import { maskError } from '../errors.js';
import { resolvers } from './resolvers/index.js';
import { limitsPlugin } from './limits/index.js';
import { authPlugin, bearerMatches } from './auth.js';
import { selectedOperation } from './operation.js';
import type { Extractor } from '../extractors/registry.js';
import { getExtractor } from '../extractors/registry.js';
import { createLogger, currentRequest, requestId, type Logger } from '../log.js';
import { createGraphPubSub, type GraphPubSub } from '../pubsub.js';
import { ReadCache } from '../db/read-cache.js';

export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'schema.graphql');

/** Requests slower than this are logged as warnings with what they cost. */
const SLOW_REQUEST_MS = 1_000;

export interface AppOptions {
  /** Defaults to the extractor named in config. */
  extractor?: Extractor;
  pubsub?: GraphPubSub;
  /** Defaults to a pino logger at LOG_LEVEL on stdout. */
  logger?: Logger;
  /** Where masked (unexpected) errors go; defaults to the logger at error level. */
  log?: (message: string, err?: unknown) => void;
}

interface ServerContext {
  request: Request;
  req?: IncomingMessage;
}

const EXPECTED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED']);

function logRequest(ctx: GraphQLContext, name: string | undefined, errors: readonly GraphQLError[] | undefined): void {
  const r = ctx.requestInfo;
  const ms = Date.now() - r.startedAt;
  // Errors are masked later: log the code they have, or the database error behind them.
  const codes = (errors ?? []).map((e) => String(e.extensions?.['code'] ?? (e.originalError as { code?: unknown } | undefined)?.code ?? e.originalError?.name ?? 'UNCODED'));
  if (r.refusedWith) codes.push(r.refusedWith);
  const line = { client: r.client, operation: r.operation, name, ms, cost: r.cost, size: r.size, errors: codes.length ? codes : undefined };
  if (ms > SLOW_REQUEST_MS) ctx.log.warn(line, 'slow request');
  else if (codes.some((c) => !EXPECTED.has(c))) ctx.log.warn(line, 'request refused or failed');
  else ctx.log.debug(line, 'request');
}

/**
 * Logs every answered operation: who, what it cost, how big and how slow it was, and how it
 * failed. Registered before the auth and limits plugins so it sees the operations they refuse too.
 */
function requestLogPlugin(logger: Logger): Plugin<GraphQLContext> {
  return {
    // Validation runs before the context exists; the request scope (main.ts) carries the id.
    onValidate() {
      return ({ valid, result }) => {
        if (valid) return;
        const codes = result.map((e) => String((e as GraphQLError).extensions?.['code'] ?? 'GRAPHQL_VALIDATION_FAILED'));
        const scope = currentRequest();
        logger.warn({ client: scope?.client, ms: scope ? Date.now() - scope.startedAt : undefined, errors: codes }, 'request refused at validation');
      };
    },
    onExecute({ args }) {
      const ctx = args.contextValue;
      ctx.requestInfo.operation = selectedOperation(args.document, args.operationName)?.operation;
      return {
        onExecuteDone({ result }) {
          if (typeof result !== 'object' || result === null || Symbol.asyncIterator in result) return;
          const errors = (result as { errors?: readonly GraphQLError[] }).errors;
          // After the other plugins' hooks (the size check) have run.
          setImmediate(() => logRequest(ctx, args.operationName ?? undefined, errors));
        },
      };
    },
  };
}

/** An ingest extracts and writes a whole article: a mutation gets the write transaction's budget, not a read's. */
function mutationDeadlinePlugin(mutationTimeoutMs: number): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue;
      if (ctx.db.deadline && selectedOperation(args.document, args.operationName)?.operation === 'mutation') {
        ctx.db.deadline.at = Math.max(ctx.db.deadline.at, ctx.requestInfo.startedAt + mutationTimeoutMs);
      }
    },
  };
}

function buildYoga(config: Config, context: (initial: ServerContext) => GraphQLContext, logger: Logger, log: (message: string, err?: unknown) => void) {
  const typeDefs = readFileSync(SCHEMA_PATH, 'utf8');
  return createYoga<ServerContext>({
    schema: createSchema<GraphQLContext>({ typeDefs, resolvers: resolvers as never }),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'News knowledge graph', defaultQuery: '{ stats { articles entitiesByType { label count } } }' },
    landingPage: false,
    logging: {
      debug: (...a: unknown[]) => logger.debug({ yoga: a.map(String) }, 'yoga'),
      info: (...a: unknown[]) => logger.info({ yoga: a.map(String) }, 'yoga'),
      warn: (...a: unknown[]) => logger.warn({ yoga: a.map(String) }, 'yoga'),
      error: (...a: unknown[]) => logger.error({ yoga: a.map((x) => (x instanceof Error ? x.stack : String(x))) }, 'yoga'),
    },
    // Off unless CORS_ORIGINS names origins: a browser on another site gets no CORS headers at all.
    cors: config.corsOrigins.length ? { origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins, credentials: false } : false,
    maskedErrors: { maskError: (error) => maskError(error, log) },
    context: (initial) => context(initial),
    plugins: [
      // In this order: the log sees every refusal; no one without the token reaches the limits.
      requestLogPlugin(logger) as never,
      authPlugin(config.publicQueries) as never,
      mutationDeadlinePlugin(Math.max(config.requestTimeoutMs, config.queryTimeoutMs * 6)) as never,
      limitsPlugin({
        maxDepth: config.maxQueryDepth,
        maxAliases: config.maxAliases,
        maxTokens: config.maxTokens,
        maxCost: config.maxQueryCost,
        maxResponseBytes: config.maxResponseBytes,
      }) as never,
    ],
  });
}

type Yoga = ReturnType<typeof buildYoga>;

export interface App {
  yoga: Yoga;
  fetch: Yoga['fetch'];
  pubsub: GraphPubSub;
  extractor: Extractor;
  close(): Promise<void>;
}

export function clientOf(req: IncomingMessage | undefined, request: Request): string | undefined {
  const peer = req?.socket.remoteAddress;
  const forwarded = request.headers.get('x-forwarded-for');
  return forwarded ? `${peer ?? '?'} (x-forwarded-for ${forwarded.slice(0, 100)})` : peer;
}

export function createApp(config: Config, db: Db, opts: AppOptions = {}): App {
  const pubsub = opts.pubsub ?? createGraphPubSub();
  const extractor = opts.extractor ?? getExtractor(config.extractor, config);
  const logger = opts.logger ?? createLogger(config.logLevel);
  const log = opts.log ?? ((message: string, err?: unknown) => logger.error({ err }, message));
  const readCache = new ReadCache(config.readCacheEntries);
  const yoga = buildYoga(
    config,
    ({ request, req }) => {
      // main.ts opens the request scope (so every log line carries the id); in-process callers get one here.
      const scope = currentRequest() ?? {
        id: requestId(request.headers.get('x-request-id')),
        client: clientOf(req, request),
        startedAt: Date.now(),
      };
      const requestDb = forRequest(db, config.requestTimeoutMs, scope.startedAt);
      return {
        db: requestDb,
        requestInfo: { ...scope },
        // Inside main.ts's request scope the logger's mixin adds the id already.
        log: currentRequest() ? logger : logger.child({ req: scope.id }),
        config,
        pubsub,
        extractor,
        authorized: bearerMatches(request.headers.get('authorization'), config.ingestToken),
        loaders: createLoaders(requestDb),
        readCache,
      };
    },
    logger,
    log,
  );
  return {
    yoga,
    fetch: yoga.fetch,
    pubsub,
    extractor,
    close: async () => {
      await yoga.dispose();
    },
  };
}
