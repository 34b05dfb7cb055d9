// Safety limits on every operation: tokens (at parse), depth and aliases (at validation), cost
// (at execution, when variables are known), and the token check for non-public queries.
// Introspection fields (`__schema`, `__type`) are not counted, so GraphiQL keeps working.
import {
  GraphQLError,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from './context.js';
import { unauthenticated } from '../errors.js';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** When false, queries and subscriptions need the bearer token too. */
  publicQueries: boolean;
  /** Largest answer, in bytes of JSON. */
  maxResponseBytes: number;
  /** The time a mutation (extract + write one article) may take in all. */
  mutationTimeoutMs: number;
}

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/**
 * Deepest field nesting of a selection set. Each fragment's depth is computed once and reused
 * (a fragment's depth does not depend on where it is spread), so the walk is linear in the
 * document even when fragments spread each other 2^n times. A spread that closes a cycle counts
 * 0 (graphql-js rejects cycles itself).
 */
export function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, memo = new Map<string, number>()): number {
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + (sel.selectionSet ? depthOf(sel.selectionSet, fragments, memo) : 0));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, memo));
    } else {
      const name = sel.name.value;
      const f = fragments.get(name);
      if (!f) continue;
      let d = memo.get(name);
      if (d === undefined) {
        memo.set(name, 0); // in progress: a cycle back here adds nothing
        d = depthOf(f.selectionSet, fragments, memo);
        memo.set(name, d);
      }
      max = Math.max(max, d);
    }
  }
  return max;
}

