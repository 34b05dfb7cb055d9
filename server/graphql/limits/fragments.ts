// Fragment definitions by name: depth and cost follow spreads through this map.
import { Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

export type Fragments = Map<string, FragmentDefinitionNode>;

export function fragmentsOf(doc: DocumentNode): Fragments {
  return new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}
