// MAX_QUERY_DEPTH: how deeply fields nest, checked at validation. Introspection fields
// (`__schema`, `__type`) are not counted, so GraphiQL keeps working.
import { Kind, type ASTVisitor, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { queryTooDeep } from '../../errors.js';
import { fragmentsOf, type Fragments } from './fragments.js';

/**
 * Deepest field nesting of a selection set. Each fragment's depth is computed once and reused
 * (a fragment's depth does not depend on where it is spread), so the walk is linear in the
 * document even when fragments spread each other 2^n times. A spread that closes a cycle counts
 * 0 (graphql-js rejects cycles itself).
 */
export function depthOf(set: SelectionSetNode, fragments: Fragments, memo = new Map<string, number>()): number {
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

export function depthRule(maxDepth: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(ctx.getDocument());
    const memo = new Map<string, number>();
    return {
      OperationDefinition(op: OperationDefinitionNode) {
        const depth = depthOf(op.selectionSet, fragments, memo);
        if (depth > maxDepth) ctx.reportError(queryTooDeep(depth, maxDepth, op));
      },
    };
  };
}
