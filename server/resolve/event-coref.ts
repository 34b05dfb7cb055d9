// Whether two reports are one happening (pure): the features of a pair of event reports and the
// pairwise model that weighs them. The weights are data (lexicons/event-coref.json), learnt by
// eval/event-coref/train.ts on ECB+ dev with cross-validation by topic; the same features are
// computed here for training and at ingest, so the model sees at ingest what it was trained on.
import modelData from '../lexicons/event-coref.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { EventCorefSchema } from '../lexicons/schemas.js';
import { matchKey } from '../normalise/index.js';
import type { z } from 'zod';
import { daysApart } from './keys.js';
import { TAXONOMY } from '../rules/taxonomy.js';

/** Types whose reports need a shared actor to be one happening (two statements the same day are two). */
export const SPEECH_TYPES: ReadonlySet<string> = new Set(Object.values(TAXONOMY.types).filter((t) => t.speech || t.verbal).map((t) => t.id));

export type EventCorefModel = z.output<typeof EventCorefSchema>;

export const EVENT_COREF_MODEL: EventCorefModel = loadLexicon('event-coref.json', EventCorefSchema, modelData);

/** One side of a pair: an event as one article reports it, or as the graph holds it. */
export interface EventReport {
  eventType: string;
  /** Its own date (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  date: string | null;
  /** Publication dates of the articles that report it (what dates an undated report). */
  reportDates: readonly string[];
  /** Ids of the actors and of the places it is linked to. */
  actorIds: readonly string[];
  placeIds: readonly string[];
  /** Its trigger words and names (aliases), as written. */
  words: readonly string[];
}

/** The features, in the order the model's weights are in. Each is 0 or 1 (bias always 1). */
export const PAIR_FEATURES = [
  'bias',
  'sameType',
  'sameDate',
  'nearDate',
  'reportedNear',
  'undatedUnknown',
  'sharedActor',
  'actorConflict',
  'sharedPlace',
  'placeConflict',
  'sharedWord',
  'noArguments',
] as const;
export type PairFeature = (typeof PAIR_FEATURES)[number];

/** Words a report shares with another are compared by their match keys, one word at a time. */
function wordKeys(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) for (const k of matchKey(w).split(' ')) if (k.length > 2) out.add(k);
  return out;
}

const overlap = (a: readonly string[], b: readonly string[]) => {
  const s = new Set(a);
  return b.filter((x) => s.has(x));
};

function nearestReportGap(a: EventReport, b: EventReport): number | undefined {
  const mine = a.date ? [a.date] : a.reportDates;
  const theirs = b.date ? [b.date] : b.reportDates;
  let best: number | undefined;
  for (const x of mine) for (const y of theirs) {
    const g = daysApart(x, y);
    if (g !== undefined && (best === undefined || g < best)) best = g;
  }
  return best;
}

/** Days between the two events' own dates, when both have one. */
export const ownDateGap = (a: EventReport, b: EventReport) => daysApart(a.date, b.date);

/**
 * Pairs the model is never asked about, at ingest and in training alike: two own dates further
 * apart than the window (an event never takes another's date), and statements with no speaker in common.
 */
export function neverOne(a: EventReport, b: EventReport, windowDays: number): boolean {
  const own = ownDateGap(a, b);
  if (own !== undefined && own > windowDays) return true;
  return (SPEECH_TYPES.has(a.eventType) || SPEECH_TYPES.has(b.eventType)) && !overlap(a.actorIds, b.actorIds).length;
}

export interface PairEvidence {
  features: Record<PairFeature, number>;
  /** What matched, for the merge's `matchedOn`: "type", "date:0d", "actor:…", "place:…", "word:quake". */
  matched: string[];
}

/** The features of a pair of reports of compatible types, at most `windowDays` apart when both are dated. */
export function pairEvidence(a: EventReport, b: EventReport, windowDays: number): PairEvidence {
  const own = ownDateGap(a, b);
  const reported = own === undefined ? nearestReportGap(a, b) : undefined;
  const actors = overlap(a.actorIds, b.actorIds);
  const places = overlap(a.placeIds, b.placeIds);
  const words = [...wordKeys(a.words)].filter((w) => wordKeys(b.words).has(w)).sort();
  const f: Record<PairFeature, number> = {
    bias: 1,
    sameType: a.eventType === b.eventType ? 1 : 0,
    sameDate: own === 0 ? 1 : 0,
    nearDate: own !== undefined && own > 0 && own <= windowDays ? 1 : 0,
    reportedNear: reported !== undefined && reported <= windowDays ? 1 : 0,
    undatedUnknown: own === undefined && reported === undefined ? 1 : 0,
    sharedActor: actors.length ? 1 : 0,
    actorConflict: a.actorIds.length && b.actorIds.length && !actors.length ? 1 : 0,
    sharedPlace: places.length ? 1 : 0,
    placeConflict: a.placeIds.length && b.placeIds.length && !places.length ? 1 : 0,
    sharedWord: words.length ? 1 : 0,
    noArguments: (!a.actorIds.length && !a.placeIds.length) || (!b.actorIds.length && !b.placeIds.length) ? 1 : 0,
  };
  const matched: string[] = [];
  if (f.sameType) matched.push('type');
  if (own !== undefined) matched.push(`date:${own}d`);
  else if (reported !== undefined) matched.push(`reported:${reported}d`);
  for (const x of actors) matched.push(x);
  for (const x of places) matched.push(x);
  for (const w of words.slice(0, 3)) matched.push(`word:${w}`);
  return { features: f, matched };
}

export const featureVector = (f: Record<PairFeature, number>) => PAIR_FEATURES.map((k) => f[k]);

/** The model's probability that the pair is one happening. */
export function corefProbability(f: Record<PairFeature, number>, model: EventCorefModel = EVENT_COREF_MODEL): number {
  let z = 0;
  for (const k of PAIR_FEATURES) z += (model.weights[k] ?? 0) * f[k];
  return 1 / (1 + Math.exp(-z));
}
