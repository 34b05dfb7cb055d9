#!/usr/bin/env node
// Builds eval/ner/reuters-style.jsonl (inputs) and reuters-style.gold.jsonl (entity spans, UTF-16
// offsets) from the annotated source reuters-style.src.txt, so text and offsets cannot drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = readFileSync(path.join(here, 'reuters-style.src.txt'), 'utf8');
const MARK = /\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]/g;

const items = [];
let cur = null;
for (const line of src.split('\n')) {
  if (line.startsWith('# ')) continue;
  const head = /^## (\S+) (\d{4}-\d{2}-\d{2})\s*$/.exec(line);
  if (head) {
    cur = { id: head[1], publishedAt: head[2], lines: [] };
    items.push(cur);
  } else if (cur) cur.lines.push(line);
}

const inputs = [], golds = [];
let sentences = 0;
for (const item of items) {
  const marked = item.lines.join('\n').trim();
  let text = '';
  const entities = [];
  let last = 0;
  for (const m of marked.matchAll(MARK)) {
    text += marked.slice(last, m.index);
    const start = text.length;
    text += m[2];
    entities.push({ start, end: text.length, text: m[2], type: m[1] });
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (/[\[\]]/.test(text)) throw new Error(`${item.id}: unbalanced markup near ${JSON.stringify(text.slice(text.search(/[\[\]]/) - 20, text.search(/[\[\]]/) + 20))}`);
  for (const e of entities) if (text.slice(e.start, e.end) !== e.text) throw new Error(`${item.id}: offsets of ${e.text}`);
  // Headline + sentences of the body (a rough count for the README, not used in scoring).
  sentences += 1 + (text.split('\n\n').slice(1).join(' ').match(/[.!?]["”]?(\s|$)/g) ?? []).length;
  inputs.push({ id: item.id, text, publishedAt: item.publishedAt });
  golds.push({ id: item.id, entities });
}
const ids = new Set(items.map((i) => i.id));
if (ids.size !== items.length) throw new Error('duplicate item ids');
writeFileSync(path.join(here, 'reuters-style.jsonl'), inputs.map((x) => JSON.stringify(x)).join('\n') + '\n');
writeFileSync(path.join(here, 'reuters-style.gold.jsonl'), golds.map((x) => JSON.stringify(x)).join('\n') + '\n');
const byType = {};
for (const g of golds) for (const e of g.entities) byType[e.type] = (byType[e.type] ?? 0) + 1;
console.log(`${items.length} items, ~${sentences} sentences, entities ${JSON.stringify(byType)}`);
