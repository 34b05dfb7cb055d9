// Extraction per extractor on real-looking articles (the fixture articles and the sample, each
// about 300–1,200 words): articles/s and tokens/s for the rules and for CoreNLP, and for CoreNLP
// the server's own annotation time beside the whole extraction, so the project's overhead shows
// as a ratio. CoreNLP requests go out `threads` at a time per server, as the seed command sends them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../../server/config.js';
import { analyse } from '../../server/nlp/tokenizer/index.js';
import { getExtractor, type ExtractionTiming } from '../../server/extractors/registry.js';
import { ensureCoreNlp } from '../../server/runtime/corenlp/descriptor.js';

export interface AnnotationRun {
  extractor: string;
  articles: number;
  words: number;
  seconds: number;
  articlesPerS: number;
  tokensPerS: number;
  /** CoreNLP only: summed HTTP round trips to the server, and the whole extraction. */
  annotateS?: number;
  extractS?: number;
  overhead?: number;
  failed: number;
}

interface Doc {
  text: string;
  meta: { publishedAt?: string };
}

function readDocs(): Doc[] {
  const dir = path.join(PROJECT_ROOT, 'test', 'fixtures', 'articles');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => path.join(dir, f));
  files.push(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'));
  return files.map((f) => {
    let meta = {};
    try {
      meta = JSON.parse(readFileSync(f.replace(/\.txt$/, '.meta.json'), 'utf8')) as Doc['meta'];
    } catch {
      /* no sidecar */
    }
    return { text: readFileSync(f, 'utf8'), meta };
  });
}

/** Articles of about 500 words (typical wire copy), each made of consecutive fixture articles. */
function fiveHundredWords(docs: Doc[]): Doc[] {
  const out: Doc[] = [];
  let text = '';
  let meta: Doc['meta'] = {};
  for (const d of docs) {
    if (!text) meta = d.meta;
    text += `${d.text.trim()}\n\n`;
    if (text.split(/\s+/).filter(Boolean).length >= 500) {
      out.push({ text, meta });
      text = '';
    }
  }
  return out;
}

async function run(name: 'rules' | 'corenlp', config: Config, docs: Doc[], rounds: number, label: string = name): Promise<AnnotationRun> {
  const timings: ExtractionTiming[] = [];
  const extract = getExtractor(name, config, { onTiming: (t) => timings.push(t) });
  const window = name === 'corenlp' ? config.corenlp.threads * config.corenlp.urls.length : 1;
  const work = Array.from({ length: rounds }, () => docs).flat();
  const tokens = work.reduce((s, d) => s + analyse(d.text).tokens.filter((t) => t.isWord).length, 0);
  const words = work.reduce((s, d) => s + d.text.split(/\s+/).filter(Boolean).length, 0);
  let failed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < work.length) {
        const d = work[next++]!;
        await extract(d.text, d.meta).catch(() => failed++);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const out: AnnotationRun = { extractor: label, articles: work.length, words, seconds, articlesPerS: work.length / seconds, tokensPerS: tokens / seconds, failed };
  if (name === 'corenlp') {
    out.annotateS = timings.reduce((s, t) => s + t.annotateMs, 0) / 1000;
    out.extractS = timings.reduce((s, t) => s + t.totalMs, 0) / 1000;
    out.overhead = out.extractS / out.annotateS;
  }
  return out;
}

export async function benchAnnotation(config: Config, log: (l: string) => void): Promise<AnnotationRun[]> {
  const docs = readDocs();
  const nlp = await ensureCoreNlp(config.corenlp, { mode: 'attached', log: (l) => log(`[corenlp] ${l}`) });
  try {
    // Warm both paths (JIT, CoreNLP's first-request caches) before measuring.
    await run('corenlp', config, docs.slice(0, 4), 1);
    return [
      await run('rules', config, docs, 5),
      await run('corenlp', config, docs, 2),
      await run('corenlp', config, fiveHundredWords(docs), 2, 'corenlp, wire-length articles joined from fixtures,'),
    ];
  } finally {
    await nlp.stop();
  }
}
