// Resolvers for the remaining object types: articles, evidence, edges, stances, connections.
import type { GraphQLContext } from '../context.js';
import type { ConnectionRecord, EntityRecord } from '../../db/reads/records.js';
import { notFound } from './not-found.js';
import type {
  ArticleResolvers,
  ChangeResolvers,
  EvidenceResolvers,
  GraphEdgeResolvers,
  IngestResultResolvers,
  ParticipantResolvers,
  RankedEntityResolvers,
  Resolvers,
  StanceResolvers,
  StatsResolvers,
} from '../../generated/graphql.js';
import { topEntities } from '../../db/reads/subgraph.js';
import { connection, encodeCursor, intIn, labelsOf, slice } from './args.js';
import { storyOf } from './stories.js';

export const Article: ArticleResolvers = {
  entityCount: async (a, _x, ctx) => (await ctx.loaders.articleCounts.load(a.id))?.entityCount ?? 0,
  factCount: async (a, _x, ctx) => (await ctx.loaders.articleCounts.load(a.id))?.factCount ?? 0,
  entities: async (a, args, ctx) =>
    connection(await ctx.loaders.entitiesOfArticle.load({ id: a.id, args: { labels: labelsOf(args.types), slice: slice(ctx.config, args.first, args.after, 50) } })),
  story: (a, _x, ctx) => storyOf('storyOfArticle', a.id, ctx),
};

export const Evidence: EvidenceResolvers = {
  article: async (e, _a, ctx) => notFound(await ctx.loaders.article.load(e.articleId), `article ${e.articleId}`),
};

export const GraphEdge: GraphEdgeResolvers = {
  evidence: (e, args, ctx) => ctx.loaders.edgeEvidence.load({ id: e.id, args: intIn('first', args.first, 5, 0, ctx.config.maxPageSize) }),
};

export const Stance: StanceResolvers = {
  actor: async (s, _a, ctx) => notFound(await ctx.loaders.entity.load(s.actorId), `actor ${s.actorId}`),
  issue: async (s, _a, ctx) => notFound(await ctx.loaders.entity.load(s.issueId), `issue ${s.issueId}`),
};

export const Participant: ParticipantResolvers = {};

export const Change: ChangeResolvers = {
  article: (c, _a, ctx) => (c.kind === 'REMOVED' ? null : ctx.loaders.article.load(c.articleId)),
};

export const RankedEntity: RankedEntityResolvers = {};

export const Stats: StatsResolvers = {
  topActors: (_s, args, ctx: GraphQLContext) => topEntities(ctx.db, 'Actor', intIn('first', args.first, 10, 1, ctx.config.maxPageSize)),
  topIssues: (_s, args, ctx: GraphQLContext) => topEntities(ctx.db, 'Issue', intIn('first', args.first, 10, 1, ctx.config.maxPageSize)),
};

const isRecord = (e: EntityRecord | Error | null): e is EntityRecord => e !== null && !(e instanceof Error);

export const IngestResult: IngestResultResolvers = {
  article: async (r, _a, ctx) => notFound(await ctx.loaders.article.load(r.articleId), `article ${r.articleId}`),
  created: async (r, _a, ctx) => (await ctx.loaders.entity.loadMany(r.createdIds)).filter(isRecord),
  merged: async (r, _a, ctx) => (await ctx.loaders.entity.loadMany(r.mergedIds)).filter(isRecord),
};

/** The same three fields for every connection: edges with offset cursors, page info, total. */
function connectionResolvers<T>() {
  return {
    edges: (c: ConnectionRecord<T>) =>
      c.page.items.map((node, i) => ({ cursor: encodeCursor(c.page.offset + i), node, score: c.scores?.[i] ?? null })),
    pageInfo: (c: ConnectionRecord<T>) => ({
      hasNextPage: c.more ?? c.page.offset + c.page.items.length < c.page.total,
      hasPreviousPage: c.page.offset > 0,
      startCursor: c.page.items.length ? encodeCursor(c.page.offset) : null,
      endCursor: c.page.items.length ? encodeCursor(c.page.offset + c.page.items.length - 1) : null,
    }),
    totalCount: (c: ConnectionRecord<T>) => (c.countTotal ? c.countTotal() : c.page.total),
  };
}

export const connections = {
  EntityConnection: connectionResolvers(),
  ActorConnection: connectionResolvers(),
  IssueConnection: connectionResolvers(),
  EventConnection: connectionResolvers(),
  PlaceConnection: connectionResolvers(),
  ArticleConnection: connectionResolvers(),
  EvidenceConnection: connectionResolvers(),
  StanceConnection: connectionResolvers(),
  ChangeConnection: connectionResolvers(),
  StoryConnection: connectionResolvers(),
} as unknown as Pick<
  Resolvers,
  | 'EntityConnection'
  | 'ActorConnection'
  | 'IssueConnection'
  | 'EventConnection'
  | 'PlaceConnection'
  | 'ArticleConnection'
  | 'EvidenceConnection'
  | 'StanceConnection'
  | 'ChangeConnection'
  | 'StoryConnection'
>;
