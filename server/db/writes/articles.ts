// The article writer (MODEL.md): one article's resolved extraction goes in as one transaction —
// Article node, entity nodes, MENTIONS and provenance-carrying fact relationships — and comes out
// again the same way. The Cypher is in statements.ts, the rows in rows.ts; how several articles
// share a transaction is batch-policy.ts.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Extraction } from '../../extractors/contract.js';
import type { ArticleInput } from '../../ingest/index.js';
import { resolveArticleGraph, type ResolvedGraph } from '../../resolve/index.js';
import { withWriteTransaction, type Db } from '../driver.js';
import { lookupVia, type StoryPort } from './lookups.js';
import { articleRow, contentHash, degreeDeltas, entityRows, evidenceRows, pairsOf, provenanceOf, summaryRows, type Pair } from './rows.js';
import { addCounters, inTransaction, noChanges, type Counters, type Run } from './run.js';
import { assignStory, decideArticleStory, leaveStory, refreshStories } from './stories.js';
import type { StoryDecision } from '../../resolve/stories.js';
import {
  addAliasesStatement,
  addDegreesStatement,
  createEvidenceStatement,
  deleteArticleStatement,
  deleteEvidenceStatement,
  deleteMentionsStatement,
  deleteOrphansStatement,
  deleteUnusedKeysStatement,
  lockArticleStatement,
  mergeFactsStatement,
  pairsLinkedStatement,
  recordRemovalStatement,
  refreshAliasesStatement,
  resummariseStatement,
  upsertArticleStatement,
  upsertEntitiesStatement,
} from './statements.js';

export type UpsertStatus = 'new' | 'updated' | 'unchanged';

export interface UpsertSummary {
  articleId: string;
  status: UpsertStatus;
  /** Nodes created by this write, the Article node included. */
  nodesCreated: number;
  /** Relationships created by this write: MENTIONS and facts. */
  relationshipsCreated: number;
  nodesDeleted: number;
  relationshipsDeleted: number;
  /** Every entity this version of the article mentions, plus those an update deleted. */
  entityIds: string[];
  /** Entities this write created. */
  createdEntityIds: string[];
  /** Entities that existed and now also carry this article's mentions. */
  mergedEntityIds: string[];
  /** Entities an update left without any article, and so deleted. */
  deletedEntityIds: string[];
  /** The story the article is in after this write (null when stories are off or nothing was written). */
  storyId?: string | null;
}

export interface RemoveSummary {
  removed: boolean;
  /** Every entity the article mentioned (deleted or not). */
  entityIds: string[];
  deletedEntityIds: string[];
  relationshipsDeleted: number;
}

export interface UpsertOptions {
  /** Resolution computed beforehand (ingest-service); without it, resolution runs inside the write transaction. */
  resolved?: ResolvedGraph;
  /** Called after each statement of the transaction; for tests that make a write fail half-way. */
  afterStatement?: (step: string) => void | Promise<void>;
  /** Clock, for deterministic tests. */
  now?: () => Date;
  /** Put each article into a story (STORIES, default on); off only to measure what stories cost. */
  stories?: boolean;
}

const pairsFrom = (records: { get(k: string): unknown }[]): Pair[] => records.map((r) => ({ a: r.get('a') as string, b: r.get('b') as string }));

/**
 * Takes an article's share out of the summary relationships: deletes its Evidence, recomputes
 * the summaries it contributed to, and lowers the degree of pairs left with no fact at all.
 */
async function retractFacts(run: Run, id: string, c: Counters): Promise<void> {
  const gone = await run(deleteEvidenceStatement(id));
  const keys = gone.records.map((r) => ({ source: r.get('source') as string, type: r.get('type') as string, target: r.get('target') as string }));
  if (!keys.length) return;
  const res = await run(resummariseStatement(keys));
  addCounters(c, res.counters);
  const lost = pairsOf(res.records.map((r) => ({ source: r.get('source') as string, target: r.get('target') as string })));
  if (!lost.length) return;
  const linked = await run(pairsLinkedStatement(lost));
  const unlinked = pairsFrom(linked.records.filter((r) => !r.get('linked')));
  if (unlinked.length) await run(addDegreesStatement(degreeDeltas(unlinked, -1)));
}

