// Safety limits on every operation, one rule per file: tokens (at parse), depth and aliases (at
// validation), variables and cost (at execution, when variables are known) and the answer's size
// (after execution). Who may run an operation and how long a mutation may take are the auth and
// deadline plugins' business (../auth.ts, ../yoga.ts); this plugin runs after them.
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context.js';
import { selectedOperation } from '../operation.js';
import { aliasRule } from './aliases.js';
import { checkCost } from './cost.js';
import { depthRule } from './depth.js';
import { fragmentsOf } from './fragments.js';
import { checkResponseSize } from './response-size.js';
import { parseWithTokenLimit } from './tokens.js';
import { coerceVariables } from './variables.js';

export { costOf, FIELD_WEIGHTS } from './cost.js';
export { depthOf } from './depth.js';
export { jsonSizeUpTo } from './response-size.js';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Largest answer, in bytes of JSON. */
  maxResponseBytes: number;
}

interface OperationCheck {
  errors: GraphQLError[];
  cost?: number;
}

/** The checks that need the variables: their types first (the cost reads their values), then the cost. */
function checkOperation(
  limits: Limits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): OperationCheck {
  const op = selectedOperation(document, operationName);
  if (!op) return { errors: [] }; // execution reports the missing or unknown operation itself
  const coercion = coerceVariables(schema, document, op, variables ?? {});
  if ('errors' in coercion) return { errors: coercion.errors };
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { errors: [] };
  const { cost, error } = checkCost(schema, op.selectionSet, root, fragmentsOf(document), coercion.coerced, limits.maxCost);
  return { errors: error ? [error] : [], cost };
}

export function limitsPlugin(limits: Limits): Plugin<GraphQLContext> {
  return {
    onParse({ setParseFn }) {
      setParseFn(parseWithTokenLimit(limits.maxTokens));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule(limits.maxDepth));
      addValidationRule(aliasRule(limits.maxAliases));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const check = checkOperation(limits, args.schema, args.document, args.operationName, args.variableValues);
      ctx.requestInfo.cost = check.cost;
      if (check.errors.length) {
        setResultAndStopExecution({ errors: check.errors });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const { size, error } = checkResponseSize(result, limits.maxResponseBytes);
          ctx.requestInfo.size = size;
          if (error) {
            ctx.requestInfo.refusedWith = 'RESPONSE_TOO_LARGE';
            setResult({ data: null, errors: [error] });
          }
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const check = checkOperation(limits, args.schema, args.document, args.operationName, args.variableValues);
      if (check.errors.length) setResultAndStopExecution({ errors: check.errors });
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
