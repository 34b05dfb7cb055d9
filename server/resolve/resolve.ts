// Cross-article entity resolution: maps each entity of one article's extraction to a node of the
// graph — an existing one (same id, a shared alias key, or the same event) or a new one — and
// records why, so every merge can be explained and undone per article. Pure: the graph is read
// through the `lookup` the caller passes in, and the same extraction and lookup answers always
// give the same result.
import { createHash } from 'node:crypto';
import type { Entity, Extraction, Mention, RelationType } from '../extractors/contract.js';
import { isRelationType } from '../extractors/contract.js';
import { compatibleTypes, TAXONOMY } from '../rules/taxonomy.js';
import { matchKey } from '../normalise/index.js';
import { ENTITY_LABELS, type EntityLabel } from '../labels.js';
import { canonicalId, daysApart, entityKeys, SURNAME } from './keys.js';
import { corefProbability, EVENT_COREF_MODEL, neverOne, pairEvidence, SPEECH_TYPES, type EventReport } from './event-coref.js';

/**
 * How a mention found its node: created by this article, the same canonical id, a shared alias
 * key, a matching event (shared participant, same type and time), or an event of the article's
 * story that the pairwise model (server/resolve/event-coref.ts) takes for the same happening.
 */
export type ResolvedBy = 'new' | 'id' | 'alias' | 'event-match' | 'story-event';

/** Events of the same type whose dates are at most this many days apart may be the same happening
 * (the default; each type of the event taxonomy sets its own `windowDays`). */
export const EVENT_MATCH_DAYS = 3;
const windowOf = (type: string | null | undefined) => (type ? TAXONOMY.types[type]?.windowDays : undefined) ?? EVENT_MATCH_DAYS;

export interface ExistingEntity {
  id: string;
  label: EntityLabel;
  kind: string | null;
  name: string;
  aliasKeys: string[];
  /**
   * Articles that mention it: the article being resolved first when it is one of them, and at
   * most one other (a hub is mentioned by most of the corpus; only "mine?" and "anyone's?" matter).
   */
  articleIds: string[];
}

export interface EventWanted {
  eventType: string;
  /** The event's date, or its report's publication date when undated; null when neither is known. */
  date: string | null;
  /** How many days apart two reports of this type may date one happening (the taxonomy's windowDays). */
  windowDays?: number;
}

export interface ExistingEvent {
  id: string;
  eventType: string | null;
  date: string | null;
  /** Ids of the actors and places linked to it by any fact. */
  participantIds: string[];
  articleIds: string[];
  /** Publication dates of the articles that report it (for undated events). */
  publishedAt?: Array<string | null>;
  /** Its trigger words and names (the pairwise model compares them). */
  aliases?: string[];
}

/** Read access to the graph the resolver needs; server/db/writes implements it with Cypher. */
export interface ResolutionLookup {
  findEntities(ids: string[], keys: string[]): Promise<ExistingEntity[]>;
  /**
   * Existing events of one of these (type, date) pairs, dated within the wanted window of it, or
   * undated, linked to one of the participants (with their reports' publication dates).
   */
  findEvents(participantIds: string[], wanted: EventWanted[]): Promise<ExistingEvent[]>;
  /**
   * The events of the story this article joins (decided from its text, these actor and place
   * ids and its date), of these types, most reported first, at most `limit`; none when it starts
   * a story. Optional: without it, events match only through shared participants.
   */
  findStoryEvents?(entityIds: string[], eventTypes: string[], limit: number): Promise<ExistingEvent[]>;
}

export interface ResolvedEntity {
  id: string;
  label: EntityLabel;
  /** The extraction-local ids folded into this node (usually one). */
  localIds: string[];
  name: string;
  kind: string | null;
  aliases: string[];
  aliasKeys: string[];
  eventType: string | null;
  date: string | null;
  status: string | null;
  cameo: string | null;
  goldstein: number | null;
  /** JSON text of Amount[], or null. */
  amounts: string | null;
  /** Places and countries: the gazetteer's kind, ISO 3166-1 alpha-2 code and WGS84 coordinates; events: their place's coordinates. */
  placeKind: string | null;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
  mentions: Mention[];
  resolvedBy: ResolvedBy;
  /** The id, alias key or event id that matched; null for new nodes. */
  matchedOn: string | null;
}

export interface ResolvedFact {
  type: RelationType;
  source: string;
  target: string;
  evidence: string;
  start: number;
  end: number;
  confidence: number;
}

export interface ResolvedGraph {
  entities: ResolvedEntity[];
  facts: ResolvedFact[];
}

