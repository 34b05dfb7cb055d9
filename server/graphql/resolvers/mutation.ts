// Mutations: the write side (server/ingest-service.ts, server/db/writes), then a graphChanged
// notification so open views update. The bearer token is checked before any of them runs (../auth.ts).
import { removeArticle } from '../../db/writes/articles.js';
import { apiError, badInput } from '../../errors.js';
import type { ArticleMeta } from '../../extractors/contract.js';
import type { IngestArticleInput, MutationResolvers } from '../../generated/graphql.js';
import { ArticleInputError, fetchArticle, prepareArticle, type ArticleInput } from '../../ingest/index.js';
import { ingestArticleInput, TooManyFactsError } from '../../ingest-service.js';
import { id as checkId } from './args.js';

const OUTCOMES = { new: 'NEW', updated: 'UPDATED', unchanged: 'UNCHANGED' } as const;

async function readInput(input: IngestArticleInput, maxBytes: number, allowPrivateFetch: boolean): Promise<ArticleInput> {
  const bodies = [input.text, input.html, input.url].filter((v) => v !== null && v !== undefined);
  if (bodies.length !== 1) throw badInput('input', 'needs exactly one of text, html and url.');
  const meta: ArticleMeta = {};
  if (input.title != null) meta.title = input.title;
  if (input.source != null) meta.source = input.source;
  if (input.author != null) meta.author = input.author;
  if (input.publishedAt != null) meta.publishedAt = input.publishedAt;
  try {
    if (input.url != null) {
      const page = await fetchArticle(input.url, { maxBytes, allowPrivateFetch });
      // Given metadata wins over what the page says; the text is re-checked as one article.
      return prepareArticle({ id: input.id ?? page.id, text: page.text, meta: { ...page.meta, ...meta, url: input.url }, origin: input.url }, { maxBytes });
    }
    return prepareArticle({ id: input.id ?? undefined, text: input.text ?? undefined, html: input.html ?? undefined, meta, origin: 'input' }, { maxBytes });
  } catch (err) {
    if (err instanceof ArticleInputError) throw apiError('BAD_USER_INPUT', `input: ${err.detail}`, { argument: 'input', reason: err.reason });
    throw err;
  }
}

export const Mutation: MutationResolvers = {
  ingestArticle: async (_p, { input }, ctx) => {
    const article = await readInput(input, ctx.config.maxArticleBytes, ctx.config.allowPrivateFetch);
    const result = await ingestArticleInput(ctx.db, article, { extractor: ctx.extractor, maxFacts: ctx.config.maxFactsPerArticle, stories: ctx.config.stories }).catch((err: unknown) => {
      if (err instanceof TooManyFactsError) throw apiError('TOO_MANY_FACTS', `input: ${err.message}`, { argument: 'input', facts: err.facts, maxFacts: err.maxFacts });
      throw err;
    });
    const outcome = OUTCOMES[result.status];
    if (outcome !== 'UNCHANGED') {
      ctx.pubsub.publish('graphChanged', {
        kind: outcome === 'NEW' ? 'ADDED' : 'UPDATED',
        articleId: result.articleId,
        title: article.meta.title ?? null,
        entityIds: result.entityIds,
        at: new Date().toISOString(),
      });
    }
    return {
      articleId: result.articleId,
      outcome,
      createdIds: result.createdEntityIds,
      mergedIds: result.mergedEntityIds,
      nodesCreated: result.nodesCreated,
      relationshipsCreated: result.relationshipsCreated,
    };
  },

  removeArticle: async (_p, args, ctx) => {
    const articleId = checkId('id', args.id);
    const before = await ctx.loaders.article.load(articleId);
    const summary = await removeArticle(ctx.db, articleId);
    if (summary.removed) {
      ctx.pubsub.publish('graphChanged', {
        kind: 'REMOVED',
        articleId,
        title: before?.title ?? null,
        entityIds: summary.entityIds,
        at: new Date().toISOString(),
      });
    }
    return {
      articleId,
      removed: summary.removed,
      entitiesDeleted: summary.deletedEntityIds.length,
      relationshipsDeleted: summary.relationshipsDeleted,
    };
  },
};
