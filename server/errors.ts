// Expected failures as GraphQL errors with a machine-readable `extensions.code`, and the one place
// that decides what an unexpected error looks like to a client (masked, logged).
import { GraphQLError, type ASTNode } from 'graphql';
import { extractorFailure, type ExtractorFailureCode } from './extractors/errors.js';

export type ErrorCode =
  | ExtractorFailureCode
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'QUERY_TOO_COSTLY'
  | 'RESPONSE_TOO_LARGE'
  | 'TOO_MANY_FACTS'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export function apiError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, nodes?: ASTNode | readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code, ...extra } });
}

/** A bad argument: the message names the argument and what it must be. */
export function badInput(argument: string, message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${argument} ${message}`, { argument });
}

export function unauthenticated(): GraphQLError {
  return apiError('UNAUTHENTICATED', 'This operation needs `Authorization: Bearer <INGEST_TOKEN>`; the token is missing or wrong.');
}

/** A variable whose value does not fit its declared type, named with the argument it feeds. */
export function badVariable(message: string, nodes: readonly ASTNode[] | undefined, variable: string | undefined, argument: string | undefined): GraphQLError {
  return apiError('BAD_USER_INPUT', argument && variable !== argument ? `${message} (argument ${argument})` : message, {
    ...(argument ? { argument } : {}),
    ...(variable ? { variable } : {}),
  }, nodes);
}

// The request limits (server/graphql/limits/): each refusal names the setting that decides it.

export function queryTooDeep(depth: number, maxDepth: number, operation: ASTNode): GraphQLError {
  return apiError('QUERY_TOO_DEEP', `Query depth ${depth} exceeds the maximum of ${maxDepth} (MAX_QUERY_DEPTH).`, { depth, maxDepth }, operation);
}

export function tooManyAliases(maxAliases: number, field: ASTNode): GraphQLError {
  return apiError('TOO_MANY_ALIASES', `The operation uses more than ${maxAliases} aliases (MAX_ALIASES).`, { maxAliases }, field);
}

export function queryTooCostly(cost: number, maxCost: number): GraphQLError {
  const shown = cost > 1e12 ? 'above 10^12' : String(cost);
  return apiError(
    'QUERY_TOO_COSTLY',
    `Query cost ${shown} exceeds the maximum of ${maxCost} (MAX_QUERY_COST); ask for smaller pages (first/limit), fewer nested lists or fewer article texts.`,
    { cost: Number.isFinite(cost) ? cost : Number.MAX_VALUE, maxCost },
  );
}

export function responseTooLarge(maxBytes: number): GraphQLError {
  return apiError('RESPONSE_TOO_LARGE', `The answer would be larger than ${maxBytes} bytes (MAX_RESPONSE_BYTES); ask for smaller pages or fewer article texts.`, { maxBytes });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable', 'NKG.DatabaseNotAnswering']);
const TIMEOUT_CODES = new Set([
  'NKG.RequestTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

function neo4jCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown; originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    // The driver's own pool errors have no code: a full pool means the database stopped answering.
    if (/^Connection acquisition timed out/.test((e as { message?: unknown }).message as string)) return 'ServiceUnavailable';
    if (typeof code === 'string' && code !== 'N/A') return code;
  }
  return undefined;
}

/** Fields whose failure may leave a write done or not: the client is told a retry is safe. */
const WRITE_FIELDS = new Set(['ingestArticle', 'removeArticle']);

function writeOutcome(path: readonly (string | number)[] | undefined): { message: string; extensions: Record<string, unknown> } {
  if (!path || !WRITE_FIELDS.has(String(path[0]))) return { message: '', extensions: {} };
  return {
    message: ' The write may or may not have been applied (outcome unknown); it is safe to retry, since writes are idempotent.',
    extensions: { outcome: 'UNKNOWN', safeToRetry: true },
  };
}

/**
 * Turns any error raised while executing into what the client sees: GraphQL errors with a code
 * pass through; extractor failures, database outages and timeouts get their own codes;
 * everything else is masked and logged.
 */
export function maskError(error: unknown, log: (message: string, err: unknown) => void): GraphQLError {
  const gqlError = error instanceof GraphQLError ? error : undefined;
  const original = gqlError?.originalError ?? error;
  if (original instanceof GraphQLError && original.extensions?.['code']) return gqlError ?? original;
  if (gqlError && !gqlError.originalError) return gqlError; // validation and parse errors
  const path = gqlError?.path;
  const nodes = gqlError?.nodes;
  // Extractor failures have their codes in one table (server/extractors/errors.ts); nothing was
  // written for that article. An untyped one is masked like any unexpected error, but says so.
  const failure = extractorFailure(original);
  if (failure) {
    if (!failure.shown) log('extractor failed while executing a GraphQL operation', original);
    const said = failure.shown ? `${failure.message.replace(/(?<![.!?])$/, '.')} ` : 'The extractor failed on this article (logged on the server). ';
    return new GraphQLError(`${said}Nothing was written.`, { nodes, path, extensions: { code: failure.code } });
  }
  const code = neo4jCode(original);
  if (code && UNAVAILABLE_CODES.has(code)) {
    const w = writeOutcome(path);
    return new GraphQLError(`The graph database is unavailable right now; try again shortly (check \`npm run db:status\`).${w.message}`, {
      nodes, path, extensions: { code: 'DATABASE_UNAVAILABLE', ...w.extensions },
    });
  }
  if (code && TIMEOUT_CODES.has(code)) {
    const w = writeOutcome(path);
    return new GraphQLError(`The query took longer than the database timeout (QUERY_TIMEOUT_MS, REQUEST_TIMEOUT_MS); narrow it (smaller depth, limit or page size).${w.message}`, {
      nodes, path, extensions: { code: 'DATABASE_TIMEOUT', ...w.extensions },
    });
  }
  log('unexpected error while executing a GraphQL operation', original);
  return new GraphQLError('Unexpected error.', { nodes, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