/** Adds an article's facts to the summaries (creating what is new), its Evidence, and the degrees of newly joined pairs. */
async function stateFacts(run: Run, graph: ResolvedGraph, id: string, meta: ArticleInput['meta'], c: Counters): Promise<void> {
  const rows = summaryRows(graph);
  if (!rows.length) return;
  const linked = await run(pairsLinkedStatement(pairsOf(rows)));
  const fresh = pairsFrom(linked.records.filter((r) => !r.get('linked')));
  const provenance = provenanceOf(id, meta);
  // One statement per relation type present; sent together (the driver pipelines them in the
  // transaction, in this order), so the split by type costs no extra round trips.
  addCounters(c, (await run(mergeFactsStatement(rows, provenance))).counters);
  // Evidence nodes are provenance, not graph nodes: they are not counted as nodes created.
  await run(createEvidenceStatement(evidenceRows(graph), provenance));
  if (fresh.length) await run(addDegreesStatement(degreeDeltas(fresh, 1)));
}

async function deleteOrphans(run: Run, ids: readonly string[], c: Counters): Promise<string[]> {
  if (!ids.length) return [];
  const res = await run(deleteOrphansStatement(ids));
  addCounters(c, res.counters);
  const deleted = res.records.map((r) => r.get('id') as string);
  const keys = new Set(res.records.flatMap((r) => r.get('keys') as string[]));
  if (keys.size) addCounters(c, (await run(deleteUnusedKeysStatement([...keys].sort()))).counters);
  return deleted;
}

async function refreshAliases(run: Run, ids: readonly string[], c: Counters): Promise<void> {
  if (!ids.length) return;
  const res = await run(refreshAliasesStatement(ids));
  const dropped = new Set(res.records.flatMap((r) => r.get('dropped') as string[]));
  if (dropped.size) addCounters(c, (await run(deleteUnusedKeysStatement([...dropped].sort()))).counters);
}

/**
 * One article's upsert, statement by statement, on `run` (bound to the caller's write
 * transaction). The same content again writes nothing ('unchanged'); a changed version replaces
 * the article's mentions and facts and deletes entities no article mentions any more.
 */
