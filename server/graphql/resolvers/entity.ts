// Entity types (Actor, Issue, Event, Place) and the Node/Entity interfaces. Nested lists go
// through the request's loaders, so a page of 50 events costs one statement per nested field.
import type { EntityRecord, NodeRecord } from '../../db/reads/records.js';
import type {
  ActorResolvers,
  EntityResolvers,
  EventResolvers,
  GraphNodeResolvers,
  IssueResolvers,
  NodeResolvers,
  PlaceResolvers,
} from '../../generated/graphql.js';
import type { GraphQLContext } from '../context.js';
import { LABEL_OF_API_TYPE } from '../../labels.js';
import { TAXONOMY } from '../../rules/taxonomy.js';
import { connection, dateRange, slice } from './args.js';
import { storyOf } from './stories.js';


function isEntity(n: NodeRecord): n is EntityRecord {
  return 'type' in n && 'degree' in n;
}

export const Node: NodeResolvers = {
  __resolveType: (n) => (isEntity(n) ? LABEL_OF_API_TYPE[n.type] : 'Article'),
};

export const Entity: EntityResolvers = {
  __resolveType: (n) => LABEL_OF_API_TYPE[n.type],
};

type ConnArgs = { first?: number | null; after?: string | null };
type RangeArgs = ConnArgs & { from?: string | null; to?: string | null };

const articles = async (e: EntityRecord, a: ConnArgs, ctx: GraphQLContext) =>
  connection(await ctx.loaders.articlesOf.load({ id: e.id, args: slice(ctx.config, a.first, a.after) }));

const evidence = async (e: EntityRecord, a: ConnArgs, ctx: GraphQLContext) =>
  connection(await ctx.loaders.evidenceOf.load({ id: e.id, args: slice(ctx.config, a.first, a.after) }));

const events = async (e: EntityRecord, a: RangeArgs, ctx: GraphQLContext) =>
  connection(
    await ctx.loaders.related.load({
      id: e.id,
      args: { label: 'Event', range: dateRange(a.from, a.to), slice: slice(ctx.config, a.first, a.after) },
    }),
  );

const related = (label: 'Actor' | 'Issue') => async (e: EntityRecord, a: ConnArgs, ctx: GraphQLContext) =>
  connection(
    await ctx.loaders.related.load({ id: e.id, args: { label, range: { from: null, toHi: null }, slice: slice(ctx.config, a.first, a.after) } }),
  );

const stances = (side: 'actor' | 'issue') => async (e: EntityRecord, a: ConnArgs, ctx: GraphQLContext) =>
  connection(await ctx.loaders.stancesOf.load({ id: e.id, args: { side, slice: slice(ctx.config, a.first, a.after) } }));

export const Actor: ActorResolvers = {
  kind: (e) => e.kind ?? 'ORGANIZATION',
  roles: (e, _a, ctx) => ctx.loaders.roles.load({ id: e.id, args: null }),
  events: (e, a, ctx) => events(e, a, ctx),
  issues: (e, a, ctx) => related('Issue')(e, a, ctx),
  stances: (e, a, ctx) => stances('actor')(e, a, ctx),
  articles: (e, a, ctx) => articles(e, a, ctx),
  evidence: (e, a, ctx) => evidence(e, a, ctx),
};

export const Issue: IssueResolvers = {
  actors: (e, a, ctx) => related('Actor')(e, a, ctx),
  events: (e, a, ctx) => events(e, a, ctx),
  stances: (e, a, ctx) => stances('issue')(e, a, ctx),
  articles: (e, a, ctx) => articles(e, a, ctx),
  evidence: (e, a, ctx) => evidence(e, a, ctx),
};

export const Event: EventResolvers = {
  eventType: (e) => e.eventType ?? 'event',
  typeLabel: (e) => (e.eventType && TAXONOMY.types[e.eventType]?.label) || 'Event',
  category: (e) => (e.eventType && TAXONOMY.types[e.eventType]?.category) || null,
  articleCount: (e) => e.articleCount ?? 0,
  sources: (e) => e.sources ?? [],
  participants: (e, _a, ctx) => ctx.loaders.participants.load({ id: e.id, args: null }),
  issues: (e, _a, ctx) => ctx.loaders.adjacent.load({ id: e.id, args: 'Issue' }),
  places: (e, _a, ctx) => ctx.loaders.adjacent.load({ id: e.id, args: 'Place' }),
  articles: (e, a, ctx) => articles(e, a, ctx),
  evidence: (e, a, ctx) => evidence(e, a, ctx),
  story: (e, _a, ctx) => storyOf('storyOfEvent', e.id, ctx),
};

export const Place: PlaceResolvers = {
  articleCount: (e) => e.articleCount ?? 0,
  events: (e, a, ctx) => events(e, a, ctx),
  articles: (e, a, ctx) => articles(e, a, ctx),
  evidence: (e, a, ctx) => evidence(e, a, ctx),
};

export const GraphNode: GraphNodeResolvers = {
  kind: (e) => e.kind,
  articleCount: (e) => (e.type === 'EVENT' || e.type === 'PLACE' ? (e.articleCount ?? 0) : null),
  entity: (e) => e,
};
