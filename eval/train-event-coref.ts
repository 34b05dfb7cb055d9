// Learns the pairwise event-coreference model (server/resolve/event-coref.ts) on ECB+ dev and
// writes its weights to server/lexicons/event-coref.json.
//
//   npx tsx eval/train-event-coref.ts --data ../shared/data/ecbplus-dev [--cache .data/event-coref-cache] [--folds 9] [--without 2,3] [--out FILE] [--dry-run]
//
// Every article is read as `npm run seed` reads it and extracted with the configured extractor
// (EXTRACTOR, default corenlp; extractions are cached per article and extractor). An extracted
// event takes the gold cluster its mentions overlap most (events overlapping no gold mention are
// left out: ECB+ did not annotate them). Pairs are events of compatible types in two articles of
// one topic (both of its sub-topics, so the model also meets the other happening of the same
// kind), as the resolver would compare them: a pair dated further apart than the type's window,
// or two statements with no speaker in common, is never compared (neverOne). Participants are told apart by topic-level identities (canonical ids joined by
// shared alias keys), as resolution joins them in the graph. Cross-validation holds out whole
// topics; the threshold of each fold is chosen on its training topics.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { loadConfig } from '../server/config.js';
import type { Entity, Extraction } from '../server/extractors/contract.js';
import { getExtractor } from '../server/extractors/registry.js';
import { ArticleInputError, readArticleSources } from '../server/ingest/index.js';
import { featureVector, neverOne, PAIR_FEATURES, pairEvidence, type EventReport } from '../server/resolve/event-coref.js';
import { canonicalId, entityKeys, SURNAME } from '../server/resolve/keys.js';
import { compatibleTypes, TAXONOMY } from '../server/rules/taxonomy.js';

interface GoldMention { doc: string; start: number; end: number; spans: [number, number][] }
interface GoldFile { topic: number; docs: { doc: string; file: string }[]; events: { id: string; mentions: GoldMention[] }[] }

const args = process.argv.slice(2);
const opt = { data: '', cache: '.data/event-coref-cache', folds: 9, dryRun: false, out: 'server/lexicons/event-coref.json', without: [] as number[] };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--data') opt.data = args[++i]!;
  else if (a === '--cache') opt.cache = args[++i]!;
  else if (a === '--folds') opt.folds = Number(args[++i]);
  else if (a === '--dry-run') opt.dryRun = true;
  // Leave these topics out entirely (to measure the model through xdoc-eval.mjs on topics it never saw).
  else if (a === '--without') opt.without = args[++i]!.split(',').map(Number);
  else if (a === '--out') opt.out = args[++i]!;
  else throw new Error(`unknown argument ${a}`);
}
if (!opt.data) throw new Error('usage: train-event-coref.ts --data DIR [--cache DIR] [--folds N] [--without 2,3] [--out FILE] [--dry-run]');
opt.data = resolve(opt.data);

const config = loadConfig(process.env);
const extractorName = config.extractor;
const extract = getExtractor(extractorName, config);
mkdirSync(opt.cache, { recursive: true });

interface Article { doc: string; topic: number; text: string; publishedAt: string | null; extraction: Extraction }

async function readArticle(topic: number, doc: string, file: string): Promise<Article | null> {
  const cacheFile = join(opt.cache, `${extractorName}-${doc}.json`);
  for await (const item of readArticleSources(join(opt.data, file), { maxBytes: config.maxArticleBytes, timeoutMs: 60_000, allowPrivateFetch: false })) {
    if (item instanceof ArticleInputError) return null;
    const publishedAt = item.meta.publishedAt ? item.meta.publishedAt.slice(0, 10) : null;
    if (existsSync(cacheFile)) {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { text: string; extraction: Extraction };
      if (cached.text === item.text) return { doc, topic, text: item.text, publishedAt, extraction: cached.extraction };
    }
    const extraction = await extract(item.text, item.meta);
    writeFileSync(cacheFile, JSON.stringify({ text: item.text, extraction }));
    return { doc, topic, text: item.text, publishedAt, extraction };
  }
  return null;
}

