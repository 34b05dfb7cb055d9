// A model-backed extractor behind the same interface as the rule-based one. It talks to any
// OpenAI-compatible chat-completions endpoint (Ollama, vLLM, hosted APIs) and trusts nothing the
// model says about positions: every mention and evidence is looked up verbatim in the article,
// and facts whose evidence is not there are dropped and counted.
import { z } from 'zod';
import type { Config } from '../../config.js';
import {
  RELATION_TYPES,
  isRelationType,
  type ActorKind,
  type ArticleMeta,
  type Entity,
  type EntityType,
  type EventStatus,
  type Extraction,
  type Mention,
  type Relation,
} from '../contract.js';

export type LlmErrorCode = 'unreachable' | 'timeout' | 'http-error' | 'invalid-response';

export class LlmExtractorError extends Error {
  override name = 'LlmExtractorError';
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DroppedFact {
  what: 'relation' | 'entity' | 'mention';
  reason: 'evidence-not-verbatim' | 'unknown-entity' | 'unknown-relation-type' | 'not-in-text';
  detail: string;
}

export interface LlmDiagnostics {
  chunks: number;
  /** Relations dropped because their evidence is not verbatim in the article text. */
  droppedNonVerbatimEvidence: number;
  /** All relations dropped, for any reason. */
  droppedRelations: number;
  droppedEntities: number;
  dropped: DroppedFact[];
}

export interface LlmExtractorOptions {
  fetch?: typeof fetch;
  /** Longest chunk sent in one request, in characters; chunks break between paragraphs. */
  maxChunkChars?: number;
}

// ---------------------------------------------------------------------------------------------
// What the model is asked for: names and quotes only, never offsets.

const ENTITY_TYPES = ['actor', 'issue', 'event', 'place'] as const;
const ACTOR_KINDS = ['person', 'organization', 'country', 'group'] as const;
const STATUSES = ['occurred', 'planned', 'hypothetical', 'negated', 'denied'] as const;

/** JSON schema for `response_format` (strict-mode compatible: every key required, nulls allowed). */
export const MODEL_OUTPUT_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['entities', 'relations'],
  properties: {
    entities: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type', 'kind', 'aliases', 'mentions', 'date', 'eventType', 'status'],
        properties: {
          name: { type: 'string' },
          type: { type: 'string', enum: ENTITY_TYPES },
          kind: { type: ['string', 'null'], enum: [...ACTOR_KINDS, null] },
          aliases: { type: 'array', items: { type: 'string' } },
          mentions: { type: 'array', items: { type: 'string' } },
          date: { type: ['string', 'null'] },
          eventType: { type: ['string', 'null'] },
          status: { type: ['string', 'null'], enum: [...STATUSES, null] },
        },
      },
    },
    relations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'target', 'type', 'evidence', 'confidence'],
        properties: {
          source: { type: 'string' },
          target: { type: 'string' },
          type: { type: 'string', enum: RELATION_TYPES },
          evidence: { type: 'string' },
          confidence: { type: 'number' },
        },
      },
    },
  },
} as const;

// Lenient on shape details models get wrong (missing arrays, nulls), strict on what matters.
const nullish = <T extends z.ZodTypeAny>(t: T) => t.nullish().transform((v) => v ?? undefined);
const ModelEntity = z.object({
  name: z.string().min(1),
  type: z.enum(ENTITY_TYPES),
  kind: nullish(z.enum(ACTOR_KINDS).catch(undefined as never)),
  aliases: z.array(z.string()).nullish().transform((v) => v ?? []),
  mentions: z.array(z.string()).nullish().transform((v) => v ?? []),
  date: nullish(z.string()),
  eventType: nullish(z.string()),
  status: nullish(z.enum(STATUSES).catch(undefined as never)),
});
const ModelRelation = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  type: z.string().min(1),
  evidence: z.string(),
  confidence: z.number().nullish().transform((v) => (v === undefined || v === null ? 0.7 : Math.min(1, Math.max(0, v)))),
});
export const ModelOutput = z.object({
  entities: z.array(ModelEntity).nullish().transform((v) => v ?? []),
  relations: z.array(ModelRelation).nullish().transform((v) => v ?? []),
});
export type ModelOutput = z.infer<typeof ModelOutput>;

const ChatResponse = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }) }))
    .min(1, 'no choices in the answer'),
});

