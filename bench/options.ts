// Command-line flags of the benchmark and load test (`npm run bench -- --duration 3`). Flags,
// not environment variables: server/config.ts is the only reader of process.env, and these are
// knobs of a developer tool rather than settings of the service.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Seconds of load per GraphQL measurement (each query, each concurrency, each side). */
  durationS: number;
  /** Articles in the generated corpus for seeding and the GraphQL runs (`--articles`, or `--corpus`). */
  corpus: number;
  /** Articles the extraction section times (a prefix of the corpus). */
  extractionSample: number;
  /** Articles seeded one statement per row (a subset: that path is slow by design). */
  unbatched: number;
  connections: number[];
  /** Real articles `npm run seed` loads in the ingest section (`--ingest-articles`). */
  ingestArticles: number;
  /** Real articles each annotator configuration annotates in the annotators section. */
  annotatorArticles: number;
  /** Sections to run; all by default. */
  only: Set<string>;
  out: string;
  seed: number;
}

export const SECTIONS = ['extraction', 'annotation', 'annotators', 'seeding', 'graphql', 'ingest', 'web'] as const;

const HELP = `Usage: npm run bench -- [--duration S] [--articles N] [--extraction-sample N] [--unbatched N] [--connections 1,16,64]
                         [--only SECTIONS] [--ingest-articles N] [--annotator-articles N] [--out bench/results/latest.json] [--seed N]

--duration S           seconds of load per GraphQL measurement (default 3)
--articles N           articles in the generated corpus (default 20000; --corpus is the same)
--extraction-sample N  articles the extraction section times (default 1000)
--unbatched N          articles seeded one statement per row, the baseline (default 200)
--connections LIST     GraphQL client counts to measure (default 1,16,64)
--ingest-articles N    real articles npm run seed loads in the ingest section (default 2000)
--annotator-articles N real articles per CoreNLP configuration in the annotators section (default 60)
--only LIST            sections to run: ${SECTIONS.join(', ')} (default all)
--out FILE             where the JSON results go (default bench/results/latest.json)
--seed N               corpus generator seed (default 20190215)
--help                 this text

Starts its own embedded Neo4j and CoreNLP (or uses NEO4J_URI / CORENLP_URL); README, "Benchmarks and load test".`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${JSON.stringify(value)}\n${HELP}`);
  return n;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        corpus: { type: 'string' },
        articles: { type: 'string' },
        'extraction-sample': { type: 'string' },
        unbatched: { type: 'string' },
        connections: { type: 'string' },
        only: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        'ingest-articles': { type: 'string' },
        'annotator-articles': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n\n${HELP}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()).filter(Boolean));
  for (const s of only) {
    if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${JSON.stringify(s)} (known: ${SECTIONS.join(', ')})`);
  }
  return {
    durationS: positive('duration', values.duration, 3),
    corpus: Math.round(positive('articles', values.articles ?? values.corpus, 20_000)),
    extractionSample: Math.round(positive('extraction-sample', values['extraction-sample'], 1000)),
    unbatched: Math.round(positive('unbatched', values.unbatched, 200)),
    connections: (values.connections ?? '1,16,64').split(',').map((c) => Math.round(positive('connections', c, 1))),
    ingestArticles: Math.round(positive('ingest-articles', values['ingest-articles'], 2000)),
    annotatorArticles: Math.round(positive('annotator-articles', values['annotator-articles'], 60)),
    only,
    out: values.out ?? 'bench/results/latest.json',
    seed: Math.round(positive('seed', values.seed, 20190215)),
  };
}
