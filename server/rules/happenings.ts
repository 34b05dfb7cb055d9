// One node per happening within an article. A news article reports a main happening in its
// headline and lead; later mentions of the same type ("the quake", "Sunday's quake", "the
// 6.1-magnitude quake") are that happening, unless their own date, place or participants mark
// another one ("a 6.7-strength quake killed more than 26,000 people in Bam in December 2003").
import { conflict, type EventRec } from './event-record.js';
import { ymdOf } from './event-time.js';
import { MEDIA_OUTLETS } from './lexicon.js';
import { actorKey, type ActorSpan, type PlaceSpan } from './mentions.js';
import type { Article } from '../nlp/document.js';

/** How many of the article's first sentences (with words) are its headline and lead. */
const LEAD_SENTENCES = 3;

/** The headline and lead: the first sentences that are not boilerplate. */
export function leadSentences(article: Article): Set<number> {
  const out = new Set<number>();
  for (const s of article.sentences) {
    if (out.size >= LEAD_SENTENCES) break;
    if (!s.boilerplate && /\p{L}/u.test(s.text)) out.add(s.index);
  }
  return out;
}

const DAY = 86_400_000;

/** The first and last day a date of precision year, month or day covers. */
function span(date: string): [number, number] | null {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return null;
  if (m === undefined) return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
  if (d === undefined) return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 0)];
  const t = Date.UTC(y, m - 1, d);
  return [t, t];
}

/**
 * True when a date cannot be the time of the happening the article reports as news: it lies more
 * than the type's window before publication ("in December 2003" in a report of November 2005).
 */
export function beforeTheNews(date: string, pub: Date, windowDays: number): boolean {
  const s = span(date);
  if (!s) return false;
  const published = Date.parse(ymdOf(pub));
  return s[1] < published - windowDays * DAY;
}

/**
 * Whether a mention's own record marks a happening other than the main one: a conflicting
 * status, place, date or identity (./event-record.ts), or, while the main happening has no date
 * yet, a date of its own from well before the news.
 */
export function apartFrom(main: EventRec, c: EventRec, pub: Date | null, windowDays: number): boolean {
  if (conflict(main, c)) return true;
  if (!main.date && c.date && pub && main.status === 'occurred' && beforeTheNews(c.date, pub, windowDays)) return true;
  return false;
}

/**
 * The article's main happening of a type: the first record of it told in the headline or lead;
 * when the lead tells none, the first one the body tells as news (not dated from before it).
 */
export function mainHappening(events: EventRec[], lead: Set<number>, same: (t: string) => boolean, pub: Date | null, windowDays: (t: string) => number): EventRec | undefined {
  return (
    events.find((e) => same(e.type) && lead.has(Math.min(...e.sentences))) ??
    events.find((e) => same(e.type) && e.status === 'occurred' && !(e.date && pub && beforeTheNews(e.date, pub, windowDays(e.type))))
  );
}

/**
 * The happening told in the sentence that is the subject of a verb trigger ("a 6.7-strength quake
 * killed more than 26,000 people"): what the verb reports is that happening's consequence. From
 * the dependency parse when there is one, else a happening's mention right before the verb.
 */
export function causeOf(article: Article, f: { start: number; end: number }, candidates: EventRec[], parsed: boolean): EventRec | undefined {
  const within = (i: number) => candidates.find((e) => e.mentions.some((m) => article.tokens[i]!.start >= m.start && article.tokens[i]!.end <= m.end));
  if (!parsed) {
    return candidates.find((e) => e.mentions.some((m) => m.end <= f.start && /^\s+(?:(?:has|have|had)\s+)?$/.test(article.text.slice(m.end, f.start))));
  }
  const toks = article.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.deprel !== 'nsubj' || t.head === undefined || t.head < 0) continue;
    const h = toks[t.head]!;
    if (h.start < f.start || h.end > f.end) continue;
    const e = within(i);
    if (e) return e;
  }
  return undefined;
}

