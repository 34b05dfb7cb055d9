// Cross-article event resolution on the held-out clusters (eval/clusters/): seeds every cluster
// article into an empty evaluation database through the project's own ingest path, then asks
// the graph which event node each annotated event mention landed on.
//
//   npx tsx eval/score-clusters.ts [--json] [--details]
//
// --details adds one line per happening with the event nodes its mentions landed on (off by
// default: the texts are held out, and node names show what they say).
//
// Database: NEO4J_URI if set (emptied only when it holds nothing but eval cluster articles),
// otherwise the embedded Neo4j on NEO4J_BOLT_PORT with its data in .data/eval (wiped first).
// A mention *lands* on an event when that event's MENTIONS spans from the article overlap the
// annotated phrase. Pairwise scores run over pairs of annotated mentions from different
// articles: a pair is gold-positive when both mentions belong to the same happening, and
// predicted-positive when both landed on the same event node.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, PROJECT_ROOT, type Config } from '../server/config.js';
import { closeDb, createDb, waitForDatabase, type Db } from '../server/db/driver.js';
import { ensureSchema } from '../server/db/schema.js';
import { getExtractor, type Extractor } from '../server/extractors/registry.js';
import { ingestArticleInput } from '../server/ingest-service.js';
import { ArticleInputError, readArticleSources, type ArticleInput } from '../server/ingest/index.js';
import { ensureNeo4j, neo4jStatus, type Neo4jHandle } from '../server/runtime/neo4j/descriptor.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTICLES = path.join(HERE, 'clusters', 'articles');
const GOLD = path.join(HERE, 'clusters', 'gold.json');

