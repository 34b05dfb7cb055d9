// Stories (schema.graphql `Story`): thin resolvers over server/db/reads/stories.ts.
import type { GraphQLContext } from '../context.js';
import type { EntityRecord, StoryRecord } from '../../db/reads/records.js';
import { listStories, storyActors, storyArticles, storyEvents } from '../../db/reads/stories.js';
import type { QueryResolvers, StoryResolvers } from '../../generated/graphql.js';
import { connection, dateRange, id, intIn, slice } from './args.js';

const isEntity = (e: EntityRecord | Error | null): e is EntityRecord => e !== null && !(e instanceof Error);

export const storyQueries: Pick<QueryResolvers, 'stories' | 'story'> = {
  stories: async (_p, { filter, first, after }, { db, config }) => {
    const s = slice(config, first, after);
    const range = dateRange(filter?.from, filter?.to);
    const mentioning = filter?.mentioning ? id('filter.mentioning', filter.mentioning) : null;
    return connection(await listStories(db, { from: range.from, toHi: range.toHi, mentioning }, s.skip, s.limit));
  },
  story: (_p, args, ctx) => ctx.loaders.story.load(id('id', args.id)),
};

export const Story: StoryResolvers = {
  mainEvents: async (s, _a, ctx) => (await ctx.loaders.entity.loadMany(s.mainEventIds)).filter(isEntity),
  events: async (s, args, ctx) => {
    const p = slice(ctx.config, args.first, args.after, 50);
    return connection(await storyEvents(ctx.db, s.id, p.skip, p.limit));
  },
  articles: async (s, args, ctx) => {
    const p = slice(ctx.config, args.first, args.after);
    return connection(await storyArticles(ctx.db, s.id, p.skip, p.limit));
  },
  mainActors: (s, args, ctx) => storyActors(ctx.db, s.id, intIn('first', args.first, 10, 1, ctx.config.maxPageSize)),
};

/** The story of an article or an event, through the per-request loaders. */
export async function storyOf(kind: 'storyOfArticle' | 'storyOfEvent', parentId: string, ctx: GraphQLContext): Promise<StoryRecord | null> {
  const storyId = await ctx.loaders[kind].load(parentId);
  return storyId ? ctx.loaders.story.load(storyId) : null;
}