/**
 * Who reports rather than takes part: news outlets (the lexicon's media organisations, "the AFP
 * news agency") and their correspondents ("the BBC's Frances Harrison", "our correspondent X").
 * Keys of actors (./mentions.ts actorKey) that are never participants of a happening the article tells.
 */
export function reporterKeys(article: Article, actors: ActorSpan[]): Set<string> {
  const text = article.text;
  const outlet = (a: ActorSpan) =>
    a.kind === 'organization' && (MEDIA_OUTLETS.has(a.name) || /^\s+(?:news|press|wire)\s+(?:agency|service)\b/i.test(text.slice(a.end, a.end + 20)));
  const out = new Set(actors.filter(outlet).map(actorKey));
  for (const a of actors) {
    if (a.kind !== 'person') continue;
    const before = text.slice(Math.max(0, a.start - 40), a.start);
    const after = text.slice(a.end, a.end + 50);
    const ofOutlet = actors.some((o) => out.has(actorKey(o)) && o.end <= a.start && /^['’]s?\s+(?:(?:own|chief|senior|local)\s+)?(?:(?:\w+\s+)?(?:correspondent|reporter|editor|journalist)\s+)?$/i.test(text.slice(o.end, a.start)));
    const titled = /\b(?:correspondent|reporter|journalist)\s+$/i.test(before) || /^,\s+(?:our|the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:correspondent|reporter|journalist)\b/i.test(after);
    if (ofOutlet || titled) out.add(actorKey(a));
  }
  return out;
}

/**
 * The sources of the statements a sentence reports ("officials say", "state media said", "she
 * says", "according to X") and whom they were told to ("told the AFP news agency"): they tell of
 * the happening, they do not take part in it.
 */
export function sourcesIn(
  article: Article, sActors: ActorSpan[], speechTriggers: Array<{ start: number; end: number }>, parsed: boolean,
  speakerOf: (article: Article, sActors: ActorSpan[], f: { start: number; end: number }) => ActorSpan | undefined,
): Set<ActorSpan> {
  const out = new Set<ActorSpan>();
  const text = article.text;
  const toks = article.tokens;
  for (const f of speechTriggers) {
    const speaker = speakerOf(article, sActors, f);
    if (speaker) out.add(speaker);
    for (const a of sActors) {
      // "..., according to the New China news agency"
      if (a.start > f.end && /according to\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, a.start - 20), a.start))) out.add(a);
      // The one told: the object of the speech verb in the parse; without one, right after "told".
      const told = parsed
        ? toks.some((t, i) => t.start >= a.start && t.end <= a.end && (t.deprel === 'obj' || t.deprel === 'iobj') && t.head !== undefined && t.head >= 0 && toks[t.head]!.start >= f.start && toks[t.head]!.end <= f.end && i !== t.head)
        : /^told$/i.test(text.slice(f.start, f.end)) && a.start >= f.end && /^\s+(?:the\s+)?$/i.test(text.slice(f.end, a.start));
      if (told) out.add(a);
    }
  }
  return out;
}

/**
 * The place a happening's verb names when the trigger is its subject: "the 6.1-magnitude quake
 * struck Qeshm island", "a quake hit the town of Zarand". From the parse: the trigger is the
 * subject of a verb and the place follows that verb (past "the", or "the town of").
 */
export function placeOfVerb(article: Article, f: { start: number; end: number }, places: PlaceSpan[]): PlaceSpan | undefined {
  const toks = article.tokens;
  const i = toks.findIndex((t) => t.start >= f.start && t.end <= f.end && (t.deprel === 'nsubj' || t.deprel === 'nsubj:pass'));
  const h = i >= 0 ? toks[i]!.head : undefined;
  if (h === undefined || h < 0 || !toks[h]!.pos?.startsWith('VB') || toks[h]!.start < f.end) return undefined;
  const verbEnd = toks[h]!.end;
  return places.find((p) => p.start >= verbEnd && /^\s+(?:the\s+)?(?:(?:[a-z]+\s+){1,2}of\s+(?:the\s+)?)?$/.test(article.text.slice(verbEnd, p.start)));
}
