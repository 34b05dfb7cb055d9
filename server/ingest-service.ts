// One article into the graph: extract -> resolve against the graph -> one write transaction.
// The seed command, `npm start` and the ingestArticle mutation all go through here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from './config.js';
import { countArticles, storedContentHash } from './db/reads/articles.js';
import { upsertArticleGraph, type UpsertOptions, type UpsertSummary } from './db/writes/articles.js';
import { upsertArticleGraphs } from './db/writes/batch-policy.js';
import { resolveAgainstGraph } from './db/writes/lookups.js';
import { contentHash } from './db/writes/rows.js';
import type { Db } from './db/driver.js';
import type { Extraction } from './extractors/contract.js';
import { extractOrFail, extractorFailure } from './extractors/errors.js';
import { getExtractor, type Extractor } from './extractors/registry.js';
import { parseMeta, prepareArticle, type ArticleInput } from './ingest/index.js';

export interface IngestOptions {
  extractor: Extractor;
  /** STORIES: put the article into a story (default on). */
  stories?: boolean;
  /** MAX_FACTS_PER_ARTICLE: more entities + relations than this are refused, not written. */
  maxFacts?: number;
}

/** An article whose extraction is too large to write as one transaction. */
export class TooManyFactsError extends Error {
  override name = 'TooManyFactsError';
  constructor(
    readonly articleId: string,
    readonly facts: number,
    readonly maxFacts: number,
  ) {
    super(`article ${articleId} yields ${facts} entities and relations, more than the limit of ${maxFacts} (MAX_FACTS_PER_ARTICLE); split it into smaller articles`);
  }
}

function checkFacts(input: ArticleInput, extraction: Extraction, maxFacts: number | undefined): void {
  const facts = extraction.entities.length + extraction.relations.length;
  if (maxFacts !== undefined && facts > maxFacts) throw new TooManyFactsError(input.id, facts, maxFacts);
}

/** What a write would do, without writing (seed --dry-run). */
export interface IngestPreview {
  articleId: string;
  status: UpsertSummary['status'];
  entities: number;
  /** Entities that would be created / would merge with existing nodes. */
  newEntities: number;
  mergedEntities: number;
  facts: number;
}

export const SAMPLE_ARTICLE = path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt');

/** The summary of an article whose stored version has the same content hash. */
export function unchangedSummary(articleId: string): UpsertSummary {
  return {
    articleId,
    status: 'unchanged',
    nodesCreated: 0,
    relationshipsCreated: 0,
    nodesDeleted: 0,
    relationshipsDeleted: 0,
    entityIds: [],
    createdEntityIds: [],
    mergedEntityIds: [],
    deletedEntityIds: [],
  };
}

/** True when the graph already holds this exact version (text and metadata). */
export async function isUnchanged(db: Db, input: ArticleInput): Promise<boolean> {
  return (await storedContentHash(db, input.id)) === contentHash(input);
}

/**
 * Resolves an extraction against the graph and writes it. Resolution runs inside the write
 * transaction, so it reads the graph it writes into (and is redone if the driver retries).
 */
export async function writeExtracted(db: Db, input: ArticleInput, extraction: Extraction, maxFacts?: number, stories?: boolean): Promise<UpsertSummary> {
  checkFacts(input, extraction, maxFacts);
  return upsertArticleGraph(db, input, extraction, stories === undefined ? {} : { stories });
}

/** Articles the seed command writes per transaction at most. */
export const SEED_GROUP = 20;

export interface GroupWriter {
  (input: ArticleInput, extraction: Extraction): Promise<UpsertSummary>;
  /** How many articles the next group may hold: callers keep about this many ready. */
  capacity(): number;
  /** Time spent in write transactions so far (ms of wall time: groups are written one at a time). */
  writingMs(): number;
}

/**
 * Writes articles in the order `write` is called, gathering those that arrive while a write is
 * running into one transaction: a batch pays one commit per group instead of one per article,
 * and each article is still all-or-nothing (upsertArticleGraphs). Groups start at one article
 * and double after each clean write up to `maxGroup` (and start over after a failure), so a
 * database that goes away early in a batch takes few articles with it.
 */
