// Who may run what: a mutation always needs `Authorization: Bearer <INGEST_TOKEN>`; queries and
// subscriptions need it too when PUBLIC_QUERIES is false. Refused before the limits are checked or
// anything is read, so a caller without the token learns nothing about the graph or its limits.
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from './context.js';
import { selectedOperation } from './operation.js';
import { unauthenticated } from '../errors.js';

/** True when the header carries exactly `token`; compared in constant time. */
export function bearerMatches(header: string | null, token: string): boolean {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type OperationType = 'query' | 'mutation' | 'subscription';

function needsToken(operation: OperationType | undefined, publicQueries: boolean): boolean {
  if (operation === undefined) return false; // execution reports the missing or unknown operation itself
  return operation === 'mutation' || !publicQueries;
}

export function authPlugin(publicQueries: boolean): Plugin<GraphQLContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = selectedOperation(args.document, args.operationName)?.operation;
      if (needsToken(operation, publicQueries) && !args.contextValue.authorized) setResultAndStopExecution({ errors: [unauthenticated()] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const operation = selectedOperation(args.document, args.operationName)?.operation;
      if (needsToken(operation, publicQueries) && !args.contextValue.authorized) setResultAndStopExecution({ errors: [unauthenticated()] });
    },
  };
}
