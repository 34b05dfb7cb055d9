// What every resolver receives. Built per request in server/graphql/yoga.ts, so loaders never share
// cached results between requests.
import DataLoader from 'dataloader';
import type { Config } from '../config.js';
import type { Db } from '../db/driver.js';
import { countArticleFacts, findArticlesByIds, findEntitiesByIds, type ArticleCounts } from '../db/reads/entities.js';
import { evidenceOfEdges, type EdgeKey } from '../db/reads/subgraph.js';
import { findStoriesByIds, storyIdsOfArticles, storyIdsOfEvents } from '../db/reads/stories.js';
import type { ArticleRecord, EntityLabel, EntityRecord, EvidenceRecord, Page, ParticipantRecord, RoleRecord, StanceRecord, StoryRecord } from '../db/reads/records.js';
import {
  adjacentEntities,
  articlesMentioning,
  entitiesOfArticles,
  evidenceOfEntities,
  participantsOfEvents,
  relatedEntities,
  rolesOfActors,
  stancesOf,
  type DateRange,
  type Slice,
} from '../db/reads/related.js';
import type { Extractor } from '../extractors/registry.js';
import type { Logger } from '../log.js';
import type { GraphPubSub } from '../pubsub.js';
import type { ReadCache } from '../db/read-cache.js';

/** What the server learns about a request while serving it; logged when it is answered. */
export interface RequestInfo {
  id: string;
  client: string | undefined;
  startedAt: number;
  operation?: 'query' | 'mutation' | 'subscription';
  cost?: number;
  /** Size of the answer in bytes of JSON (counted up to MAX_RESPONSE_BYTES). */
  size?: number;
  /** Set when the answer was replaced by a refusal after execution (RESPONSE_TOO_LARGE). */
  refusedWith?: string;
}

export interface GraphQLContext {
  /** The request's own Db: the shared driver with this request's deadline. */
  db: Db;
  requestInfo: RequestInfo;
  log: Logger;
  config: Config;
  pubsub: GraphPubSub;
  /** True when the request carried `Authorization: Bearer <ingest token>`. */
  authorized: boolean;
  loaders: Loaders;
  /** Picture answers kept per graph version, shared by all requests of this server. */
  readCache: ReadCache;
  /** Turns article text into the extraction contract (rules or model-backed). */
  extractor: Extractor;
}

/** A key for a batched field: the parent id plus the field arguments (same args share one statement). */
export interface Keyed<A> {
  id: string;
  args: A;
}

/**
 * A loader whose keys carry arguments: keys are grouped by their arguments and each group is one
 * database statement over all its parent ids.
 */
function groupedLoader<A, V>(run: (ids: string[], args: A) => Promise<Map<string, V>>, empty: () => V): DataLoader<Keyed<A>, V, string> {
  return new DataLoader<Keyed<A>, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; ids: string[] }>();
      for (const k of keys) {
        const g = JSON.stringify(k.args);
        const group = groups.get(g) ?? { args: k.args, ids: [] };
        group.ids.push(k.id);
        groups.set(g, group);
      }
      const results = new Map<string, Map<string, V>>();
      await Promise.all(
        [...groups].map(async ([g, { args, ids }]) => results.set(g, await run([...new Set(ids)], args))),
      );
      return keys.map((k) => results.get(JSON.stringify(k.args))?.get(k.id) ?? empty());
    },
    { cacheKeyFn: (k) => `${k.id}\u0000${JSON.stringify(k.args)}` },
  );
}

function byId<V>(run: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (ids) => {
    const found = await run(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

const emptyPage = <T>(): Page<T> => ({ items: [], total: 0, offset: 0 });

export function createLoaders(db: Db) {
  return {
    entity: byId<EntityRecord>((ids) => findEntitiesByIds(db, ids)),
    article: byId<ArticleRecord>((ids) => findArticlesByIds(db, ids)),
    story: byId<StoryRecord>((ids) => findStoriesByIds(db, ids)),
    storyOfArticle: byId<string>((ids) => storyIdsOfArticles(db, ids)),
    storyOfEvent: byId<string>((ids) => storyIdsOfEvents(db, ids)),
    articleCounts: byId<ArticleCounts>((ids) => countArticleFacts(db, ids)),
    related: groupedLoader<{ label: EntityLabel; range: DateRange; slice: Slice }, Page<EntityRecord>>(
      (ids, a) => relatedEntities(db, ids, a.label, a.range, a.slice),
      emptyPage,
    ),
    articlesOf: groupedLoader<Slice, Page<ArticleRecord>>((ids, s) => articlesMentioning(db, ids, s), emptyPage),
    entitiesOfArticle: groupedLoader<{ labels: string[] | null; slice: Slice }, Page<EntityRecord>>(
      (ids, a) => entitiesOfArticles(db, ids, a.labels, a.slice),
      emptyPage,
    ),
    evidenceOf: groupedLoader<Slice, Page<EvidenceRecord>>((ids, s) => evidenceOfEntities(db, ids, s), emptyPage),
    stancesOf: groupedLoader<{ side: 'actor' | 'issue'; slice: Slice }, Page<StanceRecord>>(
      (ids, a) => stancesOf(db, a.side, ids, a.slice),
      emptyPage,
    ),
    participants: groupedLoader<null, ParticipantRecord[]>((ids) => participantsOfEvents(db, ids), () => []),
    adjacent: groupedLoader<EntityLabel, EntityRecord[]>((ids, label) => adjacentEntities(db, ids, label), () => []),
    roles: groupedLoader<null, RoleRecord[]>((ids) => rolesOfActors(db, ids), () => []),
    edgeEvidence: groupedLoader<number, EvidenceRecord[]>(
      async (ids, first) => evidenceOfEdges(db, ids.map(parseEdgeId), first),
      () => [],
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Edge ids are `source|TYPE|target`; entity ids are slugs, so '|' only separates. */
export function parseEdgeId(id: string): EdgeKey {
  const m = /^(.*)\|([A-Z_]+)\|(.*)$/.exec(id);
  if (!m) return { source: '', type: '', target: '' };
  return { source: m[1]!, type: m[2]!, target: m[3]! };
}