interface GoldMention {
  phrase: string;
  happening: string;
  /** 1-based occurrence of the phrase in the article text (default 1). */
  occurrence?: number;
}
interface Gold {
  happenings: Record<string, { description: string; type: string; distractor?: boolean }>;
  articles: Record<string, { mentions: GoldMention[] }>;
}
interface Span {
  start: number;
  end: number;
}
interface Located extends GoldMention, Span {
  file: string;
  articleId: string;
  event: string | null;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function evalConfig(env: NodeJS.ProcessEnv): Config {
  const base = loadConfig(env);
  if (!base.neo4j.embedded) return base;
  return loadConfig({ ...env, NEO4J_DATA_DIR: path.join(PROJECT_ROOT, '.data', 'eval') });
}

function locate(text: string, m: GoldMention, file: string): Span {
  let from = 0;
  let at = -1;
  for (let n = 0; n < (m.occurrence ?? 1); n++) {
    at = text.indexOf(m.phrase, from);
    if (at < 0) throw new Error(`gold: "${m.phrase}" (occurrence ${m.occurrence ?? 1}) is not in ${file}`);
    from = at + 1;
  }
  return { start: at, end: at + m.phrase.length };
}

// Plain driver statements: this is measurement tooling, not part of the server's data access.
async function articleIds(db: Db): Promise<{ nodes: number; articles: string[] }> {
  const s = db.driver.session({ database: db.database });
  try {
    const r = await s.run('MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH (a:Article) RETURN nodes, collect(a.id) AS articles');
    const rec = r.records[0]!;
    return { nodes: rec.get('nodes') as number, articles: rec.get('articles') as string[] };
  } finally {
    await s.close();
  }
}

async function emptyDatabase(db: Db): Promise<void> {
  const s = db.driver.session({ database: db.database });
  try {
    await s.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await s.close();
  }
}

async function eventMentions(db: Db): Promise<{ article: string; event: string; spans: Span[] }[]> {
  const s = db.driver.session({ database: db.database });
  try {
    const r = await s.run('MATCH (a:Article)-[m:MENTIONS]->(e:Event) RETURN a.id AS article, e.id AS event, m.mentions AS mentions');
    return r.records.map((rec) => ({
      article: rec.get('article') as string,
      event: rec.get('event') as string,
      spans: (JSON.parse((rec.get('mentions') as string) ?? '[]') as Span[]).map(({ start, end }) => ({ start, end })),
    }));
  } finally {
    await s.close();
  }
}

interface Extraction {
  extract: Extractor;
  close(): Promise<void>;
}

// Extractors that depend on a server (CoreNLP) are started through server/extractors/service.ts
// where the project has it; older trees only have getExtractor. The specifier is a variable so
// this file type-checks on both.
async function startExtractor(config: Config): Promise<Extraction> {
  const servicePath: string = '../server/extractors/service.js';
  type Service = { startExtraction(name: string, config: Config, opts: { log?: (line: string) => void }): Promise<Extraction> };
  const service = (await import(servicePath).catch((err: { code?: string; message?: string }) => {
    if (err.code === 'ERR_MODULE_NOT_FOUND' && err.message?.includes('service')) return null;
    throw err;
  })) as Service | null;
  if (service?.startExtraction) return service.startExtraction(config.extractor, config, { log });
  return { extract: getExtractor(config.extractor, config), close: async () => {} };
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const round = (x: number) => Math.round(x * 1000) / 1000;

const HELP = `Usage: npx tsx eval/score-clusters.ts [--json] [--details]

--json      print the scores as JSON
--details   one line per happening with the event nodes its mentions landed on (shows held-out text)
--help      this text

Database: NEO4J_URI if set (emptied only when it holds nothing but eval cluster articles),
otherwise the embedded Neo4j on NEO4J_BOLT_PORT with its data in .data/eval (wiped first).
`;

async function main(): Promise<number> {
  const known = new Set(['--json', '--details', '--help', '-h']);
  const unknown = process.argv.slice(2).find((a) => !known.has(a));
  if (unknown !== undefined) {
    process.stderr.write(`unknown argument ${JSON.stringify(unknown)}\n\n${HELP}`);
    return 2;
  }
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const json = process.argv.includes('--json');
  const details = process.argv.includes('--details');
  const config = evalConfig(process.env);
  const gold = JSON.parse(await readFile(GOLD, 'utf8')) as Gold;

  const inputs: ArticleInput[] = [];
  for await (const item of readArticleSources(ARTICLES, { maxBytes: config.maxArticleBytes })) {
    if (item instanceof ArticleInputError) throw new Error(`${item.origin}: ${item.reason}: ${item.detail}`);
    inputs.push(item);
  }
  const byFile = new Map(inputs.map((i) => [path.basename(i.origin), i]));
  for (const file of Object.keys(gold.articles)) if (!byFile.has(file)) throw new Error(`gold names ${file}, which is not in ${ARTICLES}`);
  const located: Located[] = [];
  for (const [file, { mentions }] of Object.entries(gold.articles)) {
    const input = byFile.get(file)!;
    for (const m of mentions) {
      if (!gold.happenings[m.happening]) throw new Error(`gold: ${file} names unknown happening ${m.happening}`);
      located.push({ ...m, ...locate(input.text, m, file), file, articleId: input.id, event: null });
    }
  }

  let handle: Neo4jHandle | undefined;
  let db: Db | undefined;
  try {
    if (config.neo4j.embedded && (await neo4jStatus(config.neo4j)).state === 'stopped') rmSync(config.neo4j.dataDir, { recursive: true, force: true });
    handle = await ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => log(`[neo4j] ${l}`) });
    db = createDb(config);
    await waitForDatabase(db, config.neo4j.startTimeoutMs);
    const present = await articleIds(db);
    const ours = new Set(inputs.map((i) => i.id));
    const foreign = present.articles.filter((id) => !ours.has(id));
    if (!config.neo4j.embedded && (foreign.length || (present.nodes > 0 && !present.articles.length))) {
      log(`score-clusters: ${config.neo4j.uri} holds data that is not the eval corpus (${foreign.slice(0, 3).join(', ') || `${present.nodes} nodes`}); refusing to empty it. Point NEO4J_URI at an empty database.`);
      return 2;
    }
    await emptyDatabase(db);
    await ensureSchema(db);

    const extraction = await startExtractor(config);
    try {
      for (const input of inputs) await ingestArticleInput(db, input, { extractor: extraction.extract });
    } finally {
      await extraction.close();
    }

    const rows = await eventMentions(db);
    const events = new Set(rows.map((r) => r.event));
    for (const m of located) {
      let best = 0;
      for (const r of rows) {
        if (r.article !== m.articleId) continue;
        for (const s of r.spans) {
          const o = overlap(s, m);
          if (o > best) { best = o; m.event = r.event; }
        }
      }
    }

    const landed = located.filter((m) => m.event !== null).length;
    let tp = 0, goldPairs = 0, predPairs = 0;
    for (let i = 0; i < located.length; i++) {
      for (let j = i + 1; j < located.length; j++) {
        const a = located[i]!, b = located[j]!;
        if (a.articleId === b.articleId) continue;
        const g = a.happening === b.happening;
        const p = a.event !== null && a.event === b.event;
        if (g) goldPairs++;
        if (p) predPairs++;
        if (g && p) tp++;
      }
    }
    const precision = predPairs ? tp / predPairs : 0;
    const recall = goldPairs ? tp / goldPairs : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const perHappening = Object.entries(gold.happenings).map(([id, h]) => {
      const ms = located.filter((m) => m.happening === id);
      const nodes = [...new Set(ms.map((m) => m.event).filter((e): e is string => e !== null))];
      return { id, description: h.description, articles: new Set(ms.map((m) => m.file)).size, mentions: ms.length, landed: ms.filter((m) => m.event).length, eventNodes: nodes };
    });
    const summary = {
      extractor: config.extractor,
      articles: inputs.length,
      eventNodes: events.size,
      mentions: located.length,
      landed,
      landedShare: round(located.length ? landed / located.length : 0),
      pairs: { goldPositive: goldPairs, predictedPositive: predPairs, truePositive: tp, precision: round(precision), recall: round(recall), f1: round(f1) },
      perHappening,
    };
    if (json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`clusters: ${inputs.length} articles, ${events.size} event nodes in the graph (extractor ${config.extractor})`);
      console.log(`landed   ${landed}/${located.length} annotated event mentions (${(summary.landedShare * 100).toFixed(1)} %) on an event node`);
      console.log(`pairs    P=${precision.toFixed(3)} R=${recall.toFixed(3)} F1=${f1.toFixed(3)}  (cross-article mention pairs: ${tp} right of ${predPairs} predicted, ${goldPairs} in gold)`);
      for (const h of details ? perHappening : []) {
        console.log(`  ${h.id.padEnd(24)} ${h.articles} articles, ${h.landed}/${h.mentions} landed, on ${h.eventNodes.length} event node(s)${h.eventNodes.length ? `: ${h.eventNodes.slice(0, 4).join(', ')}${h.eventNodes.length > 4 ? ' ...' : ''}` : ''}`);
      }
    }
    return 0;
  } finally {
    if (db) await closeDb(db);
    await handle?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`score-clusters: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
