// Variables checked against their declared types before anything runs: a value of the wrong type,
// an unknown input field or enum value is the caller's mistake (BAD_USER_INPUT, naming the
// argument the variable feeds), not an unexpected error. The cost estimate reads the coerced values.
import { getVariableValues, Kind, visit, type DocumentNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { badVariable } from '../../errors.js';

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

export function coerceVariables(
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
      return badVariable(e.message, e.nodes, variable, argument);
    }),
  };
}
