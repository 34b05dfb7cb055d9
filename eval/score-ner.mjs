#!/usr/bin/env node
// Scores entity spans of a batch extraction against the held-out CoNLL-style NER gold.
// It runs nothing itself: feed it what the extractor printed for eval/ner/reuters-style.jsonl.
//
//   npm run --silent extract -- eval/ner/reuters-style.jsonl --json | node eval/score-ner.mjs -
//   node eval/score-ner.mjs [--gold G.jsonl] [--input I.jsonl] [--json] [--errors N] EXTRACTED.jsonl|-
//
// --errors N lists the first N wrong spans. Off by default: the texts are held out, and error
// lists are how held-out names leak into lexicons.
//
// Predicted spans: every mention of an actor (person -> PER, organization and group -> ORG,
// country -> LOC) and of a place (LOC). A span is correct only with the exact start, end and type.
// MISC is not scored: a prediction that exactly covers a gold MISC span is neither right nor wrong
// (CoNLL marks demonyms such as "Chinese" MISC; an extractor may legitimately map them to a country).
// Exit status: 0 scored, 2 bad arguments, unreadable input or gold offsets that do not fit the text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLASSES = ['PER', 'ORG', 'LOC'];

function usage(msg) {
  if (msg) console.error(`score-ner: ${msg}`);
  console.error('usage: score-ner.mjs [--gold G.jsonl] [--input I.jsonl] [--json] [--errors N] EXTRACTED.jsonl|-');
  process.exit(2);
}

const opt = { gold: path.join(here, 'ner', 'reuters-style.gold.jsonl'), input: path.join(here, 'ner', 'reuters-style.jsonl'), json: false, errors: 0 };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--gold') opt.gold = args[++i];
  else if (a === '--input') opt.input = args[++i];
  else if (a === '--json') opt.json = true;
  else if (a === '--errors') opt.errors = Number(args[++i]);
  else if (a === '-h' || a === '--help') usage();
  else if (!opt.extracted) opt.extracted = a;
  else usage(`unexpected argument ${a}`);
}
if (!opt.extracted) usage('missing EXTRACTED.jsonl (or - for stdin)');

function readLines(file, what) {
  let raw;
  try { raw = readFileSync(file === '-' ? 0 : file, 'utf8'); } catch (e) { usage(`cannot read ${what} ${file}: ${e.message}`); }
  const out = [];
  for (const [n, line] of raw.split('\n').entries()) {
    if (!line.trim().startsWith('{')) continue;
    try { out.push(JSON.parse(line)); } catch (e) { usage(`${what} ${file} line ${n + 1}: ${e.message}`); }
  }
  return out;
}

const inputs = new Map(readLines(opt.input, 'input').map((x) => [x.id, x]));
const gold = readLines(opt.gold, 'gold');
const extracted = new Map(readLines(opt.extracted, 'extraction').map((x) => [x.id, x]));

// The gold must fit its text exactly, or every figure below is meaningless.
for (const g of gold) {
  const text = inputs.get(g.id)?.text;
  if (text === undefined) usage(`gold id ${g.id} is not in ${opt.input}`);
  for (const e of g.entities) {
    if (text.slice(e.start, e.end) !== e.text) usage(`gold ${g.id}: [${e.start},${e.end}) is ${JSON.stringify(text.slice(e.start, e.end))}, not ${JSON.stringify(e.text)}`);
  }
}

function classOf(entity) {
  if (entity?.type === 'place') return 'LOC';
  if (entity?.type !== 'actor') return null;
  return { person: 'PER', organization: 'ORG', group: 'ORG', country: 'LOC' }[entity.kind] ?? null;
}

const counts = Object.fromEntries(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
const errors = [];
let failedItems = 0, missingItems = 0;
for (const g of gold) {
  const text = inputs.get(g.id).text;
  const out = extracted.get(g.id);
  if (!out) missingItems++;
  else if (out.error) failedItems++;
  const goldSpans = new Map(g.entities.map((e) => [`${e.start}:${e.end}`, e]));
  const predicted = new Map();
  for (const e of out?.entities ?? []) {
    const cls = classOf(e);
    if (!cls) continue;
    for (const m of e.mentions ?? []) predicted.set(`${m.start}:${m.end}:${cls}`, { start: m.start, end: m.end, cls, text: text.slice(m.start, m.end) });
  }
  const hit = new Set();
  for (const p of predicted.values()) {
    const ge = goldSpans.get(`${p.start}:${p.end}`);
    if (ge?.type === 'MISC') continue;
    if (ge && ge.type === p.cls) { counts[p.cls].tp++; hit.add(`${p.start}:${p.end}`); }
    else {
      counts[p.cls].fp++;
      errors.push(`${g.id} extra ${p.cls} "${p.text}"${ge ? ` (gold ${ge.type})` : ''}`);
    }
  }
  for (const e of g.entities) {
    if (!CLASSES.includes(e.type) || hit.has(`${e.start}:${e.end}`)) continue;
    counts[e.type].fn++;
    errors.push(`${g.id} missed ${e.type} "${e.text}"`);
  }
}

const round = (x) => Math.round(x * 1000) / 1000;
function prf({ tp, fp, fn }) {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { precision: round(p), recall: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), tp, fp, fn };
}
const perClass = Object.fromEntries(CLASSES.map((c) => [c, prf(counts[c])]));
const micro = prf(CLASSES.reduce((s, c) => ({ tp: s.tp + counts[c].tp, fp: s.fp + counts[c].fp, fn: s.fn + counts[c].fn }), { tp: 0, fp: 0, fn: 0 }));
const summary = { items: gold.length, failedItems, missingItems, perClass, micro };

if (opt.json) console.log(JSON.stringify({ ...summary, errors: errors.slice(0, opt.errors) }, null, 2));
else {
  const fix = (x) => x.toFixed(3);
  const row = (name, s) => `${name.padEnd(6)} P=${fix(s.precision)} R=${fix(s.recall)} F1=${fix(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  console.log(`NER spans, ${gold.length} items${failedItems ? `, ${failedItems} failed` : ''}${missingItems ? `, ${missingItems} missing from the output` : ''}`);
  for (const c of CLASSES) console.log(row(c, perClass[c]));
  console.log(row('micro', micro));
  if (opt.errors > 0 && errors.length) console.log(`first ${Math.min(opt.errors, errors.length)} of ${errors.length} errors: ${errors.slice(0, opt.errors).join('; ')}`);
}