export function createGroupWriter(db: Db, maxGroup = SEED_GROUP, maxFacts?: number, opts: UpsertOptions = {}): GroupWriter {
  const queue: { input: ArticleInput; extraction: Extraction; resolve: (s: UpsertSummary) => void; reject: (e: Error) => void }[] = [];
  let running = false;
  let size = 1;
  let writingMs = 0;
  const drain = async () => {
    try {
      while (queue.length) {
        const group = queue.splice(0, size);
        const started = performance.now();
        const out = await upsertArticleGraphs(db, group, opts).catch((err: unknown) => group.map(() => (err instanceof Error ? err : new Error(String(err)))));
        writingMs += performance.now() - started;
        size = out.some((r) => r instanceof Error) ? 1 : Math.min(maxGroup, size * 2);
        group.forEach((item, i) => {
          const r = out[i]!;
          if (r instanceof Error) item.reject(r);
          else item.resolve(r);
        });
      }
    } finally {
      running = false;
    }
  };
  const write = (input: ArticleInput, extraction: Extraction) =>
    new Promise<UpsertSummary>((resolve, reject) => {
      // An oversized extraction is refused before it can join (and fail) a group.
      checkFacts(input, extraction, maxFacts);
      queue.push({ input, extraction, resolve, reject });
      if (!running) {
        running = true;
        // Let the articles that are ready now join this group before it starts.
        setImmediate(() => void drain());
      }
    });
  return Object.assign(write, { capacity: () => size, writingMs: () => writingMs });
}

/** Extracts, resolves and writes one article in one transaction; an unchanged article is not even extracted again. */
export async function ingestArticleInput(db: Db, input: ArticleInput, opts: IngestOptions): Promise<UpsertSummary> {
  if (await isUnchanged(db, input)) return unchangedSummary(input.id);
  const extraction = await extractOrFail(() => opts.extractor(input.text, input.meta));
  return writeExtracted(db, input, extraction, opts.maxFacts, opts.stories);
}

/** Extracts and resolves against the current graph, and says what a write would change. Writes nothing. */
export async function previewArticleInput(db: Db, input: ArticleInput, opts: IngestOptions): Promise<IngestPreview> {
  const stored = await storedContentHash(db, input.id);
  const status = stored === null ? 'new' : stored === contentHash(input) ? 'unchanged' : 'updated';
  if (status === 'unchanged') return { articleId: input.id, status, entities: 0, newEntities: 0, mergedEntities: 0, facts: 0 };
  const extraction = await extractOrFail(() => opts.extractor(input.text, input.meta));
  const resolved = await resolveAgainstGraph(db, input, extraction);
  const newEntities = resolved.entities.filter((e) => e.resolvedBy === 'new').length;
  return {
    articleId: input.id,
    status,
    entities: resolved.entities.length,
    newEntities,
    mergedEntities: resolved.entities.length - newEntities,
    facts: resolved.facts.length,
  };
}

/** The sample article shipped in seeds/, read with its .meta.json sidecar. */
export async function readSampleArticle(config: Pick<Config, 'maxArticleBytes'>, file = SAMPLE_ARTICLE): Promise<ArticleInput> {
  const text = await readFile(file, 'utf8');
  const metaFile = file.replace(/\.[^.]+$/, '.meta.json');
  const meta = parseMeta(JSON.parse(await readFile(metaFile, 'utf8')), metaFile);
  return prepareArticle({ text, meta, origin: file, fileName: file }, { maxBytes: config.maxArticleBytes });
}

/**
 * Seeds the sample article when the graph holds no article (and SEED_ON_EMPTY allows), so a
 * first run shows a graph. A failure is logged, not thrown: the server is useful without it.
 */
export async function seedSampleIfEmpty(db: Db, config: Config, log: (line: string) => void, extractor?: Extractor): Promise<UpsertSummary | null> {
  if (!config.seedOnEmpty) return null;
  if ((await countArticles(db)) > 0) return null;
  try {
    const input = await readSampleArticle(config);
    const summary = await ingestArticleInput(db, input, { extractor: extractor ?? getExtractor(config.extractor, config), stories: config.stories });
    log(`Seeded the sample article ${summary.articleId}: ${summary.nodesCreated} nodes, ${summary.relationshipsCreated} relationships`);
    return summary;
  } catch (err) {
    const failure = extractorFailure(err);
    log(`Could not seed the sample article (${failure ? `${failure.code}: ` : ''}${err instanceof Error ? err.message : String(err)}); run \`npm run seed\` to retry.`);
    return null;
  }
}
