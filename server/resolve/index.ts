// Cross-article entity resolution (pure): canonical ids, alias keys and merge decisions.
export { canonicalId, dateRange, daysApart, entityKeys, ENTITY_LABELS, type EntityLabel } from './keys.js';
export {
  resolveArticleGraph,
  EVENT_MATCH_DAYS,
  type ExistingEntity,
  type ExistingEvent,
  type EventWanted,
  type ResolutionLookup,
  type ResolvedBy,
  type ResolvedEntity,
  type ResolvedFact,
  type ResolvedGraph,
} from './resolve.js';
