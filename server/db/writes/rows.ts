// Row shaping: what the article writer sends as statement parameters, computed from the
// article and its resolved graph with no database. Rows go in key order so concurrent writers
// lock shared nodes in the same order (fewer deadlocks).
import { createHash } from 'node:crypto';
import type { Extraction, RelationType } from '../../extractors/contract.js';
import { RELATION_TYPES } from '../../extractors/contract.js';
import type { ArticleInput } from '../../ingest/index.js';
import type { ResolvedGraph } from '../../resolve/index.js';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** sha256 of the text and the metadata (keys sorted), so any edit to either counts as a change. */
export function contentHash(article: Pick<ArticleInput, 'text' | 'meta'>): string {
  const meta = Object.fromEntries(Object.entries(article.meta).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify({ text: article.text, meta })).digest('hex');
}

export interface ArticleRow {
  id: string;
  now: string;
  title: string | null;
  source: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  contentHash: string;
  text: string;
  language: string;
}

export function articleRow(article: ArticleInput, extraction: Extraction, hash: string, now: string): ArticleRow {
  const meta = article.meta;
  return {
    id: article.id,
    now,
    title: meta.title ?? extraction.article.title ?? null,
    source: meta.source ?? null,
    author: meta.author ?? null,
    url: meta.url ?? null,
    publishedAt: meta.publishedAt ?? null,
    contentHash: hash,
    text: article.text,
    language: meta.language ?? 'en',
  };
}

/** What every fact and evidence row of one article shares: where and when it was said. */
export interface Provenance {
  articleId: string;
  outlet: string | null;
  outlets: string[];
  publishedAt: string | null;
}

export function provenanceOf(id: string, meta: ArticleInput['meta']): Provenance {
  const outlet = meta.source ?? null;
  return { articleId: id, outlet, outlets: outlet === null ? [] : [outlet], publishedAt: meta.publishedAt ?? null };
}

export type EntityRow = ReturnType<typeof entityRows>[number];

export function entityRows(graph: ResolvedGraph) {
  return [...graph.entities].sort((a, b) => byText(a.id, b.id)).map((e) => ({
    id: e.id,
    label: e.label,
    name: e.name,
    kind: e.kind,
    eventType: e.eventType,
    date: e.date,
    status: e.status,
    cameo: e.cameo,
    goldstein: e.goldstein,
    amounts: e.amounts,
    placeKind: e.placeKind,
    countryCode: e.countryCode,
    latitude: e.latitude,
    longitude: e.longitude,
    aliases: e.aliases,
    aliasKeys: e.aliasKeys,
    localId: e.localIds.join(','),
    localName: e.name,
    mentions: JSON.stringify(e.mentions.map((m) => ({ text: m.text, start: m.start, end: m.end }))),
    count: e.mentions.length,
    resolvedBy: e.resolvedBy,
    matchedOn: e.matchedOn,
  }));
}

/** A new article's names for an entity, and the name the entity had before this write. */
export interface AliasRow {
  id: string;
  aliases: string[];
  aliasKeys: string[];
  before: string;
}

export type EvidenceRow = ReturnType<typeof evidenceRows>[number];

export function evidenceRows(graph: ResolvedGraph) {
  return graph.facts.map((f) => ({ type: f.type, source: f.source, target: f.target, evidence: f.evidence, start: f.start, end: f.end, confidence: f.confidence }));
}

export interface SummaryRow {
  type: RelationType;
  source: string;
  target: string;
  evidenceCount: number;
  confidence: number;
}

/** The article's facts folded to one row per (source, type, target), in key order (lock order). */
export function summaryRows(graph: ResolvedGraph): SummaryRow[] {
  const byKey = new Map<string, SummaryRow>();
  for (const f of graph.facts) {
    const key = `${f.source}|${f.type}|${f.target}`;
    const prev = byKey.get(key);
    if (prev) {
      prev.evidenceCount += 1;
      prev.confidence = Math.max(prev.confidence, f.confidence);
    } else byKey.set(key, { type: f.type, source: f.source, target: f.target, evidenceCount: 1, confidence: f.confidence });
  }
  return [...byKey.entries()].sort(([a], [b]) => byText(a, b)).map(([, v]) => v);
}

export interface Pair {
  a: string;
  b: string;
}

/** The unordered entity pairs these facts join, once each. */
export function pairsOf(rows: readonly { source: string; target: string }[]): Pair[] {
  const out = new Map<string, Pair>();
  for (const r of rows) {
    const [a, b] = r.source < r.target ? [r.source, r.target] : [r.target, r.source];
    out.set(`${a}|${b}`, { a, b });
  }
  return [...out.values()];
}

export interface DegreeDelta {
  id: string;
  delta: number;
}

/** How each end's degree changes when these pairs gain (+1) or lose (-1) their only link. */
export function degreeDeltas(pairs: readonly Pair[], delta: number): DegreeDelta[] {
  const by = new Map<string, number>();
  for (const p of pairs) for (const id of [p.a, p.b]) by.set(id, (by.get(id) ?? 0) + delta);
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, d]) => ({ id, delta: d }));
}
