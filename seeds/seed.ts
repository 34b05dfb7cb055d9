// `npm run seed [-- PATH|URL|- ...]`: loads articles into the graph, one transaction each.
// With no target it loads the sample article. Progress goes to stderr, the summary to stdout;
// exit codes as the extract command's (server/cli/exit-codes.ts): 1 when any article failed (the
// others are still loaded), 2 for bad arguments, 3 when the database or the NLP server is not there.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { EXIT, EXIT_HELP, type ExitCode } from '../server/cli/exit-codes.js';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { removeArticle, type UpsertSummary } from '../server/db/writes/articles.js';
import { closeDb, createDb, waitForDatabase, type Db } from '../server/db/driver.js';
import { ensureSchema } from '../server/db/schema.js';
import { EXTRACTOR_NAMES, type Extractor, type ExtractorName } from '../server/extractors/registry.js';
import { startExtraction, type ExtractionService } from '../server/extractors/service.js';
import { extractOrFail, extractorFailure } from '../server/extractors/errors.js';
import { ArticleInputError, readArticleSources, type ArticleInput, type ReadResult } from '../server/ingest/index.js';
import { createGroupWriter, isUnchanged, previewArticleInput, readSampleArticle, SAMPLE_ARTICLE, unchangedSummary } from '../server/ingest-service.js';
import { ensureNeo4j, type Neo4jHandle } from '../server/runtime/neo4j/descriptor.js';

const USAGE = `Usage: npm run seed -- [PATH|URL|- ...] [--dry-run] [--concurrency N] [--extractor ${EXTRACTOR_NAMES.join('|')}]
       npm run seed -- --remove ARTICLE_ID [--remove ARTICLE_ID ...]

With no target, loads the sample article (${SAMPLE_ARTICLE.replace(/.*\/seeds\//, 'seeds/')}).
PATH          a file (.txt, .md, .html with an optional FILE.meta.json), a folder (recursively),
              or a .jsonl batch (one {"text"|"html", "title", "source", ...} per line)
URL           an http(s) page (main content extracted); '-' reads one article from stdin
--dry-run         extract and resolve, print what would change, write nothing
--concurrency N   articles annotated and extracted at once (default: what the machine has — with
                  CoreNLP twice its servers' threads, else the cores); writes stay in input order
--extractor NAME  ${EXTRACTOR_NAMES.join(', ')} (default EXTRACTOR, else corenlp)
--remove ID       retract an article and every entity no other article supports
--help            this text

${EXIT_HELP}`;

class UsageError extends Error {}

/** The database or the NLP server could not be started or reached: nothing was loaded. */
class ComponentUnavailable extends Error {}

/** Runs one start-up step; its failure means the component is not there (exit 3), whatever the error's type. */
async function starting<T>(component: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw new ComponentUnavailable(`${component} unavailable: ${describe(err)}`);
  }
}

interface Options {
  targets: string[];
  dryRun: boolean;
  concurrency: number;
  extractor: ExtractorName;
  remove: string[];
}

function parseOptions(argv: string[], config: Config): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        extractor: { type: 'string' },
        remove: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const extractor = (values.extractor ?? config.extractor) as ExtractorName;
  if (!EXTRACTOR_NAMES.includes(extractor)) throw new UsageError(`--extractor must be one of ${EXTRACTOR_NAMES.join(', ')}, not ${JSON.stringify(extractor)}`);
  const concurrency = values.concurrency === undefined ? defaultConcurrency(extractor, config) : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, not ${JSON.stringify(values.concurrency)}`);
  }
  if (values.remove.length && positionals.length) throw new UsageError('--remove cannot be combined with articles to load');
  return { targets: positionals, dryRun: values['dry-run'], concurrency, extractor, remove: values.remove };
}

/**
 * Enough articles in flight to keep every CoreNLP thread busy while others are between their two
 * requests or in the extraction stages: twice the servers' threads. Without CoreNLP, the cores.
 */
function defaultConcurrency(extractor: ExtractorName, config: Config): number {
  if (extractor === 'corenlp') return Math.min(64, 2 * config.corenlp.threads * config.corenlp.urls.length);
  return Math.max(1, Math.min(64, availableParallelism()));
}

interface Tally {
  /** Articles read but not attempted because the database went away. */
  notAttempted: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  nodes: number;
  relationships: number;
  done: number;
}

/** Where the time goes, for the progress line: CoreNLP's answers, the extraction stages, the writes. */
export interface StageTimes {
  /** Summed over articles (several are annotated at once, so this can exceed the wall time). */
  annotateMs: number;
  /** Summed over articles: the whole extraction less the annotation (CoreNLP's answers). */
  extractMs: number;
  /** Wall time of the write transactions (one group at a time). */
  writingMs(): number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const clock = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`);