interface Decision {
  id: string;
  resolvedBy: ResolvedBy;
  matchedOn: string | null;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}

/** Local ids of the actors/places each event is linked to in this article. */
function eventNeighbours(extraction: Extraction): Map<string, Set<string>> {
  const types = new Map(extraction.entities.map((e) => [e.id, e.type]));
  const out = new Map<string, Set<string>>();
  const add = (event: string, other: string) => {
    const t = types.get(other);
    if (t !== 'actor' && t !== 'place') return;
    let set = out.get(event);
    if (!set) out.set(event, (set = new Set()));
    set.add(other);
  };
  for (const r of extraction.relations) {
    if (types.get(r.source) === 'event') add(r.source, r.target);
    if (types.get(r.target) === 'event') add(r.target, r.source);
  }
  return out;
}

function oneWord(name: string): boolean {
  return !matchKey(name).includes(' ');
}

function pickAliasMatch(entity: Entity, label: EntityLabel, keys: string[], existing: ExistingEntity[]): Decision | undefined {
  const keySet = new Set(keys);
  const nameKey = entityKeys({ ...entity, aliases: [] }).find((k) => !k.startsWith(SURNAME));
  let best: { e: ExistingEntity; shared: string[] } | undefined;
  const bySurname: { e: ExistingEntity; key: string }[] = [];
  for (const e of [...existing].sort(byId)) {
    if (e.label !== label) continue;
    if (label === 'Actor' && (e.kind ?? null) !== (entity.kind ?? null)) continue;
    const shared = e.aliasKeys.filter((k) => keySet.has(k)).sort();
    const strong = shared.filter((k) => !k.startsWith(SURNAME));
    if (strong.length) {
      if (!best || strong.length > best.shared.length) best = { e, shared: strong };
    } else if (shared.length && (oneWord(entity.name) || oneWord(e.name))) {
      bySurname.push({ e, key: shared[0]! });
    }
  }
  if (best) {
    const on = nameKey && best.shared.includes(nameKey) ? nameKey : [...best.shared].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0]!;
    return { id: best.e.id, resolvedBy: 'alias', matchedOn: on };
  }
  // A bare surname shared by two known people names neither.
  if (bySurname.length === 1) return { id: bySurname[0]!.e.id, resolvedBy: 'alias', matchedOn: bySurname[0]!.key };
  return undefined;
}

/**
 * Resolves one article's extraction against the graph. Actors, issues and places resolve by
 * canonical id, then by shared alias keys (same label, and same kind for actors). Events
 * resolve by id when this article already wrote them, else to an existing event of a compatible
 * type within the type's window that shares an actor and is not set in a different place, else
 * to an event of the article's story that the pairwise model takes for the same happening;
 * otherwise they are new, with an article-specific suffix when their id is taken.
 */
