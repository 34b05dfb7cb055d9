// The operation a request runs, picked from its document the way execution picks it: by name, or
// the only one. The auth, deadline and limits plugins all ask the same question.
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

export function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}