// ---- articles, with a few extractions at a time (the CoreNLP server has threads) ----------------
const golds: GoldFile[] = [];
for (const t of (JSON.parse(readFileSync(join(opt.data, 'index.json'), 'utf8')) as { topic: number }[]).map((d) => d.topic)) {
  if (!golds.some((g) => g.topic === t) && !opt.without.includes(t)) golds.push(JSON.parse(readFileSync(join(opt.data, 'gold', `${String(t).padStart(2, '0')}.gold.json`), 'utf8')));
}
const jobs = golds.flatMap((g) => g.docs.map((d) => ({ topic: g.topic, doc: d.doc, file: d.file })));
const articles: Article[] = [];
let next = 0;
let done = 0;
await Promise.all(
  Array.from({ length: 3 }, async () => {
    while (next < jobs.length) {
      const j = jobs[next++]!;
      const a = await readArticle(j.topic, j.doc, j.file);
      if (a) articles.push(a);
      if (++done % 50 === 0) process.stderr.write(`  ${done}/${jobs.length} articles\n`);
    }
  }),
);
articles.sort((a, b) => (a.doc < b.doc ? -1 : 1));

// ---- events with their gold cluster and participants ---------------------------------------------
interface LabelledEvent { topic: number; doc: string; cluster: string; report: EventReport }

/** Topic-level identities: canonical ids joined when they share a name key (as alias resolution joins them). */
function identities(entities: Entity[]): Map<Entity, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const union = (a: string, b: string) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const byKey = new Map<string, string>();
  const id = new Map<Entity, string>();
  for (const e of entities) {
    const c = canonicalId(e);
    id.set(e, c);
    if (!parent.has(c)) parent.set(c, c);
    for (const k of entityKeys(e)) {
      if (k.startsWith(SURNAME) && e.name.includes(' ')) continue;
      const prev = byKey.get(k);
      if (prev) union(prev, c);
      else byKey.set(k, c);
    }
  }
  return new Map([...id].map(([e, c]) => [e, find(c)]));
}

const events: LabelledEvent[] = [];
for (const g of golds) {
  const mine = articles.filter((a) => a.topic === g.topic);
  const ids = identities(mine.flatMap((a) => a.extraction.entities.filter((e) => e.type === 'actor' || e.type === 'place')));
  for (const a of mine) {
    const byLocal = new Map(a.extraction.entities.map((e) => [e.id, e]));
    const gold = g.events.flatMap((c) => c.mentions.filter((m) => m.doc === a.doc).map((m) => ({ cluster: c.id, m })));
    for (const ev of a.extraction.entities) {
      if (ev.type !== 'event' || !ev.eventType) continue;
      const votes = new Map<string, number>();
      for (const s of ev.mentions) for (const { cluster, m } of gold) {
        if (m.spans.some(([gs, ge]) => Math.min(ge, s.end) > Math.max(gs, s.start))) votes.set(cluster, (votes.get(cluster) ?? 0) + 1);
      }
      const best = [...votes].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
      if (!best) continue;
      const actorIds = new Set<string>(), placeIds = new Set<string>();
      for (const r of a.extraction.relations) {
        const other = r.source === ev.id ? r.target : r.target === ev.id ? r.source : null;
        const o = other ? byLocal.get(other) : undefined;
        if (!o || !ids.has(o)) continue;
        (o.type === 'place' ? placeIds : actorIds).add(ids.get(o)!);
      }
      events.push({
        topic: g.topic, doc: a.doc, cluster: `${g.topic}|${best[0]}`,
        report: { eventType: ev.eventType, date: ev.date ?? null, reportDates: a.publishedAt ? [a.publishedAt] : [], actorIds: [...actorIds].sort(), placeIds: [...placeIds].sort(), words: [ev.name, ...ev.aliases] },
      });
    }
  }
}

// ---- pairs ----------------------------------------------------------------------------------------
const windowOf = (t: string) => TAXONOMY.types[t]?.windowDays ?? 3;
interface Pair { topic: number; x: number[]; y: number }
const pairs: Pair[] = [];
for (const g of golds) {
  const evs = events.filter((e) => e.topic === g.topic);
  for (let i = 0; i < evs.length; i++) for (let j = 0; j < i; j++) {
    const a = evs[i]!, b = evs[j]!;
    if (a.doc === b.doc || !compatibleTypes(TAXONOMY, a.report.eventType, b.report.eventType)) continue;
    const w = Math.max(windowOf(a.report.eventType), windowOf(b.report.eventType));
    // What the resolver never compares (dated beyond the window, statements of different speakers) is left out here too.
    if (neverOne(a.report, b.report, w)) continue;
    const ev = pairEvidence(a.report, b.report, w);
    pairs.push({ topic: g.topic, x: featureVector(ev.features), y: a.cluster === b.cluster ? 1 : 0 });
  }
}
const positives = pairs.filter((p) => p.y).length;
console.log(`${articles.length} articles, ${events.length} labelled events, ${pairs.length} candidate pairs (${positives} coreferent), extractor ${extractorName}`);

