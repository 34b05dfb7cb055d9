// Per-chunk model answers -> one Extraction over the whole article: entities merged by the
// project's name keys (across chunks too), every mention and evidence located verbatim, facts
// whose evidence is not in the text dropped and counted.
import { matchKey, slugify } from '../../normalise/index.js';
import { isEventRoleType, isRelationType, type ActorKind, type ArticleMeta, type Entity, type EntityType, type EventStatus, type Extraction, type Mention, type Relation } from '../contract.js';
import { findAll, locateQuote, withoutNested, type Chunk } from './locate.js';
import { ENTITY_TYPES, type ModelOutput } from './schema.js';

export interface DroppedFact {
  what: 'relation' | 'entity' | 'mention';
  reason: 'evidence-not-verbatim' | 'unknown-entity' | 'unknown-relation-type' | 'not-in-text' | 'target-not-an-event';
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

export interface LlmResult {
  extraction: Extraction;
  diagnostics: LlmDiagnostics;
}

/**
 * The key two names share when they name the same thing ("the U.S." ~ "US"): the resolver's
 * plain key with a leading "the" dropped, as its entityKeys does, so the model's names merge
 * within an article by the same rule they later merge across articles.
 */
function nameKey(name: string): string {
  return matchKey(name).replace(/^the /, '');
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

/** Turns per-chunk model outputs into one Extraction over `text`. */
export function assembleExtraction(text: string, meta: ArticleMeta, outputs: Array<{ chunk: Chunk; output: ModelOutput }>): LlmResult {
  const drafts: Draft[] = [];
  const dropped: DroppedFact[] = [];
  const byKey = new Map<string, Draft>(); // `${type}|${name key}` -> draft
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
      const keys = new Set(surface.map((s) => `${e.type}|${nameKey(s)}`).filter((k) => !k.endsWith('|')));
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
      // Same type and a shared name key or alias: the same entity (also across chunks).
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
    const n = nameKey(name);
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
    if (isEventRoleType(rel.type) && target.type !== 'event') {
      dropped.push({ what: 'relation', reason: 'target-not-an-event', detail: label });
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
  const ids = localIds(kept);

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

/**
 * Extraction-local ids: `type:slug` of the name key (the slug canonicalId later reads back
 * through its localSlug), `event:N` for events, whose names are descriptions; a clash gets `-2`, `-3`.
 */
function localIds(kept: Draft[]): Map<Draft, string> {
  const ids = new Map<Draft, string>();
  const taken = new Set<string>();
  let eventNo = 0;
  for (const d of kept) {
    const base = d.type === 'event' ? `event:${++eventNo}` : `${d.type}:${slugify(nameKey(d.name)) || 'unnamed'}`;
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    taken.add(id);
    ids.set(d, id);
  }
  return ids;
}