const SYSTEM_PROMPT = `You extract a knowledge graph from one news article excerpt.
Return JSON only, matching the given schema.
entities: every actor (kind: person, organization, country or group), issue (a policy topic such as "tariffs" or "intellectual property"), event (something that happened, is planned, or is hypothetical; give date as YYYY, YYYY-MM or YYYY-MM-DD when the text says when, resolving relative dates against the publication date; eventType a short verb phrase like "meeting", "talks", "sanction"), and place.
For each entity give "mentions": the exact strings as they appear in the text (copy them character for character), and "aliases": other names for it in the text.
relations: facts between two entities named exactly as in "entities". type is one of: ${RELATION_TYPES.join(', ')}.
"evidence" must be the full sentence from the text that states the fact, copied exactly, character for character. Do not paraphrase. Leave out any fact you cannot quote.
confidence is between 0 and 1.`;

// ---------------------------------------------------------------------------------------------
// Chunking: paragraphs stay whole when they fit; offsets are kept so mentions map back.

export interface Chunk {
  start: number;
  end: number;
  text: string;
}

export function chunkByParagraphs(text: string, maxChars: number): Chunk[] {
  const pieces: Array<[number, number]> = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let at = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    pieces.push([at, m.index]);
    at = m.index + m[0].length;
  }
  pieces.push([at, text.length]);
  // Paragraphs longer than a chunk are cut after a sentence end, or at a space if need be.
  const fitted: Array<[number, number]> = [];
  for (const [s, e] of pieces) {
    let from = s;
    while (e - from > maxChars) {
      const window = text.slice(from, from + maxChars);
      const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
      const cut = sentenceEnd > maxChars / 3 ? sentenceEnd + 2 : window.lastIndexOf(' ') > maxChars / 3 ? window.lastIndexOf(' ') + 1 : maxChars;
      fitted.push([from, from + cut]);
      from += cut;
    }
    if (e > from) fitted.push([from, e]);
  }
  const chunks: Chunk[] = [];
  let cur: [number, number] | undefined;
  for (const [s, e] of fitted) {
    if (cur && e - cur[0] <= maxChars) cur[1] = e;
    else {
      if (cur) chunks.push({ start: cur[0], end: cur[1], text: text.slice(cur[0], cur[1]) });
      cur = [s, e];
    }
  }
  if (cur) chunks.push({ start: cur[0], end: cur[1], text: text.slice(cur[0], cur[1]) });
  return chunks.filter((c) => c.text.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// Talking to the endpoint.

function parseModelJson(content: string): unknown {
  const trimmed = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    // Some models wrap the object in prose; take the outermost braces.
    const first = trimmed.indexOf('{');
    const last = trimmed.lastIndexOf('}');
    if (first >= 0 && last > first) return JSON.parse(trimmed.slice(first, last + 1));
    throw new SyntaxError('no JSON object in the answer');
  }
}

async function askModel(llm: Config['llm'], chunk: Chunk, meta: ArticleMeta, doFetch: typeof fetch): Promise<ModelOutput> {
  const url = `${llm.baseUrl}/chat/completions`;
  const context = [
    meta.title ? `Title: ${meta.title}` : '',
    meta.publishedAt ? `Published: ${meta.publishedAt}` : '',
    meta.source ? `Source: ${meta.source}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const body = {
    model: llm.model,
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: `${context}\n\nText:\n${chunk.text}` },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'extraction', strict: true, schema: MODEL_OUTPUT_JSON_SCHEMA } },
  };
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(llm.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new LlmExtractorError('timeout', `LLM endpoint ${url} gave no answer within ${llm.timeoutMs} ms (LLM_TIMEOUT_MS)`, { cause: err });
    }
    throw new LlmExtractorError(
      'unreachable',
      `LLM endpoint ${url} is unreachable (${e.cause?.code ?? e.message}); is the model server running? Set LLM_BASE_URL to its OpenAI-compatible /v1 address`,
      { cause: err },
    );
  }
  let raw: string;
  try {
    raw = await res.text();
  } catch (err) {
    throw new LlmExtractorError('unreachable', `LLM endpoint ${url} closed the connection: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) {
    throw new LlmExtractorError('http-error', `LLM endpoint ${url} answered ${res.status} ${res.statusText}: ${raw.slice(0, 300)}`);
  }
  let envelope: z.infer<typeof ChatResponse>;
  try {
    envelope = ChatResponse.parse(JSON.parse(raw));
  } catch (err) {
    throw new LlmExtractorError('invalid-response', `LLM endpoint ${url} did not answer like chat completions: ${describe(err)}`, { cause: err });
  }
  const content = envelope.choices[0]!.message.content ?? '';
  try {
    return ModelOutput.parse(parseModelJson(content));
  } catch (err) {
    throw new LlmExtractorError(
      'invalid-response',
      `model ${llm.model} returned output that is not the extraction JSON (${describe(err)}): ${content.slice(0, 200)}`,
      { cause: err },
    );
  }
}

