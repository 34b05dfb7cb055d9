// Query resolvers: check arguments, call one read in server/db/reads, return records. No Cypher
// here: filter conditions are built by server/db/reads/filters.ts.
import { listArticles, listEntities, searchCount, searchEntities, searchTop, type SortKey } from '../../db/reads/entities.js';
import { actorConditions, eventConditions, issueConditions, placeConditions } from '../../db/reads/filters.js';
import { EDGES_PER_NODE, changesSince, graphStats, neighbourhood, overview, relationsOverTime, shortestPaths, timeline } from '../../db/reads/subgraph.js';
import { openingView } from '../../db/reads/opening.js';
import { databaseHealth, VERSION } from '../../health.js';
import { listStances } from '../../db/reads/related.js';
import { badInput } from '../../errors.js';
import type { QueryResolvers } from '../../generated/graphql.js';
import { connection, countryCode, dateRange, id, intIn, labelsOf, luceneQuery, near, slice, timestamp } from './args.js';
import { storyQueries } from './stories.js';

// A picture's edge budget: above a few hundred per node nothing is cut that a reader could see.
const MAX_EDGES_PER_NODE = 500;
// Pictures up to this many nodes + edges are kept per graph version (the default overview of 150
// at 20,000 articles is 1,450); bigger ones are read each time, so no client can fill the memory.
const KEPT_PICTURE_SIZE = 5_000;
const keptPicture = (g: { nodes: unknown[]; edges: unknown[] } | null) => g === null || g.nodes.length + g.edges.length <= KEPT_PICTURE_SIZE;

const KINDS = { PERSON: 'person', ORGANIZATION: 'organization', COUNTRY: 'country', GROUP: 'group' } as const;
const STATUSES = { OCCURRED: 'occurred', PLANNED: 'planned', HYPOTHETICAL: 'hypothetical', NEGATED: 'negated', DENIED: 'denied' } as const;

/** Health answers within a second even when the database is frozen (it then says unreachable). */
const HEALTH_TIMEOUT_MS = 500;