function depthRule(maxDepth: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(ctx.getDocument());
    const memo = new Map<string, number>();
    return {
      OperationDefinition(op: OperationDefinitionNode) {
        const depth = depthOf(op.selectionSet, fragments, memo);
        if (depth > maxDepth) {
          ctx.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the maximum of ${maxDepth} (MAX_QUERY_DEPTH).`, {
              nodes: [op],
              extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
            }),
          );
        }
      },
    };
  };
}

function aliasRule(maxAliases: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    let count = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        count++;
        if (count > maxAliases && !reported) {
          reported = true;
          ctx.reportError(
            new GraphQLError(`The operation uses more than ${maxAliases} aliases (MAX_ALIASES).`, { nodes: [node], extensions: { code: 'TOO_MANY_ALIASES', maxAliases } }),
          );
        }
      },
    };
  };
}

/**
 * What one value of a field can weigh beyond the 1 every field costs: fields that return a whole
 * article's text (up to MAX_ARTICLE_BYTES) count as many small fields, so a cheap-looking query
 * cannot ask for hundreds of article texts.
 */
export const FIELD_WEIGHTS: Record<string, number> = {
  'Article.text': 50,
};

/**
 * Estimated cost: every field costs 1 (or its FIELD_WEIGHTS weight); a field with `first` or
 * `limit` multiplies the cost of what it selects by that number (the default when not given), so
 * nested pages multiply. A fragment's cost is computed once per operation (it depends only on its
 * type condition and the variables), so the estimate is linear in the document however often
 * fragments spread each other.
 */
export function costOf(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  memo = new Map<string, number>(),
): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
      const def = fields[sel.name.value];
      if (!def) continue;
      let multiplier = 1;
      try {
        const args = getArgumentValues(def, sel, variables);
        const n = args['first'] ?? args['limit'];
        if (typeof n === 'number' && n > 0) multiplier = n;
      } catch {
        // Bad argument values fail in execution with a clear message; count them as 1 here.
      }
      const child = getNamedType(def.type);
      const inner = sel.selectionSet && (isObjectType(child) || isInterfaceType(child) || child.astNode?.kind === Kind.UNION_TYPE_DEFINITION)
        ? costOf(schema, sel.selectionSet, child as GraphQLCompositeType, fragments, variables, memo)
        : 0;
      const own = FIELD_WEIGHTS[`${parent.name}.${sel.name.value}`] ?? 1;
      total += own + multiplier * inner;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType | undefined) : parent;
      total += costOf(schema, sel.selectionSet, t ?? parent, fragments, variables, memo);
    } else {
      const name = sel.name.value;
      const f = fragments.get(name);
      if (!f) continue;
      let c = memo.get(name);
      if (c === undefined) {
        memo.set(name, 0); // in progress: a cycle back here adds nothing
        const t = schema.getType(f.typeCondition.name.value) as GraphQLCompositeType | undefined;
        c = costOf(schema, f.selectionSet, t ?? parent, fragments, variables, memo);
        memo.set(name, c);
      }
      total += c;
    }
  }
  return total;
}

/** Where each variable is used: the first argument (or input field path) it feeds. */
function variableUses(document: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  const walk = (value: ValueNode, where: string) => {
    if (value.kind === Kind.VARIABLE) {
      if (!uses.has(value.name.value)) uses.set(value.name.value, where);
    } else if (value.kind === Kind.LIST) value.values.forEach((v) => walk(v, where));
    else if (value.kind === Kind.OBJECT) value.fields.forEach((f) => walk(f.value, `${where}.${f.name.value}`));
  };
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value);
    },
  });
  return uses;
}

/**
 * Variables checked against their declared types before anything runs: a value of the wrong type,
 * an unknown input field or enum value is the caller's mistake (BAD_USER_INPUT, naming the
 * argument the variable feeds), not an unexpected error.
 */
function coerceVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  op: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { coerced: Record<string, unknown> } | { errors: GraphQLError[] } {
  const result = getVariableValues(schema, op.variableDefinitions ?? [], variables, { maxErrors: 10 });
  if (!result.errors) return { coerced: result.coerced };
  const uses = variableUses(document);
  return {
    errors: result.errors.map((e) => {
      const variable = /^Variable "\$([^"]+)"/.exec(e.message)?.[1];
      const argument = variable ? (uses.get(variable) ?? variable) : undefined;
      return new GraphQLError(argument && variable !== argument ? `${e.message} (argument ${argument})` : e.message, {
        nodes: e.nodes,
        extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}), ...(variable ? { variable } : {}) },
      });
    }),
  };
}

export interface OperationCheck {
  errors: GraphQLError[];
  operation?: 'query' | 'mutation' | 'subscription';
  cost?: number;
}

function checkOperation(
  limits: Limits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  context: GraphQLContext,
): OperationCheck {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op) return { errors: [] }; // execution reports the missing or unknown operation itself
  if (op.operation !== 'mutation' && !limits.publicQueries && !context.authorized) return { errors: [unauthenticated()], operation: op.operation };
  const coercion = coerceVariables(schema, document, op, variables ?? {});
  if ('errors' in coercion) return { errors: coercion.errors, operation: op.operation };
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { errors: [], operation: op.operation };
  const cost = costOf(schema, op.selectionSet, root, fragmentsOf(document), coercion.coerced);
  if (cost > limits.maxCost) {
    const shown = cost > 1e12 ? 'above 10^12' : String(cost);
    return {
      errors: [
        new GraphQLError(
          `Query cost ${shown} exceeds the maximum of ${limits.maxCost} (MAX_QUERY_COST); ask for smaller pages (first/limit), fewer nested lists or fewer article texts.`,
          { extensions: { code: 'QUERY_TOO_COSTLY', cost: Number.isFinite(cost) ? cost : Number.MAX_VALUE, maxCost: limits.maxCost } },
        ),
      ],
      operation: op.operation,
      cost,
    };
  }
  return { errors: [], operation: op.operation, cost };
}

/**
 * The size of `value` as JSON, counted until it passes `limit` (then `limit + 1`): strings by
 * their length, so a result that shares one article text 400 times is measured without ever
 * building the 400-copy string.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (v === null || typeof v !== 'object') total += 8;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const x of v) stack.push(x);
    } else {
      for (const [k, x] of Object.entries(v)) {
        total += k.length + 4;
        stack.push(x);
      }
    }
    if (total > limit) return limit + 1;
  }
  return total;
}

export function responseTooLarge(maxBytes: number): GraphQLError {
  return new GraphQLError(
    `The answer would be larger than ${maxBytes} bytes (MAX_RESPONSE_BYTES); ask for smaller pages or fewer article texts.`,
    { extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes } },
  );
}

export function limitsPlugin(limits: Limits): Plugin<GraphQLContext> {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parse(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule(limits.maxDepth));
      addValidationRule(aliasRule(limits.maxAliases));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const check = checkOperation(limits, args.schema, args.document, args.operationName, args.variableValues, ctx);
      ctx.requestInfo.operation = check.operation;
      ctx.requestInfo.cost = check.cost;
      // An ingest extracts and writes a whole article: it gets the write transaction's budget.
      if (check.operation === 'mutation' && ctx.db.deadline) ctx.db.deadline.at = Math.max(ctx.db.deadline.at, ctx.requestInfo.startedAt + limits.mutationTimeoutMs);
      if (check.errors.length) {
        setResultAndStopExecution({ errors: check.errors });
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const size = jsonSizeUpTo(result, limits.maxResponseBytes);
          ctx.requestInfo.size = size;
          if (size > limits.maxResponseBytes) {
            ctx.requestInfo.refusedWith = 'RESPONSE_TOO_LARGE';
            setResult({ data: null, errors: [responseTooLarge(limits.maxResponseBytes)] });
          }
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const check = checkOperation(limits, args.schema, args.document, args.operationName, args.variableValues, args.contextValue);
      if (check.errors.length) setResultAndStopExecution({ errors: check.errors });
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
