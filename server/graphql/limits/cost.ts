// MAX_QUERY_COST: an estimate of the work an operation asks for, checked at execution when the
// variables (page sizes among them) are known.
import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { queryTooCostly } from '../../errors.js';
import type { Fragments } from './fragments.js';

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
  fragments: Fragments,
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

/** The operation's cost, and the refusal when it is above `maxCost`. */
export function checkCost(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  root: GraphQLCompositeType,
  fragments: Fragments,
  variables: Record<string, unknown>,
  maxCost: number,
): { cost: number; error?: GraphQLError } {
  const cost = costOf(schema, set, root, fragments, variables);
  return cost > maxCost ? { cost, error: queryTooCostly(cost, maxCost) } : { cost };
}