class Progress {
  private readonly started = Date.now();
  private lastLine = Date.now();
  constructor(
    private readonly tally: Tally,
    private readonly tty: boolean,
    private readonly total: number,
    private readonly times: StageTimes,
  ) {}

  private line(): string {
    const t = this.tally;
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? t.done / secs : 0;
    const eta = rate > 0 && t.done < this.total ? ` · ETA ${clock((this.total - t.done) / rate)}` : '';
    const where = ` · annotating ${seconds(this.times.annotateMs)}, extracting ${seconds(this.times.extractMs)}, writing ${seconds(this.times.writingMs())}`;
    return `${t.done}/${this.total} articles (${t.new} new, ${t.updated} updated, ${t.unchanged} unchanged, ${t.failed} failed) · ${rate.toFixed(1)} articles/s${eta}${where}`;
  }

  tick(): void {
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastLine < 100) return;
      this.lastLine = now;
      process.stderr.write(`\r\x1b[2K${this.line()}`);
    } else if (now - this.lastLine >= 5_000) {
      this.lastLine = now;
      process.stderr.write(`${this.line()}\n`);
    }
  }

  /** Prints a message without tearing the progress line. */
  say(message: string): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
    process.stderr.write(`${message}\n`);
    if (this.tty) this.lastLine = 0;
  }

  /** The last progress line (so a log shows where the time went) and the seconds taken. */
  finish(): number {
    if (this.tty) process.stderr.write('\r\x1b[2K');
    process.stderr.write(`${this.line()}\n`);
    return (Date.now() - this.started) / 1000;
  }
}

async function* sources(targets: string[], config: Config): AsyncGenerator<ReadResult> {
  if (!targets.length) {
    try {
      yield await readSampleArticle(config);
    } catch (err) {
      yield err instanceof ArticleInputError ? err : new ArticleInputError(SAMPLE_ARTICLE, 'unreadable', (err as Error).message);
    }
    return;
  }
  for (const target of targets) yield* readArticleSources(target, { maxBytes: config.maxArticleBytes, timeoutMs: config.queryTimeoutMs, allowPrivateFetch: config.allowPrivateFetch });
}