// ---- training and cross-validation by topic -------------------------------------------------------
function train(ps: Pair[]): number[] {
  const lr = new LogisticRegression({ numSteps: 8000, learningRate: 4 / Math.max(1, ps.length) });
  lr.train(new Matrix(ps.map((p) => p.x)), Matrix.columnVector(ps.map((p) => p.y)));
  // Class 0's one-vs-all classifier scores "not class 0", i.e. coreferent.
  return (lr.toJSON().classifiers[0] as unknown as { weights: Matrix }).weights.to1DArray();
}
const prob = (w: number[], x: number[]) => 1 / (1 + Math.exp(-x.reduce((s, v, k) => s + v * w[k]!, 0)));
function prf(ps: Pair[], w: number[], t: number) {
  let tp = 0, fp = 0, fn = 0;
  for (const p of ps) {
    const yes = prob(w, p.x) >= t;
    if (yes && p.y) tp++;
    else if (yes) fp++;
    else if (p.y) fn++;
  }
  const P = tp + fp ? tp / (tp + fp) : 0, R = tp + fn ? tp / (tp + fn) : 0;
  return { P, R, F1: P + R ? (2 * P * R) / (P + R) : 0, tp, fp, fn };
}
function bestThreshold(ps: Pair[], w: number[]): number {
  let best = { t: 0.5, f: -1 };
  for (let t = 0.05; t < 0.96; t += 0.05) {
    const f = prf(ps, w, t).F1;
    if (f > best.f) best = { t: Math.round(t * 100) / 100, f };
  }
  return best.t;
}

const topics = golds.map((g) => g.topic).sort((a, b) => a - b);
let tp = 0, fp = 0, fn = 0;
for (let k = 0; k < opt.folds; k++) {
  const held = new Set(topics.filter((_, i) => i % opt.folds === k));
  const trainSet = pairs.filter((p) => !held.has(p.topic)), test = pairs.filter((p) => held.has(p.topic));
  const w = train(trainSet);
  const t = bestThreshold(trainSet, w);
  const s = prf(test, w, t);
  tp += s.tp; fp += s.fp; fn += s.fn;
  console.log(`fold ${k + 1} (topics ${[...held].join(',')}): threshold ${t}, held-out pairs P ${s.P.toFixed(3)} R ${s.R.toFixed(3)} F1 ${s.F1.toFixed(3)}`);
}
const cvP = tp / Math.max(1, tp + fp), cvR = tp / Math.max(1, tp + fn), cvF1 = cvP + cvR ? (2 * cvP * cvR) / (cvP + cvR) : 0;
console.log(`cross-validated by topic (${opt.folds} folds): pair P ${cvP.toFixed(3)} R ${cvR.toFixed(3)} F1 ${cvF1.toFixed(3)}`);

const weights = train(pairs);
const threshold = bestThreshold(pairs, weights);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
console.log(`all topics: threshold ${threshold}; weights ${PAIR_FEATURES.map((f, i) => `${f} ${r3(weights[i]!)}`).join(', ')}`);
if (!opt.dryRun) {
  const prev = JSON.parse(readFileSync(existsSync(opt.out) ? opt.out : 'server/lexicons/event-coref.json', 'utf8')) as { storyEvents: number };
  const model = {
    _format: [
      'The pairwise event-coreference model (server/resolve/event-coref.ts): logistic regression over the pair features, probability = sigmoid(sum of weight x feature).',
      'Written by `npx tsx eval/train-event-coref.ts --data ../shared/data/ecbplus-dev`; do not edit the weights by hand. storyEvents is set by hand and kept by the script.',
    ],
    weights: Object.fromEntries(PAIR_FEATURES.map((f, i) => [f, r3(weights[i]!)])),
    threshold,
    storyEvents: prev.storyEvents,
    trainedOn: `ECB+ dev (${topics.length} topics, ${articles.length} articles, ${pairs.length} candidate pairs of ${events.length} labelled events, extractor ${extractorName})`,
    scores: { folds: opt.folds, crossValidatedPairP: r3(cvP), crossValidatedPairR: r3(cvR), crossValidatedPairF1: r3(cvF1) },
  };
  writeFileSync(opt.out, JSON.stringify(model, null, 2) + '\n');
  console.log(`wrote ${opt.out}`);
}