export async function writeArticle(run: Run, article: ArticleInput, extraction: Extraction, opts: UpsertOptions = {}): Promise<UpsertSummary> {
  const step = async (name: string) => opts.afterStatement?.(name);
  const now = (opts.now?.() ?? new Date()).toISOString();
  const hash = contentHash(article);
  const c = noChanges();
  const id = article.id;

  const before = await run(lockArticleStatement(id));
  addCounters(c, before.counters);
  const oldHash = (before.records[0]?.get('contentHash') as string | null | undefined) ?? null;
  if (oldHash === hash) {
    return { articleId: id, status: 'unchanged', entityIds: [], createdEntityIds: [], mergedEntityIds: [], deletedEntityIds: [], ...c };
  }
  const status: UpsertStatus = oldHash === null ? 'new' : 'updated';

  let oldIds: string[] = [];
  let leftStory: string | null = null;
  if (status === 'updated') {
    if (opts.stories !== false) leftStory = await leaveStory(run, id);
    await retractFacts(run, id, c);
    const res = await run(deleteMentionsStatement(id));
    addCounters(c, res.counters);
    oldIds = res.records.map((r) => r.get('id') as string);
    await step('delete-old');
  }

  // Resolve after the old version's mentions are gone, so it does not vouch for itself — but
  // its events still exist under their ids and are found again by id.
  // The story is decided before the events resolve (they may be the same happenings as the
  // story's) and joined after the article is written, with the same decision.
  const title = article.meta.title ?? extraction.article.title ?? null;
  const storyInput = (entityIds: string[]) => ({ articleId: id, title, text: article.text, publishedAt: article.meta.publishedAt ?? null, entityIds });
  let decided: { entityIds: string[]; decision: StoryDecision } | undefined;
  const storyPort: StoryPort | undefined = opts.stories === false ? undefined : {
    async storyOf(entityIds) {
      const decision = await decideArticleStory(run, storyInput(entityIds));
      decided = { entityIds, decision };
      return decision.storyId;
    },
  };
  const graph = opts.resolved ?? (await resolveArticleGraph(id, extraction, lookupVia(run, id, storyPort)));
  addCounters(c, (await run(upsertArticleStatement(articleRow(article, extraction, hash, now)))).counters);
  await step('article');

  const rows = entityRows(graph);
  const created: string[] = [];
  const namesBefore = new Map<string, string>();
  if (rows.length) {
    const res = await run(upsertEntitiesStatement(id, rows, now, article.meta.publishedAt ?? null));
    addCounters(c, res.counters);
    for (const r of res.records) {
      if (r.get('created')) created.push(r.get('id') as string);
      namesBefore.set(r.get('id') as string, r.get('before') as string);
    }
  }
  await step('entities');

  await stateFacts(run, graph, id, article.meta, c);
  await step('facts');

  const newIds = rows.map((r) => r.id);
  const touched = [...new Set([...newIds, ...oldIds])].sort();
  const deleted = await deleteOrphans(run, oldIds, c);
  if (status === 'new') {
    await run(addAliasesStatement(rows.map((r) => ({ id: r.id, aliases: r.aliases, aliasKeys: r.aliasKeys, before: namesBefore.get(r.id) ?? r.name }))));
  } else {
    await refreshAliases(run, touched.filter((t) => !deleted.includes(t)), c);
  }
  await step('aliases');

  let storyId: string | null = null;
  if (opts.stories !== false) {
    const entityIds = rows.filter((r) => r.label === 'Actor' || r.label === 'Place').map((r) => r.id);
    const same = decided && [...decided.entityIds].sort().join('\n') === [...entityIds].sort().join('\n');
    storyId = (await assignStory(run, storyInput(entityIds), leftStory, now, undefined, same ? decided!.decision : undefined)).joined;
    await step('story');
  }

  const createdSet = new Set(created);
  return {
    articleId: id,
    status,
    storyId,
    ...c,
    entityIds: [...new Set([...newIds, ...deleted])].sort(),
    createdEntityIds: [...createdSet].sort(),
    mergedEntityIds: newIds.filter((e) => !createdSet.has(e)).sort(),
    deletedEntityIds: deleted.sort(),
  };
}

/** Writes one article and its facts in ONE transaction with a handful of UNWIND statements. */
export async function upsertArticleGraph(db: Db, article: ArticleInput, extraction: Extraction, opts: UpsertOptions = {}): Promise<UpsertSummary> {
  return withWriteTransaction(db, (tx: ManagedTransaction) => writeArticle(inTransaction(tx), article, extraction, opts));
}

/** Retracts an article: its MENTIONS, its facts, and the entities no other article mentions, in one transaction. */
export async function removeArticle(db: Db, id: string): Promise<RemoveSummary> {
  return withWriteTransaction(db, async (tx) => {
    const run = inTransaction(tx);
    const c = noChanges();
    const story = await leaveStory(run, id);
    await retractFacts(run, id, c);
    const mentions = await run(deleteMentionsStatement(id));
    addCounters(c, mentions.counters);
    const entityIds = [...new Set(mentions.records.map((r) => r.get('id') as string))].sort();
    const article = await run(deleteArticleStatement(id));
    const removed = article.records.length > 0;
    if (removed) await run(recordRemovalStatement(id, (article.records[0]?.get('title') as string | null | undefined) ?? null, new Date().toISOString()));
    const deletedEntityIds = (await deleteOrphans(run, entityIds, c)).sort();
    const kept = entityIds.filter((e) => !deletedEntityIds.includes(e));
    if (kept.length) await refreshAliases(run, kept, c);
    // After the orphans are gone, so the story's main events are ones that still exist.
    await refreshStories(run, [story], new Date().toISOString());
    return { removed, entityIds, deletedEntityIds, relationshipsDeleted: c.relationshipsDeleted };
  });
}
