// A corpus of real news for the ingest benchmark: the ECB+ development articles
// (../shared/data/ecbplus-dev, about 375 words each, many outlets and sections), repeated with new
// ids and publication dates moved on by a year a round until there are as many as asked, written
// as one JSON Lines batch that `npm run seed` reads.
//
//   npx tsx bench/real-corpus.ts [--articles 2000] [--out .data/bench/real-2000.jsonl]
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/config.js';

export const ECB_DEV = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'ecbplus-dev', 'articles');

interface Meta {
  title?: string;
  source?: string;
  url?: string;
  publishedAt?: string;
}

/** The development articles in a stable order: topic, then file name. */
export function realArticles(dir = ECB_DEV): Array<{ name: string; text: string; meta: Meta }> {
  if (!existsSync(dir)) throw new Error(`no real articles at ${dir} (the ECB+ development set, ../shared/data/ecbplus-dev)`);
  return readdirSync(dir)
    .sort()
    .flatMap((topic) =>
      readdirSync(path.join(dir, topic))
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => {
          const file = path.join(dir, topic, f);
          const metaFile = file.replace(/\.txt$/, '.meta.json');
          const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as Meta) : {};
          return { name: f.replace(/\.txt$/, ''), text: readFileSync(file, 'utf8'), meta };
        }),
    );
}

const shiftYears = (date: string | undefined, years: number) => {
  const m = /^(\d{4})(-\d{2}-\d{2})/.exec(date ?? '');
  return m ? `${Number(m[1]) + years}${m[2]}` : undefined;
};

/**
 * `count` articles as JSON lines: round k of the real articles gets ids "-rk" and dates k years
 * on. `firstRound` starts later, for a second batch of new articles.
 */
export function realCorpusLines(count: number, articles = realArticles(), firstRound = 0): string[] {
  const lines: string[] = [];
  for (let round = firstRound; lines.length < count; round++) {
    for (const a of articles) {
      if (lines.length >= count) break;
      const publishedAt = shiftYears(a.meta.publishedAt, round);
      lines.push(
        JSON.stringify({
          id: `${a.name}-r${round}`,
          text: a.text,
          ...(a.meta.title ? { title: a.meta.title } : {}),
          ...(a.meta.source ? { source: a.meta.source } : {}),
          ...(publishedAt ? { publishedAt } : {}),
        }),
      );
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '2000' }, out: { type: 'string' } } });
  const count = Number(values.articles);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--articles must be a positive whole number, not ${values.articles}`);
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, '.data', 'bench', `real-${count}.jsonl`));
  mkdirSync(path.dirname(out), { recursive: true });
  const lines = realCorpusLines(count);
  writeFileSync(out, `${lines.join('\n')}\n`);
  const words = lines.reduce((s, l) => s + (JSON.parse(l) as { text: string }).text.split(/\s+/).filter(Boolean).length, 0);
  process.stderr.write(`${lines.length} real articles (${Math.round(words / lines.length)} words on average) in ${out}\n`);
}
