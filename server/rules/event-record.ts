// What the rules know of one event while they read an article, and when two records are one
// happening: a conflict in status, place, date or identity keeps them apart.
import type { AmountSpan } from './amounts.js';
import type { ActorSpan, PlaceSpan, Span } from './mentions.js';
import type { EventStatus } from '../extractors/contract.js';

export type Role = 'participant' | 'speaker' | 'target' | 'agent';

export interface Participant {
  actor: ActorSpan;
  role: Role;
  sentence: number;
  confidence: number;
  /** A participant in no agent or target role that the type still names: where it comes from ("from Tottenham"). */
  argument?: 'source';
}

export interface EventRec {
  type: string;
  mentions: Span[];
  sentences: Set<number>;
  date: string | null;
  status: EventStatus;
  place: PlaceSpan | null;
  participants: Participant[];
  amounts: AmountSpan[];
  /** Identity key beyond type/place: the person arrested, the organisation joined. */
  key: string | null;
  /** True when the event has neither place nor date of its own yet. */
  bare: boolean;
  /** Reported in the past tense by a verb ("said", "agreed"): without a date of its own it happened by publication. */
  past: boolean;
  /** The happening this one is a consequence of (deaths in a quake): linked to it, not a happening of its own. */
  partOf?: EventRec;
}

export function conflict(e: EventRec, c: EventRec): boolean {
  if (e.status !== c.status) return true;
  if (e.place && c.place && e.place.name !== c.place.name) return true;
  if (e.date && c.date && !(e.date.startsWith(c.date) || c.date.startsWith(e.date))) return true;
  if (e.key && c.key && e.key !== c.key) return true;
  return false;
}

export function mergeTarget(
  events: EventRec[], c: EventRec, sentence: number, compatible: (a: string, b: string) => boolean,
  apart: (e: EventRec, c: EventRec) => boolean = conflict,
): EventRec | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!compatible(e.type, c.type) || apart(e, c)) continue;
    if (e.place && c.place && e.place.name === c.place.name) return e;
    if (e.key && c.key && e.key === c.key) return e;
    const lastSentence = Math.max(...e.sentences);
    // The headline and the lead tell the same story: "Fire destroys warehouse in Rotterdam port" and
    // "A fire broke out ... on Sunday night" are one fire.
    const headline = e.sentences.has(0) && e.sentences.size === 1;
    if (headline && e.type === c.type) return e;
    if ((e.bare || c.bare) && e.type === c.type && sentence - lastSentence <= 2) return e;
  }
  return undefined;
}

export function absorb(e: EventRec, c: EventRec): void {
  e.mentions.push(...c.mentions);
  for (const s of c.sentences) e.sentences.add(s);
  if (!e.place && c.place) e.place = c.place;
  if (c.date && (!e.date || c.date.length > e.date.length)) e.date = c.date;
  e.participants.push(...c.participants);
  e.amounts.push(...c.amounts.filter((a) => !e.amounts.some((b) => b.start === a.start)));
  e.key = e.key ?? c.key;
  e.partOf = e.partOf ?? c.partOf;
  e.past = e.past || c.past;
  e.bare = !e.place && !e.date;
}
