// Extraction throughput: the rule-based extractor on the sample article (repeated) and on the
// generated corpus (each article once), in articles/s and KB/s of article text.
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { extractArticle } from '../../server/rules/index.js';
import { readArticleSources, type ArticleInput } from '../../server/ingest/index.js';

export interface ExtractionRun {
  label: string;
  articles: number;
  bytes: number;
  seconds: number;
  articlesPerS: number;
  kbPerS: number;
  entities: number;
  relations: number;
}

function measure(label: string, inputs: readonly ArticleInput[], minSeconds: number): ExtractionRun {
  let articles = 0;
  let bytes = 0;
  let entities = 0;
  let relations = 0;
  const sizes = inputs.map((a) => Buffer.byteLength(a.text, 'utf8'));
  const started = performance.now();
  // At least one pass; more passes over small inputs until the clock has something to measure.
  do {
    inputs.forEach((a, i) => {
      const x = extractArticle(a.text, a.meta);
      entities += x.entities.length;
      relations += x.relations.length;
      bytes += sizes[i] as number;
      articles++;
    });
  } while ((performance.now() - started) / 1000 < minSeconds);
  const seconds = (performance.now() - started) / 1000;
  return { label, articles, bytes, seconds, articlesPerS: articles / seconds, kbPerS: bytes / 1024 / seconds, entities, relations };
}

export async function readSampleArticles(): Promise<ArticleInput[]> {
  const out: ArticleInput[] = [];
  for await (const r of readArticleSources(path.join(PROJECT_ROOT, 'seeds'), { maxBytes: 2_000_000 })) {
    if (r instanceof Error) throw r;
    out.push(r);
  }
  if (out.length === 0) throw new Error('no sample article found in seeds/');
  return out;
}

export async function benchExtraction(corpus: readonly ArticleInput[]): Promise<ExtractionRun[]> {
  const sample = await readSampleArticles();
  // Warm the JIT and the lexicon caches so the first measurement is not the cold start.
  measure('warm-up', corpus.slice(0, 50), 0);
  const bytes = sample.reduce((s, a) => s + Buffer.byteLength(a.text), 0);
  return [
    measure(`sample (${sample.length} article${sample.length === 1 ? '' : 's'}, ${(bytes / 1024).toFixed(1)} KB, repeated ≥2 s)`, sample, 2),
    measure(`generated corpus (${corpus.length} articles, once)`, corpus, 0),
  ];
}