/** The driver already retried; after this the database (or the NLP or model server) is gone, not just busy. */
function serviceGone(err: unknown): string | undefined {
  const failure = extractorFailure(err);
  if (failure?.gone) return `${failure.gone} became unavailable (${failure.code}: ${failure.message})`;
  const code = (err as { code?: unknown }).code;
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return `the database became unavailable (${code}: ${describe(err).split('. ')[0]})`;
  return undefined;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** What was loaded, and why the rest was not attempted when a component went away mid-batch. */
async function load(db: Db, opts: Options, config: Config, extractor: Extractor, timing: { annotateMs: number; extractMs: number }): Promise<{ tally: Tally; gone: string | undefined }> {
  const tally: Tally = { notAttempted: 0, new: 0, updated: 0, unchanged: 0, failed: 0, nodes: 0, relationships: 0, done: 0 };
  // Extraction runs --concurrency articles at a time, but writes are queued in input order and
  // written in that order (several per transaction, createGroupWriter): resolution then sees the
  // same graph as a sequential run, so the result does not depend on timing, and the same
  // article twice in a batch is written once after the other. While one group is written, the
  // next articles are annotated and extracted.
  let lastQueued: Promise<void> = Promise.resolve();
  const write = createGroupWriter(db, undefined, config.maxFactsPerArticle, { stories: config.stories });
  // Read every input first (articles are small), so the progress line knows the total.
  const items: ReadResult[] = [];
  for await (const item of sources(opts.targets, config)) items.push(item);
  const progress = new Progress(tally, process.stderr.isTTY === true, items.length, { get annotateMs() { return timing.annotateMs; }, get extractMs() { return timing.extractMs - timing.annotateMs; }, writingMs: write.writingMs });
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const timed = async <T,>(f: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await f();
    } finally {
      timing.extractMs += performance.now() - started;
    }
  };
  // Once the database is unreachable (after the driver's own retries), the rest of the batch is
  // not attempted: every article would wait out the same timeout. A rerun completes it.
  let gone: string | undefined;

  const one = async (input: ArticleInput, myTurn: Promise<void>, queued: () => void): Promise<void> => {
    try {
      if (opts.dryRun) {
        const p = await previewArticleInput(db, input, { extractor });
        tally[p.status]++;
        progress.say(
          p.status === 'unchanged'
            ? `would leave ${p.articleId} unchanged (${input.origin})`
            : `would ${p.status === 'new' ? 'add' : 'update'} ${p.articleId} (${input.origin}): ${p.entities} entities (${p.newEntities} new, ${p.mergedEntities} merged with existing), ${p.facts} facts`,
        );
      } else {
        const s: UpsertSummary = (await isUnchanged(db, input))
          ? (await myTurn, queued(), unchangedSummary(input.id))
          : await extractOrFail(() => timed(() => extractor(input.text, input.meta))).then(async (extraction) => {
              await myTurn;
              const written = write(input, extraction);
              queued();
              return written;
            });
        tally[s.status]++;
        tally.nodes += s.nodesCreated;
        tally.relationships += s.relationshipsCreated;
      }
    } catch (err) {
      tally.failed++;
      gone ??= serviceGone(err);
      const failure = extractorFailure(err);
      const message = `${input.origin}: ${failure ? `${failure.code}: ` : ''}${describe(err)}`;
      failures.push(message);
      progress.say(`failed ${input.id}: ${message}`);
    } finally {
      queued();
      tally.done++;
      progress.tick();
    }
  };

  for (const item of items) {
    if (item instanceof ArticleInputError) {
      tally.failed++;
      tally.done++;
      failures.push(`${item.origin}: ${item.reason}: ${item.detail}`);
      progress.say(`skipped ${item.origin}: ${item.reason}: ${item.detail}`);
      progress.tick();
      continue;
    }
    // Up to a group of articles may wait for their write beside those being extracted.
    while (inFlight.size >= opts.concurrency + (opts.dryRun ? 0 : write.capacity())) await Promise.race(inFlight);
    if (gone) {
      tally.notAttempted++;
      continue;
    }
    const myTurn = lastQueued;
    let markQueued!: () => void;
    lastQueued = new Promise<void>((resolve) => (markQueued = resolve));
    const task: Promise<void> = one(item, myTurn, markQueued);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.all(inFlight);
  const secs = progress.finish();
  const lines = [
    `${opts.dryRun ? 'Dry run, nothing written. ' : ''}Articles: ${tally.new} new, ${tally.updated} updated, ${tally.unchanged} unchanged, ${tally.failed} failed (${tally.done} in ${secs.toFixed(1)} s, ${(tally.done / Math.max(secs, 0.001)).toFixed(1)} articles/s)`,
  ];
  if (!opts.dryRun) lines.push(`Graph: ${tally.nodes} nodes and ${tally.relationships} relationships created`);
  if (failures.length) lines.push(`Failed (${failures.length}):`, ...failures.map((f) => `  ${f}`));
  if (tally.notAttempted) {
    lines.push(`Not attempted: ${tally.notAttempted} articles, because ${gone}. Run the same command again to load them; finished articles stay and are reported unchanged.`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return { tally, gone };
}

async function main(): Promise<ExitCode> {
  const config = loadConfig();
  const opts = parseOptions(process.argv.slice(2), config);
  let handle: Neo4jHandle | undefined;
  let db: Db | undefined;
  let extraction: ExtractionService | undefined;
  // Summed over articles: CoreNLP's answers, and whole extractions (annotation included).
  const timing = { annotateMs: 0, extractMs: 0 };
  try {
    // The extraction stages are CPU work: with --concurrency above 1 they run on that many worker
    // threads, so a batch uses every core while writes stay in input order.
    if (!opts.remove.length) {
      const workers = opts.concurrency > 1 ? opts.concurrency : 0;
      extraction = await starting('NLP server', () =>
        startExtraction(opts.extractor, config, {
          workers,
          log: (l) => process.stderr.write(`${l}\n`),
          onTiming: (t) => {
            timing.annotateMs += t.annotateMs;
          },
        }),
      );
    }
    handle = await starting('database', () => ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => process.stderr.write(`[neo4j] ${l}\n`) }));
    const opened = createDb(config);
    db = opened;
    await starting('database', async () => {
      await waitForDatabase(opened, config.neo4j.startTimeoutMs);
      await ensureSchema(opened);
    });
    if (opts.remove.length) {
      let missing = 0;
      for (const id of opts.remove) {
        const r = await removeArticle(db, id);
        if (!r.removed) missing++;
        process.stdout.write(
          r.removed
            ? `Removed ${id}: ${r.deletedEntityIds.length} of its ${r.entityIds.length} entities deleted (the rest are supported by other articles), ${r.relationshipsDeleted} relationships deleted\n`
            : `No article ${id}\n`,
        );
      }
      return missing ? EXIT.inputsFailed : EXIT.ok;
    }
    const { tally, gone } = await load(db, opts, config, extraction!.extract, timing);
    if (gone) return EXIT.unavailable;
    return tally.failed > 0 ? EXIT.inputsFailed : EXIT.ok;
  } finally {
    await extraction?.close();
    if (db) await closeDb(db);
    await handle?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${USAGE}`);
    else process.stderr.write(`${err instanceof ConfigError || err instanceof ComponentUnavailable ? err.message : describe(err)}\n`);
    if (err instanceof UsageError || err instanceof ConfigError) process.exit(EXIT.usage);
    if (err instanceof ComponentUnavailable || serviceGone(err)) process.exit(EXIT.unavailable);
    process.exit(EXIT.inputsFailed);
  },
);
