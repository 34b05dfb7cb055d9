// Draws random nodes of one label from the graph with a fixed seed and prints what a reader needs
// to judge each by hand (eval/JUDGED.md): name, type or kind, date, coordinates and country code,
// an event's participants with their roles, and for up to two supporting articles the article,
// its date, the spans that name the node and the evidence sentences.
//
//   tsx eval/sample-nodes.ts --label Event|Actor|Place [--n 40] [--seed 1] [--json]
//
// Connects to NEO4J_URI, else the project's own Neo4j on NEO4J_BOLT_PORT (server/config.ts).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { closeDb, createDb } from '../server/db/driver.js';
import { entityIdsOfLabel, findSampledNodes, type SampleArticle, type SampledNode } from '../server/db/reads/sample.js';
import { isEntityLabel, type EntityLabel } from '../server/labels.js';
// The benchmark corpus's seeded generator (mulberry32), so a seed names one sample of a given graph.
import { prng as seededRandom } from '../bench/corpus.js';

/** `n` distinct items drawn without replacement (a partial Fisher–Yates shuffle of a copy). */
export function drawSample<T>(items: readonly T[], n: number, seed: number): T[] {
  const pool = [...items];
  const next = seededRandom(seed);
  const k = Math.min(n, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}

/** The sentence of `text` around [start, end): back to a line break or a stop followed by a space, on to the next. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && text[from - 1] !== '\n' && !(/[.!?]/.test(text[from - 2] ?? '') && /\s/.test(text[from - 1]!))) from--;
  let to = end;
  while (to < text.length && text[to] !== '\n' && !(/[.!?]/.test(text[to]!) && (to + 1 === text.length || /\s/.test(text[to + 1]!)))) to++;
  return text.slice(from, Math.min(text.length, to + (text[to] === '\n' ? 0 : 1))).trim();
}

function mentionSentences(a: SampleArticle): string[] {
  return [...new Set(a.mentions.map((m) => sentenceAround(a.text, m.start, m.end)))];
}

export function formatNode(n: SampledNode, index: number): string {
  const e = n.entity;
  const lines = [`#${index + 1} ${e.id}`, `  name: ${e.name}${e.aliases.length ? `  (aliases: ${e.aliases.join(' | ')})` : ''}`];
  if (e.type === 'ACTOR') lines.push(`  kind: ${e.kind}`);
  if (e.type === 'EVENT') {
    lines.push(`  type: ${e.eventType}  status: ${e.status}  date: ${e.date ?? '-'}${e.amounts.length ? `  amounts: ${e.amounts.map((a) => a.text).join(', ')}` : ''}`);
    lines.push(`  participants: ${n.participants.map((p) => `${p.name} [${p.kind ?? '?'}] ${p.role}`).join('; ') || '-'}`);
    lines.push(`  places: ${n.places.map((p) => p.name).join('; ') || '-'}`);
  }
  if (e.type === 'PLACE' || e.latitude !== null) {
    lines.push(`  place: ${e.placeKind ?? '-'}  country: ${e.countryCode ?? '-'}  coordinates: ${e.latitude ?? '-'}, ${e.longitude ?? '-'}`);
  }
  for (const a of n.articles) {
    lines.push(`  article ${a.articleId} (${a.source ?? '-'}, ${a.publishedAt ?? 'undated'}, ${a.resolvedBy ?? '-'}): ${a.title ?? ''}`);
    for (const s of mentionSentences(a)) lines.push(`    mention: ${s}`);
    for (const ev of a.evidence) lines.push(`    ${ev.type} ${ev.source} -> ${ev.target}: ${ev.sentence}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      label: { type: 'string' },
      n: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  const label = values.label ?? '';
  const n = Number(values.n);
  const seed = Number(values.seed);
  if (!isEntityLabel(label) || !Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    process.stderr.write('Usage: tsx eval/sample-nodes.ts --label Event|Actor|Place|Issue [--n 40] [--seed 1] [--json]\n');
    process.exit(2);
  }
  const db = createDb(loadConfig());
  try {
    const ids = await entityIdsOfLabel(db, label as EntityLabel);
    const drawn = drawSample(ids, n, seed);
    const nodes = await findSampledNodes(db, drawn);
    if (values.json) {
      const out = nodes.map((node) => ({
        ...node,
        articles: node.articles.map(({ text, ...a }) => ({ ...a, mentionSentences: mentionSentences({ text, ...a }) })),
      }));
      process.stdout.write(`${JSON.stringify({ label, n, seed, population: ids.length, nodes: out }, null, 2)}\n`);
    } else {
      process.stdout.write(`${label}: ${drawn.length} of ${ids.length} nodes, seed ${seed}\n\n`);
      process.stdout.write(nodes.map(formatNode).join('\n\n') + '\n');
    }
  } finally {
    await closeDb(db);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
