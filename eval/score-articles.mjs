#!/usr/bin/env node
// Held-out article scores: builds the extraction batch for eval/articles and scores each article's
// extraction with the shared reference scorer (../shared/tools/score-extraction.mjs), then prints
// one row per article and the macro average over articles.
//
//   node eval/score-articles.mjs --batch > articles.jsonl          one JSON line per article (text + sidecar metadata)
//   node eval/score-articles.mjs [--json] EXTRACTED.jsonl          the extractor's answers to that batch
//
// SCORE_EXTRACTION overrides the scorer's path. Exit status: 0 scored, 2 bad arguments or input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const articlesDir = path.join(here, 'articles');
const goldDir = path.join(here, 'gold');
const scorer = process.env.SCORE_EXTRACTION || path.resolve(here, '..', '..', 'shared', 'tools', 'score-extraction.mjs');
const names = readdirSync(articlesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => f.replace(/\.txt$/, ''));

function fail(msg) {
  console.error(`score-articles: ${msg}`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args[0] === '--batch') {
  for (const name of names) {
    const meta = JSON.parse(readFileSync(path.join(articlesDir, `${name}.meta.json`), 'utf8'));
    const text = readFileSync(path.join(articlesDir, `${name}.txt`), 'utf8');
    process.stdout.write(`${JSON.stringify({ id: name, text, title: meta.title, source: meta.source, author: meta.author, publishedAt: meta.publishedAt })}\n`);
  }
  process.exit(0);
}
const json = args.includes('--json');
const input = args.find((a) => a !== '--json');
if (!input) fail('usage: score-articles.mjs --batch | [--json] EXTRACTED.jsonl');
if (!existsSync(scorer)) fail(`the shared scorer is not at ${scorer} (set SCORE_EXTRACTION)`);

const answers = new Map();
for (const line of readFileSync(input, 'utf8').split('\n')) {
  if (!line.trim().startsWith('{')) continue;
  const o = JSON.parse(line);
  answers.set(o.id, o);
}

const work = mkdtempSync(path.join(tmpdir(), 'eval-articles-'));
const rows = [];
try {
  for (const name of names) {
    const answer = answers.get(name);
    if (!answer || answer.error) {
      rows.push({ name, error: answer?.error?.reason ?? 'no answer' });
      continue;
    }
    const file = path.join(work, `${name}.json`);
    writeFileSync(file, JSON.stringify(answer));
    const r = spawnSync(process.execPath, [scorer, '--gold', path.join(goldDir, `${name}.gold.json`), '--text', path.join(articlesDir, `${name}.txt`), '--json', file], { encoding: 'utf8' });
    if (r.status !== 0) fail(`scoring ${name}: ${r.stderr.trim()}`);
    rows.push({ name, ...JSON.parse(r.stdout) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// An article that failed to extract scores zero on everything it has gold for.
const metric = (row, get) => (row.error ? 0 : get(row));
const metrics = {
  actorsF1: (r) => r.actors.f1,
  actorsP: (r) => r.actors.precision,
  actorsR: (r) => r.actors.recall,
  placesF1: (r) => r.places.f1,
  eventsP: (r) => r.events.precision,
  eventsR: (r) => r.events.recall,
  eventDates: (r) => r.events.dateAccuracy,
  issuesR: (r) => r.issues.recall,
  linksR: (r) => r.links.recall,
};
const macro = {};
for (const [k, get] of Object.entries(metrics)) {
  const vals = rows.map((r) => metric(r, get)).filter((v) => v != null);
  macro[k] = vals.length ? Math.round((vals.reduce((a, b) => a + b, 0) / vals.length) * 1000) / 1000 : null;
}

if (json) {
  console.log(JSON.stringify({ scorer, articles: rows.length, macro, rows }, null, 2));
} else {
  const f = (x) => (x == null ? '  n/a' : x.toFixed(3));
  const width = Math.max(...names.map((n) => n.length));
  console.log(`${'article'.padEnd(width)}  actF1  actP   actR   evtP   evtR   issR   linkR`);
  for (const r of rows) {
    if (r.error) { console.log(`${r.name.padEnd(width)}  extraction failed: ${r.error}`); continue; }
    console.log(`${r.name.padEnd(width)}  ${[r.actors.f1, r.actors.precision, r.actors.recall, r.events.precision, r.events.recall, r.issues.recall, r.links.recall].map(f).join('  ')}`);
  }
  console.log(`${'macro average'.padEnd(width)}  ${[macro.actorsF1, macro.actorsP, macro.actorsR, macro.eventsP, macro.eventsR, macro.issuesR, macro.linksR].map(f).join('  ')}`);
  console.log(`(places F1 ${f(macro.placesF1)}, event date accuracy ${f(macro.eventDates)}; ${rows.length} articles, scorer ${path.relative(process.cwd(), scorer)})`);
}