function describe(err: unknown): string {
  if (err instanceof z.ZodError) return err.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return (err as Error).message;
}

// ---------------------------------------------------------------------------------------------
// Mapping model output back onto the article text.

/** The key two names share when they name the same thing ("the U.S." ~ "US"). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .replace(/[.\u2019'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every whole-word occurrence of `needle` in `haystack`, exact characters. */
function findAll(haystack: string, needle: string): number[] {
  if (!needle) return [];
  const out: number[] = [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'gu');
  for (let m = re.exec(haystack); m; m = re.exec(haystack)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * Where a quote sits in the text: exactly, or with its whitespace runs matching any whitespace
 * (models collapse line breaks). The returned span is what the text really says there.
 */
export function locateQuote(text: string, quote: string): { start: number; end: number } | undefined {
  const q = quote.trim();
  if (q.length < 3) return undefined;
  const exact = text.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length };
  const pattern = q.split(/\s+/).map(escapeRegExp).join('\\s+');
  const m = new RegExp(pattern).exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

interface Draft {
  type: EntityType;
  kind?: ActorKind;
  name: string;
  names: Set<string>; // every surface form, for alias matching and aliases
  keys: Set<string>;
  date?: string;
  eventType?: string;
  status?: EventStatus;
  mentions: Map<number, Mention>;
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export interface LlmResult {
  extraction: Extraction;
  diagnostics: LlmDiagnostics;
}

/** Turns per-chunk model outputs into one Extraction over `text`; exported for tests. */
export function assembleExtraction(text: string, meta: ArticleMeta, outputs: Array<{ chunk: Chunk; output: ModelOutput }>): LlmResult {
  const drafts: Draft[] = [];
  const dropped: DroppedFact[] = [];
  const byKey = new Map<string, Draft>(); // `${type}|${normalised name}` -> draft
  const pendingRelations: Array<{ chunk: Chunk; rel: ModelOutput['relations'][number] }> = [];

  const merge = (into: Draft, from: Draft) => {
    if (into === from) return;
    for (const n of from.names) into.names.add(n);
    for (const k of from.keys) into.keys.add(k);
    for (const [s, m] of from.mentions) into.mentions.set(s, m);
    into.kind ??= from.kind;
    into.date ??= from.date;
    into.eventType ??= from.eventType;
    into.status ??= from.status;
    drafts.splice(drafts.indexOf(from), 1);
    for (const k of from.keys) byKey.set(k, into);
  };

  for (const { chunk, output } of outputs) {
    for (const e of output.entities) {
      const surface = [e.name, ...e.aliases, ...e.mentions].map((s) => s.trim()).filter(Boolean);
      const keys = new Set(surface.map((s) => `${e.type}|${normaliseName(s)}`).filter((k) => !k.endsWith('|')));
      const draft: Draft = {
        type: e.type,
        kind: e.type === 'actor' ? e.kind : undefined,
        name: e.name.trim(),
        names: new Set(surface),
        keys,
        date: e.type === 'event' && e.date && DATE.test(e.date.trim()) ? e.date.trim() : undefined,
        eventType: e.type === 'event' ? (e.eventType?.trim() || undefined) : undefined,
        status: e.type === 'event' ? e.status : undefined,
        mentions: new Map(),
      };
      for (const form of new Set(surface)) {
        const hits = findAll(chunk.text, form);
        for (const at of hits) draft.mentions.set(chunk.start + at, { text: form, start: chunk.start + at, end: chunk.start + at + form.length });
      }
      drafts.push(draft);
      // Same type and a shared normalised name or alias: the same entity (also across chunks).
      const matches = new Set([...keys].map((k) => byKey.get(k)).filter((d): d is Draft => d !== undefined));
      let target = draft;
      for (const other of matches) {
        merge(other, target);
        target = other;
      }
      for (const k of target.keys) byKey.set(k, target);
    }
    for (const rel of output.relations) pendingRelations.push({ chunk, rel });
  }

  const findDraft = (name: string): Draft | undefined => {
    const n = normaliseName(name);
    for (const type of ENTITY_TYPES) {
      const d = byKey.get(`${type}|${n}`);
      if (d) return d;
    }
    return undefined;
  };

  // Relations first, so events that are only described (not named) survive when a fact uses them.
  const used = new Set<Draft>();
  const accepted: Array<{ source: Draft; target: Draft; type: Relation['type']; start: number; end: number; confidence: number }> = [];
  let nonVerbatim = 0;
  for (const { chunk, rel } of pendingRelations) {
    const label = `${rel.source} ${rel.type} ${rel.target}`;
    if (!isRelationType(rel.type)) {
      dropped.push({ what: 'relation', reason: 'unknown-relation-type', detail: label });
      continue;
    }
    const source = findDraft(rel.source);
    const target = findDraft(rel.target);
    if (!source || !target || source === target) {
      dropped.push({ what: 'relation', reason: 'unknown-entity', detail: label });
      continue;
    }
    // Look in the chunk the fact came from, then anywhere (a model may quote a neighbour).
    const local = locateQuote(chunk.text, rel.evidence);
    const span = local ? { start: chunk.start + local.start, end: chunk.start + local.end } : locateQuote(text, rel.evidence);
    if (!span) {
      nonVerbatim++;
      dropped.push({ what: 'relation', reason: 'evidence-not-verbatim', detail: `${label}: ${JSON.stringify(rel.evidence.slice(0, 160))}` });
      continue;
    }
    used.add(source);
    used.add(target);
    accepted.push({ source, target, type: rel.type, ...span, confidence: rel.confidence });
  }

  // Entities the text never names are dropped unless they are events a kept fact refers to.
  const kept = drafts.filter((d) => {
    if (d.mentions.size > 0 || (d.type === 'event' && used.has(d))) return true;
    dropped.push({ what: 'entity', reason: 'not-in-text', detail: `${d.type} ${d.name}` });
    return false;
  });
  const keptSet = new Set(kept);

  const ids = new Map<Draft, string>();
  const taken = new Set<string>();
  let eventNo = 0;
  for (const d of kept) {
    let base = d.type === 'event' ? `event:${++eventNo}` : `${d.type}:${normaliseName(d.name).replace(/ /g, '-') || 'unnamed'}`;
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    taken.add(id);
    ids.set(d, id);
  }

  const entities: Entity[] = kept.map((d) => {
    const entity: Entity = {
      id: ids.get(d)!,
      type: d.type,
      name: d.name,
      aliases: [...d.names].filter((n) => n !== d.name),
      mentions: withoutNested([...d.mentions.values()]),
    };
    if (d.type === 'actor') entity.kind = d.kind ?? 'organization';
    if (d.type === 'event') {
      if (d.date) entity.date = d.date;
      if (d.eventType) entity.eventType = d.eventType;
      entity.status = d.status ?? 'occurred';
    }
    return entity;
  });

  const seen = new Set<string>();
  const relations: Relation[] = [];
  let droppedRelations = dropped.filter((x) => x.what === 'relation').length;
  for (const a of accepted) {
    if (!keptSet.has(a.source) || !keptSet.has(a.target)) {
      droppedRelations++;
      dropped.push({ what: 'relation', reason: 'unknown-entity', detail: `${a.source.name} ${a.type} ${a.target.name}` });
      continue;
    }
    const key = `${ids.get(a.source)}|${a.type}|${ids.get(a.target)}|${a.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    relations.push({
      source: ids.get(a.source)!,
      target: ids.get(a.target)!,
      type: a.type,
      evidence: text.slice(a.start, a.end),
      start: a.start,
      end: a.end,
      confidence: a.confidence,
    });
  }
  relations.sort((a, b) => a.start - b.start || a.source.localeCompare(b.source) || a.type.localeCompare(b.type));

  return {
    extraction: {
      article: {
        title: meta.title ?? null,
        source: meta.source ?? null,
        author: meta.author ?? null,
        url: meta.url ?? null,
        publishedAt: meta.publishedAt ?? null,
      },
      entities,
      relations,
    },
    diagnostics: {
      chunks: outputs.length,
      droppedNonVerbatimEvidence: nonVerbatim,
      droppedRelations,
      droppedEntities: dropped.filter((x) => x.what === 'entity').length,
      dropped,
    },
  };
}

/** "Scholz" inside "Olaf Scholz" is one mention, not two: keep only the outermost spans. */
function withoutNested(mentions: Mention[]): Mention[] {
  const sorted = mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (last && m.start >= last.start && m.end <= last.end) continue;
    out.push(m);
  }
  return out;
}

/** Extracts with the model, returning what was dropped along with the extraction. */
export async function extractWithLlm(
  text: string,
  meta: ArticleMeta,
  llm: Config['llm'],
  opts: LlmExtractorOptions = {},
): Promise<LlmResult> {
  const doFetch = opts.fetch ?? fetch;
  const chunks = chunkByParagraphs(text, opts.maxChunkChars ?? 6000);
  const outputs: Array<{ chunk: Chunk; output: ModelOutput }> = [];
  // One request at a time: local model servers usually serve one generation at a time anyway.
  for (const chunk of chunks) outputs.push({ chunk, output: await askModel(llm, chunk, meta, doFetch) });
  return assembleExtraction(text, meta, outputs);
}
