// `npm run extract -- FILE`: reads one article (or a .jsonl batch) and prints its extraction.
// stdout carries only the result; progress and errors go to stderr.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { STANCE_TYPES, type ArticleMeta, type Entity, type Extraction } from '../extractors/contract.js';
import { failureOfExtractor } from '../extractors/errors.js';
import { EXTRACTOR_DESCRIPTIONS, EXTRACTOR_NAMES, type ExtractorName } from '../extractors/names.js';
import type { Extractor } from '../extractors/registry.js';
import { startExtraction } from '../extractors/service.js';
import { ArticleInputError, isValidPublishedAt, readArticleSources, type ArticleInput } from '../ingest/index.js';

const USAGE = `Usage: npm run --silent extract -- FILE [--published YYYY-MM-DD] [--title T] [--json] [--extractor ${EXTRACTOR_NAMES.join('|')}]

FILE      an article: .txt, .md or .html (with an optional FILE.meta.json sidecar),
          an http(s) URL, '-' for stdin, or a .jsonl batch (one article per line;
          answered with one compact JSON extraction per line, in order)
--json            print the Extraction object as JSON instead of a summary
--published DATE  publication date (YYYY-MM-DD or ISO); relative dates resolve against it
--title T         article title
--extractor NAME  which extractor (default: EXTRACTOR, else corenlp):
${EXTRACTOR_NAMES.map((n) => `                    ${n.padEnd(8)} ${EXTRACTOR_DESCRIPTIONS[n]}`).join('\n')}

${EXIT_HELP}`;

class UsageError extends Error {}

interface Options {
  target: string;
  json: boolean;
  extractor: ExtractorName;
  overrides: ArticleMeta;
}

function parseOptions(argv: string[], config: Config): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        published: { type: 'string' },
        title: { type: 'string' },
        extractor: { type: 'string' },
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
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no FILE given' : `one FILE at a time, got ${positionals.length}`);
  const extractor = (values.extractor ?? config.extractor) as ExtractorName;
  if (!EXTRACTOR_NAMES.includes(extractor)) throw new UsageError(`--extractor must be one of ${EXTRACTOR_NAMES.join(', ')}, not ${JSON.stringify(extractor)}`);
  const overrides: ArticleMeta = {};
  if (values.published !== undefined) {
    if (!isValidPublishedAt(values.published)) throw new UsageError(`--published must be YYYY-MM-DD or an ISO timestamp, not ${JSON.stringify(values.published)}`);
    overrides.publishedAt = values.published;
  }
  if (values.title !== undefined) overrides.title = values.title;
  return { target: positionals[0]!, json: values.json, extractor, overrides };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A readable summary for people; --json is the contract for programs. */
export function summarise(x: Extraction): string {
  const lines: string[] = [];
  const a = x.article;
  lines.push(a.title ?? '(untitled)');
  const by = [a.source, a.author, a.publishedAt].filter(Boolean).join(' · ');
  if (by) lines.push(by);
  const byId = new Map(x.entities.map((e) => [e.id, e]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const ofType = (t: Entity['type']) => x.entities.filter((e) => e.type === t);

  const actors = ofType('actor');
  lines.push('', `Actors (${actors.length})`);
  for (const kind of ['person', 'organization', 'country', 'group', undefined] as const) {
    const group = actors.filter((e) => e.kind === kind);
    if (group.length) lines.push(`  ${kind ?? 'other'}: ${group.map((e) => e.name).join(', ')}`);
  }
  const issues = ofType('issue');
  lines.push('', `Issues (${issues.length})`);
  if (issues.length) lines.push(`  ${issues.map((e) => e.name).join(', ')}`);
  const places = ofType('place');
  lines.push('', `Places (${places.length})`);
  if (places.length) lines.push(`  ${places.map((e) => e.name).join(', ')}`);
  const events = ofType('event');
  lines.push('', `Events (${events.length})`);
  for (const e of events) {
    const tags = [e.date ?? 'undated', e.status, e.eventType].filter(Boolean).join(', ');
    lines.push(`  ${e.name} [${tags}]`);
  }
  const counts = new Map<string, number>();
  for (const r of x.relations) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  lines.push('', `Relations (${x.relations.length})`);
  for (const [type, n] of [...counts].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]))) lines.push(`  ${type}: ${n}`);
  const stances = x.relations.filter((r) => (STANCE_TYPES as readonly string[]).includes(r.type));
  lines.push('', `Stances (${stances.length})`);
  for (const r of stances) lines.push(`  ${name(r.source)} ${r.type.toLowerCase().replace(/_/g, ' ')} ${name(r.target)}`);
  lines.push('', `${x.entities.length} ${x.entities.length === 1 ? 'entity' : 'entities'}, ${plural(x.relations.length, 'relation')}`);
  return `${lines.join('\n')}\n`;
}

