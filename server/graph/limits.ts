// Safety limits on every operation: tokens (at parse), depth and aliases (at validation), cost
// (at execution, when variables are known), and the token check for non-public queries.
// Introspection fields (`__schema`, `__type`) are not counted, so GraphiQL keeps working.
import {
  GraphQLError,
  getArgumentValues,
  getNamedType,
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
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context.js';
import { unauthenticated } from '../errors.js';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** When false, queries and subscriptions need the bearer token too. */
  publicQueries: boolean;
}

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** Deepest field nesting of a selection set (fragments followed, cycles cut). */
export function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): number {
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + (sel.selectionSet ? depthOf(sel.selectionSet, fragments, seen) : 0));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const f = fragments.get(sel.name.value);
      if (!f || seen.has(f.name.value)) continue;
      max = Math.max(max, depthOf(f.selectionSet, fragments, new Set([...seen, f.name.value])));
    }
  }
  return max;
}

function depthRule(maxDepth: number) {
  return (ctx: ValidationContext): ASTVisitor => ({
    OperationDefinition(op: OperationDefinitionNode) {
      const depth = depthOf(op.selectionSet, fragmentsOf(ctx.getDocument()));
      if (depth > maxDepth) {
        ctx.reportError(
          new GraphQLError(`Query depth ${depth} exceeds the maximum of ${maxDepth} (MAX_QUERY_DEPTH).`, {
            nodes: [op],
            extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth },
          }),
        );
      }
    },
  });
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
            new GraphQLError(`The operation uses more than ${maxAliases} aliases.`, { nodes: [node], extensions: { code: 'TOO_MANY_ALIASES', maxAliases } }),
          );
        }
      },
    };
  };
}

/**
 * Estimated cost: every field costs 1; a field with `first` or `limit` multiplies the cost of
 * what it selects by that number (the default when not given), so nested pages multiply.
 */
export function costOf(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen = new Set<string>(),
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
        ? costOf(schema, sel.selectionSet, child as GraphQLCompositeType, fragments, variables, seen)
        : 0;
      total += 1 + multiplier * inner;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType | undefined) : parent;
      total += costOf(schema, sel.selectionSet, t ?? parent, fragments, variables, seen);
    } else {
      const f = fragments.get(sel.name.value);
      if (!f || seen.has(f.name.value)) continue;
      const t = schema.getType(f.typeCondition.name.value) as GraphQLCompositeType | undefined;
      total += costOf(schema, f.selectionSet, t ?? parent, fragments, variables, new Set([...seen, f.name.value]));
    }
  }
  return total;
}

function checkOperation(
  limits: Limits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  context: GraphQLContext,
): GraphQLError | null {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return null; // execution reports the unknown operation itself
  if (op.operation !== 'mutation' && !limits.publicQueries && !context.authorized) return unauthenticated();
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return null;
  const cost = costOf(schema, op.selectionSet, root, fragmentsOf(document), variables ?? {});
  if (cost > limits.maxCost) {
    return new GraphQLError(
      `Query cost ${cost} exceeds the maximum of ${limits.maxCost} (MAX_QUERY_COST); ask for smaller pages (first/limit) or fewer nested lists.`,
      { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost: limits.maxCost } },
    );
  }
  return null;
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
      const err = checkOperation(limits, args.schema, args.document, args.operationName, args.variableValues, args.contextValue);
      if (err) setResultAndStopExecution({ errors: [err] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const err = checkOperation(limits, args.schema, args.document, args.operationName, args.variableValues, args.contextValue);
      if (err) setResultAndStopExecution({ errors: [err] });
    },
  };
}
