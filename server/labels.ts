// The entity vocabulary in one place: the extraction's entity types, the Neo4j labels they become
// and the GraphQL enum values clients see. Labels in Cypher only ever come from this allow-list,
// never from input.
import type { EntityType } from './extractors/contract.js';

export const ENTITY_LABEL_LIST = ['Actor', 'Issue', 'Event', 'Place'] as const;
export type EntityLabel = (typeof ENTITY_LABEL_LIST)[number];

/** The GraphQL EntityType enum's values (schema.graphql). */
export type ApiEntityType = Uppercase<EntityType>;

/** Extraction type -> Neo4j label. */
export const ENTITY_LABELS: Readonly<Record<EntityType, EntityLabel>> = {
  actor: 'Actor',
  issue: 'Issue',
  event: 'Event',
  place: 'Place',
};

/** GraphQL EntityType -> Neo4j label (which is also the GraphQL object type's name). */
export const LABEL_OF_API_TYPE: Readonly<Record<ApiEntityType, EntityLabel>> = {
  ACTOR: 'Actor',
  ISSUE: 'Issue',
  EVENT: 'Event',
  PLACE: 'Place',
};

export function isEntityLabel(value: string): value is EntityLabel {
  return (ENTITY_LABEL_LIST as readonly string[]).includes(value);
}

/** A label to write into Cypher: checked against the allow-list at run time, whatever the types say. */
export function cypherLabel(label: EntityLabel): EntityLabel {
  if (!isEntityLabel(label)) throw new RangeError(`not an entity label: ${JSON.stringify(label)}`);
  return label;
}
