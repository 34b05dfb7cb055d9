// Builds the GraphQL server (graphql-yoga) for a Config and a Db. Nothing here listens: main.ts
// mounts it on Node's HTTP server, and tests call `app.fetch('http://yoga/graphql', …)`.
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { PROJECT_ROOT, type Config } from './config.js';
import { createLoaders, type GraphQLContext } from './context.js';
import type { Db } from './db/driver.js';
import { maskError } from './errors.js';
import { resolvers } from './graph/index.js';
import { limitsPlugin } from './graph/limits.js';
import type { Extractor } from './extractors/index.js';
import { getExtractor } from './extractors/index.js';
import { createGraphPubSub, type GraphPubSub } from './pubsub.js';

export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'schema.graphql');

/** Aliases and tokens have no Config entry: these bounds fit every operation the web view sends. */
export const MAX_ALIASES = 30;
export const MAX_TOKENS = 3000;

export interface AppOptions {
  /** Defaults to the extractor named in config. */
  extractor?: Extractor;
  pubsub?: GraphPubSub;
  log?: (message: string, err?: unknown) => void;
}

function buildYoga(config: Config, context: (request: Request) => GraphQLContext, log: (message: string, err?: unknown) => void) {
  const typeDefs = readFileSync(SCHEMA_PATH, 'utf8');
  return createYoga({
    schema: createSchema<GraphQLContext>({ typeDefs, resolvers: resolvers as never }),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'News knowledge graph', defaultQuery: '{ stats { articles entitiesByType { label count } } }' },
    landingPage: false,
    logging: config.logLevel === 'silent' ? false : config.logLevel,
    maskedErrors: { maskError: (error) => maskError(error, log) },
    context: ({ request }) => context(request),
    plugins: [
      limitsPlugin({
        maxDepth: config.maxQueryDepth,
        maxAliases: MAX_ALIASES,
        maxTokens: MAX_TOKENS,
        maxCost: config.maxQueryCost,
        publicQueries: config.publicQueries,
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

function bearerMatches(header: string | null, token: string): boolean {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createApp(config: Config, db: Db, opts: AppOptions = {}): App {
  const pubsub = opts.pubsub ?? createGraphPubSub();
  const extractor = opts.extractor ?? getExtractor(config.extractor, config);
  const log = opts.log ?? ((message: string, err?: unknown) => console.error(`[graphql] ${message}`, err ?? ''));
  const yoga = buildYoga(
    config,
    (request) => ({
      db,
      config,
      pubsub,
      extractor,
      authorized: bearerMatches(request.headers.get('authorization'), config.ingestToken),
      loaders: createLoaders(db),
    }),
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