function errorLine(id: string | null, err: { reason: string; message: string; origin?: string }): string {
  return JSON.stringify({ id, error: err });
}

async function runBatch(opts: Options, config: Config, extract: Extractor, window: number): Promise<number> {
  let ok = 0;
  let failed = 0;
  let unavailable = false;
  // Up to `window` articles are extracted at once (CoreNLP annotates several in parallel); lines
  // are still answered in input order.
  const pending: Array<Promise<string>> = [];
  const flush = async (keep: number) => {
    while (pending.length > keep) process.stdout.write(`${await pending.shift()!}\n`);
  };
  for await (const item of readArticleSources(opts.target, { maxBytes: config.maxArticleBytes, allowPrivateFetch: config.allowPrivateFetch })) {
    if (item instanceof ArticleInputError) {
      if (item.origin === opts.target && ok + failed === 0) {
        process.stderr.write(`error: ${item.message}\n`);
        return 1; // the batch itself could not be read
      }
      failed++;
      await flush(0);
      process.stdout.write(`${errorLine(item.id ?? null, { reason: item.reason, message: item.detail, origin: item.origin })}\n`);
      continue;
    }
    // In a batch, --title/--published fill in what a line leaves out.
    const meta = { ...opts.overrides, ...item.meta };
    const { id, origin } = item;
    pending.push(
      extract(item.text, meta).then(
        (extraction) => {
          ok++;
          return JSON.stringify({ id, ...extraction });
        },
        (err: unknown) => {
          failed++;
          const failure = failureOfExtractor(err);
          if (failure.gone) unavailable = true;
          return errorLine(id, { reason: failure.reason, message: (err as Error).message, origin });
        },
      ),
    );
    await flush(window - 1);
  }
  await flush(0);
  process.stderr.write(`${plural(ok + failed, 'article')}: ${ok} extracted, ${failed} failed\n`);
  // Every line is answered either way; the exit code tells scripts whether any line failed, and
  // whether because the NLP server was not there.
  if (unavailable) return EXIT.unavailable;
  return failed > 0 ? EXIT.inputsFailed : EXIT.ok;
}

async function runSingle(opts: Options, config: Config, extract: Extractor): Promise<number> {
  let article: ArticleInput | undefined;
  for await (const item of readArticleSources(opts.target, { maxBytes: config.maxArticleBytes, allowPrivateFetch: config.allowPrivateFetch })) {
    if (item instanceof ArticleInputError) {
      process.stderr.write(`error: ${item.message} (${item.reason})\n`);
      return 1;
    }
    article = item;
  }
  if (!article) {
    process.stderr.write(`error: ${opts.target}: no article found\n`);
    return 1;
  }
  const extraction = await extract(article.text, { ...article.meta, ...opts.overrides });
  process.stdout.write(opts.json ? `${JSON.stringify(extraction, null, 2)}\n` : summarise(extraction));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  let config: Config;
  let opts: Options;
  try {
    config = loadConfig();
    opts = parseOptions(argv, config);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  let service;
  try {
    service = await startExtraction(opts.extractor, config, {
      workers: 0,
      log: (l) => process.stderr.write(`${l}\n`),
      onDiagnostics: (d) => {
      if (d.droppedRelations || d.droppedEntities) {
        process.stderr.write(
          `llm: ${d.chunks} chunk(s); dropped ${d.droppedRelations} relation(s) (${d.droppedNonVerbatimEvidence} with non-verbatim evidence) and ${d.droppedEntities} entit(ies) not found in the text\n`,
        );
      }
      },
    });
  } catch (err) {
    // The CoreNLP server (or Java for it) is missing: nothing could be extracted.
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return EXIT.unavailable;
  }
  const isBatch = /\.jsonl$/i.test(opts.target) || (await isFolder(opts.target));
  const window = opts.extractor === 'corenlp' ? Math.max(2, config.corenlp.threads * config.corenlp.urls.length) : 1;
  try {
    return isBatch ? await runBatch(opts, config, service.extract, window) : await runSingle(opts, config, service.extract);
  } catch (err) {
    // Only the extractor fails here (reading the article reports its own errors): say its code.
    const failure = failureOfExtractor(err);
    process.stderr.write(`error: ${failure.kind === 'other' ? '' : `${failure.code}: `}${failure.message}\n`);
    return failure.gone ? EXIT.unavailable : EXIT.inputsFailed;
  } finally {
    await service.close();
  }
}

async function isFolder(target: string): Promise<boolean> {
  if (target === '-' || /^https?:\/\//i.test(target)) return false;
  const { stat } = await import('node:fs/promises');
  return stat(target).then((s) => s.isDirectory(), () => false);
}

process.exitCode = await main(process.argv.slice(2));