export async function resolveArticleGraph(articleId: string, extraction: Extraction, lookup: ResolutionLookup): Promise<ResolvedGraph> {
  const entities = extraction.entities.filter((e) => ENTITY_LABELS[e.type] !== undefined);
  const keysOf = new Map(entities.map((e) => [e.id, e.type === 'event' ? [] : entityKeys(e)]));

  // Within-article ids first: two local events with the same type, date and name stay apart.
  const baseIds = new Map<string, string>();
  const taken = new Map<string, number>();
  for (const e of entities) {
    let id = canonicalId(e);
    if (e.type === 'event') {
      const n = (taken.get(id) ?? 0) + 1;
      taken.set(id, n);
      if (n > 1) id = `${id}-${n}`;
    }
    baseIds.set(e.id, id);
  }
  const suffixed = (id: string) => `${id}-${shortHash(articleId)}`;

  const lookupIds = new Set<string>();
  const lookupKeys = new Set<string>();
  for (const e of entities) {
    const id = baseIds.get(e.id)!;
    lookupIds.add(id);
    if (e.type === 'event') lookupIds.add(suffixed(id));
    for (const k of keysOf.get(e.id)!) lookupKeys.add(k);
  }
  const existing = await lookup.findEntities([...lookupIds].sort(), [...lookupKeys].sort());
  const existingById = new Map(existing.map((e) => [e.id, e]));

  const decisions = new Map<string, Decision>();
  for (const e of entities) {
    if (e.type === 'event') continue;
    const label = ENTITY_LABELS[e.type];
    const id = baseIds.get(e.id)!;
    const same = existingById.get(id);
    if (same && same.label === label) {
      decisions.set(e.id, { id, resolvedBy: 'id', matchedOn: id });
      continue;
    }
    decisions.set(e.id, pickAliasMatch(e, label, keysOf.get(e.id)!, existing) ?? { id, resolvedBy: 'new', matchedOn: null });
  }

  const neighbours = eventNeighbours(extraction);
  const events = entities.filter((e) => e.type === 'event');
  const participantIds = new Set<string>();
  for (const ev of events) for (const n of neighbours.get(ev.id) ?? []) participantIds.add(decisions.get(n)!.id);
  // One family ("meeting" and "negotiation") may be one happening, so candidates of every type of
  // the family are read, each inside the widest window of the two types; an undated report stands
  // at its publication date.
  const published = extraction.article.publishedAt ? extraction.article.publishedAt.slice(0, 10) : null;
  const wantedByKey = new Map<string, EventWanted>();
  for (const e of events) {
    if (!e.eventType) continue;
    for (const t of Object.keys(TAXONOMY.types).filter((t) => compatibleTypes(TAXONOMY, e.eventType!, t)).concat(e.eventType)) {
      const w: EventWanted = { eventType: t, date: e.date ?? published, windowDays: Math.max(windowOf(t), windowOf(e.eventType)) };
      const key = `${w.eventType}|${w.date}`;
      const prev = wantedByKey.get(key);
      if (!prev || (prev.windowDays ?? 0) < (w.windowDays ?? 0)) wantedByKey.set(key, w);
    }
  }
  const wanted = [...wantedByKey.values()].sort((x, y) => (`${x.eventType}|${x.date}` < `${y.eventType}|${y.date}` ? -1 : 1));
  const candidates = events.length && participantIds.size && wanted.length ? await lookup.findEvents([...participantIds].sort(), wanted) : [];
  // The story's events: reports of one happening need not share a named participant ("the quake",
  // "the fire"); inside one story the pairwise model weighs type, time, place, participants and words.
  const storyIds = new Set<string>();
  if (events.length && wanted.length && lookup.findStoryEvents) {
    const entityIds = [...new Set(entities.filter((e) => e.type === 'actor' || e.type === 'place').map((e) => decisions.get(e.id)!.id))].sort();
    const types = [...new Set(wanted.map((w) => w.eventType))].sort();
    for (const c of await lookup.findStoryEvents(entityIds, types, EVENT_COREF_MODEL.storyEvents)) {
      storyIds.add(c.id);
      const at = candidates.findIndex((x) => x.id === c.id);
      if (at < 0) candidates.push(c);
      else candidates[at] = { ...candidates[at]!, aliases: c.aliases };
    }
  }
  const usedEvents = new Set<string>();

  for (const ev of events) {
    const id = baseIds.get(ev.id)!;
    // An event with no article left is this article's own, mid-update (its mentions were just
    // deleted in the same transaction): it keeps its id.
    const own = [id, suffixed(id)].find((c) => {
      const found = existingById.get(c);
      return found !== undefined && (found.articleIds.includes(articleId) || found.articleIds.length === 0);
    });
    if (own) {
      decisions.set(ev.id, { id: own, resolvedBy: 'id', matchedOn: own });
      usedEvents.add(own);
      continue;
    }
    const mine = [...(neighbours.get(ev.id) ?? [])].map((n) => decisions.get(n)!.id);
    const actors = new Set(mine.filter((m) => m.startsWith('actor:')));
    const places = new Set(mine.filter((m) => m.startsWith('place:')));
    const report: EventReport = {
      eventType: ev.eventType ?? '', date: ev.date ?? null, reportDates: published ? [published] : [],
      actorIds: [...actors].sort(), placeIds: [...places].sort(), words: [ev.name, ...ev.aliases],
    };
    let best: { c: ExistingEvent; rule: boolean; overlap: number; gap: number; p: number; matched: string[] } | undefined;
    for (const c of [...candidates].sort(byId)) {
      if (usedEvents.has(c.id) || !c.eventType || !ev.eventType || !compatibleTypes(TAXONOMY, c.eventType, ev.eventType)) continue;
      const window = Math.max(windowOf(c.eventType), windowOf(ev.eventType));
      const theirs: EventReport = {
        eventType: c.eventType, date: c.date, reportDates: (c.publishedAt ?? []).filter((p): p is string => !!p).map((p) => p.slice(0, 10)),
        actorIds: c.participantIds.filter((p) => p.startsWith('actor:')), placeIds: c.participantIds.filter((p) => p.startsWith('place:')), words: c.aliases ?? [],
      };
      if (neverOne(report, theirs, window)) continue;
      // The participant rule: a shared actor, or the place (two reports of the quake in Aceh), within the window.
      const gap = timeGap(c, ev.date ?? null, published);
      const sharedActors = theirs.actorIds.filter((p) => actors.has(p)).length;
      const sharedPlaces = theirs.placeIds.filter((p) => places.has(p)).length;
      const rule = gap !== undefined && gap <= window && !(places.size && theirs.placeIds.length && !sharedPlaces) &&
        !(sharedActors === 0 && (sharedPlaces === 0 || SPEECH_TYPES.has(ev.eventType)));
      const evidence = pairEvidence(report, theirs, window);
      const p = corefProbability(evidence.features);
      if (!rule && !(storyIds.has(c.id) && p >= EVENT_COREF_MODEL.threshold)) continue;
      const overlap = sharedActors + sharedPlaces;
      const g = gap ?? Number.MAX_SAFE_INTEGER;
      const better = !best || (rule !== best.rule ? rule : rule ? overlap > best.overlap || (overlap === best.overlap && g < best.gap) : p > best.p);
      if (better) best = { c, rule, overlap, gap: g, p, matched: evidence.matched };
    }
    if (best?.rule) {
      decisions.set(ev.id, { id: best.c.id, resolvedBy: 'event-match', matchedOn: best.c.id });
      usedEvents.add(best.c.id);
    } else if (best) {
      decisions.set(ev.id, { id: best.c.id, resolvedBy: 'story-event', matchedOn: `${best.c.id} (${[...best.matched, `p=${best.p.toFixed(2)}`].join(', ')})` });
      usedEvents.add(best.c.id);
    } else {
      decisions.set(ev.id, { id: existingById.has(id) ? suffixed(id) : id, resolvedBy: 'new', matchedOn: null });
    }
  }

  // Fold local entities that landed on the same node into one.
  const nodes = new Map<string, ResolvedEntity>();
  for (const e of entities) {
    const d = decisions.get(e.id)!;
    const prev = nodes.get(d.id);
    if (prev) {
      prev.localIds.push(e.id);
      prev.mentions.push(...e.mentions);
      prev.aliases = [...new Set([...prev.aliases, e.name, ...e.aliases])].sort();
      prev.aliasKeys = [...new Set([...prev.aliasKeys, ...keysOf.get(e.id)!])].sort();
      continue;
    }
    nodes.set(d.id, {
      id: d.id,
      label: ENTITY_LABELS[e.type],
      localIds: [e.id],
      name: e.name,
      kind: e.kind ?? null,
      aliases: [...new Set([e.name, ...e.aliases])].sort(),
      aliasKeys: keysOf.get(e.id)!,
      eventType: e.eventType ?? null,
      date: e.date ?? null,
      status: e.status ?? null,
      cameo: e.cameo ?? null,
      goldstein: e.goldstein ?? null,
      amounts: e.amounts?.length ? JSON.stringify(e.amounts) : null,
      placeKind: e.placeKind ?? null,
      countryCode: e.countryCode ?? null,
      latitude: e.latitude ?? null,
      longitude: e.longitude ?? null,
      mentions: [...e.mentions],
      resolvedBy: d.resolvedBy,
      matchedOn: d.matchedOn,
    });
  }

  const facts = new Map<string, ResolvedFact>();
  for (const r of extraction.relations) {
    if (!isRelationType(r.type)) continue;
    const source = decisions.get(r.source)?.id;
    const target = decisions.get(r.target)?.id;
    if (!source || !target || source === target) continue;
    const key = `${r.type}|${source}|${target}|${r.start}|${r.end}`;
    const prev = facts.get(key);
    if (!prev || r.confidence > prev.confidence) {
      facts.set(key, { type: r.type, source, target, evidence: r.evidence, start: r.start, end: r.end, confidence: r.confidence });
    }
  }
  return { entities: [...nodes.values()], facts: [...facts.values()] };
}

/** Days between an existing event and a new one: their own dates when both have one, else the
 * publication dates of the reports standing in for the missing date; undefined when nothing dates them. */
function timeGap(c: ExistingEvent, date: string | null, published: string | null): number | undefined {
  const gap = daysApart(c.date, date);
  if (gap !== undefined) return gap;
  const theirs = c.date ? [c.date] : (c.publishedAt ?? []).filter((p): p is string => !!p).map((p) => p.slice(0, 10));
  const mine = date ?? published;
  let best: number | undefined;
  for (const t of theirs) {
    const g = daysApart(t, mine);
    if (g !== undefined && (best === undefined || g < best)) best = g;
  }
  return best;
}