export const Query: QueryResolvers = {
  ...storyQueries,
  health: async (_p, _a, { db, config }) => {
    const database = await databaseHealth(db, config, HEALTH_TIMEOUT_MS);
    return { ok: database.reachable, version: VERSION, database };
  },

  node: async (_p, args, { loaders }) => {
    const key = id('id', args.id);
    return (await loaders.entity.load(key)) ?? (await loaders.article.load(key));
  },

  search: async (_p, args, { db, config }) => {
    const s = slice(config, args.first, args.after, 10);
    if (args.query.length > 200) throw badInput('query', 'must be at most 200 characters.');
    const lucene = luceneQuery(args.query);
    const labels = labelsOf(args.types);
    if (labels === null) {
      // Every type: the page alone, and the total only if the client asks for totalCount.
      const top = await searchTop(db, lucene, s.skip, s.limit);
      return {
        page: { items: top.items.map((h) => h.entity), total: 0, offset: top.offset },
        scores: top.items.map((h) => h.score),
        more: top.more,
        countTotal: () => searchCount(db, lucene),
      };
    }
    const page = await searchEntities(db, lucene, labels, s.skip, s.limit);
    return connection({ ...page, items: page.items.map((h) => h.entity) }, page.items.map((h) => h.score));
  },

  actors: async (_p, { filter, sort, first, after }, { db, config }) => {
    const s = slice(config, first, after);
    const c = actorConditions({
      kind: filter?.kind ? KINDS[filter.kind] : null,
      event: filter?.event ? id('filter.event', filter.event) : null,
      issue: filter?.issue ? id('filter.issue', filter.issue) : null,
      article: filter?.article ? id('filter.article', filter.article) : null,
      nameContains: filter?.nameContains ?? null,
    });
    return connection(await listEntities(db, 'Actor', c, (sort ?? 'DEGREE') as SortKey, s.skip, s.limit));
  },

  issues: async (_p, { filter, sort, first, after }, { db, config }) => {
    const s = slice(config, first, after);
    const c = issueConditions({
      actor: filter?.actor ? id('filter.actor', filter.actor) : null,
      article: filter?.article ? id('filter.article', filter.article) : null,
      nameContains: filter?.nameContains ?? null,
    });
    return connection(await listEntities(db, 'Issue', c, (sort ?? 'DEGREE') as SortKey, s.skip, s.limit));
  },

  events: async (_p, { filter, sort, first, after }, { db, config }) => {
    const s = slice(config, first, after);
    const range = dateRange(filter?.from, filter?.to);
    const c = eventConditions({
      from: range.from,
      toHi: range.toHi,
      eventType: filter?.eventType ?? null,
      status: filter?.status ? STATUSES[filter.status] : null,
      involving: filter?.involving ? id('filter.involving', filter.involving) : null,
      concerning: filter?.concerning ? id('filter.concerning', filter.concerning) : null,
      at: filter?.at ? id('filter.at', filter.at) : null,
      article: filter?.article ? id('filter.article', filter.article) : null,
      country: filter?.country != null ? countryCode('filter.country', filter.country) : null,
      near: filter?.near ? near('filter.near', filter.near) : null,
    });
    return connection(await listEntities(db, 'Event', c, (sort ?? 'DATE') as SortKey, s.skip, s.limit));
  },

  places: async (_p, { filter, sort, first, after }, { db, config }) => {
    const s = slice(config, first, after);
    const c = placeConditions({ article: filter?.article ? id('filter.article', filter.article) : null, nameContains: filter?.nameContains ?? null });
    return connection(await listEntities(db, 'Place', c, (sort ?? 'DEGREE') as SortKey, s.skip, s.limit));
  },

  articles: async (_p, { filter, first, after }, { db, config }) => {
    const s = slice(config, first, after);
    const range = dateRange(filter?.from, filter?.to);
    const page = await listArticles(
      db,
      { source: filter?.source ?? null, from: range.from, toHi: range.toHi, mentioning: filter?.mentioning ? id('filter.mentioning', filter.mentioning) : null },
      s.skip,
      s.limit,
    );
    return connection(page);
  },

  overview: async (_p, args, { db, readCache }) => {
    const limit = intIn('limit', args.limit, 80, 1, 500);
    const events = intIn('events', args.events, 0, 0, 200);
    const edgesPerNode = intIn('edgesPerNode', args.edgesPerNode, EDGES_PER_NODE, 1, MAX_EDGES_PER_NODE);
    return readCache.get(db, JSON.stringify(['overview', limit, events, edgesPerNode]), () =>
      events > 0 ? openingView(db, limit, events, edgesPerNode) : overview(db, limit, edgesPerNode),
      keptPicture,
    );
  },

  neighbourhood: async (_p, args, { db, readCache }) => {
    const depth = intIn('depth', args.depth, 1, 1, 3);
    const limit = intIn('limit', args.limit, 100, 1, 500);
    const edgesPerNode = intIn('edgesPerNode', args.edgesPerNode, EDGES_PER_NODE, 1, MAX_EDGES_PER_NODE);
    const centre = id('id', args.id);
    const labels = labelsOf(args.types);
    const graph = await readCache.get(db, JSON.stringify(['neighbourhood', centre, depth, labels, limit, edgesPerNode]), () =>
      neighbourhood(db, centre, depth, labels, limit, edgesPerNode),
      keptPicture,
    );
    return graph ?? { nodes: [], edges: [], truncated: false, edgesTruncated: false };
  },

  paths: async (_p, args, { db }) => {
    const maxLength = intIn('maxLength', args.maxLength, 4, 1, 6);
    const first = intIn('first', args.first, 3, 1, 10);
    return shortestPaths(db, id('from', args.from), id('to', args.to), maxLength, first);
  },

  timeline: async (_p, args, { db, config }) => {
    if (!args.actor && !args.issue) throw badInput('actor', 'or `issue` is required: whose timeline?');
    const s = slice(config, args.first, args.after, 50);
    const range = dateRange(args.from, args.to);
    const actor = args.actor ? id('actor', args.actor) : null;
    const issue = args.issue ? id('issue', args.issue) : null;
    return connection(await timeline(db, actor, issue, range.from, range.toHi, s.skip, s.limit));
  },

  stances: async (_p, args, { db, config }) => {
    const s = slice(config, args.first, args.after);
    const actor = args.actor ? id('actor', args.actor) : null;
    const issue = args.issue ? id('issue', args.issue) : null;
    return connection(await listStances(db, actor, issue, s));
  },

  relationsOverTime: async (_p, args, { db }) => relationsOverTime(db, id('a', args.a), id('b', args.b)),

  changes: async (_p, args, { db, config }) => {
    const s = slice(config, args.first, args.after);
    return connection(await changesSince(db, timestamp('since', args.since), s.skip, s.limit));
  },

  stats: async (_p, _a, { db }) => graphStats(db),
};
