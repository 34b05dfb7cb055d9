// Finds events from the triggers of the event taxonomy (./taxonomy.ts over ../lexicons/events.json),
// types them, resolves their date, status, place, arguments and amounts, and merges repeated
// mentions of one happening ("talks ... in Beijing" and "discussions in Beijing", "the quake").
// Argument roles come from the dependency parse when the annotator gave one, else from word order.
import { findAmounts } from './amounts.js';
import { clauseBounds, clauseOf } from './clauses.js';
import { findDates, type DateExpr } from './dates.js';
import { speakerOf } from './event-arguments.js';
import { absorb, conflict, mergeTarget, type EventRec } from './event-record.js';
import { DEFINITE_BEFORE, DENIED_BEFORE, localWindow, NEGATED_TRIGGER, negatedBefore, NO_BEFORE, NO_SUBJECT_BEFORE, PASSIVE_RE, PAST_VERB, PUT_OFF_BEFORE, SPEECH_MODAL_BEFORE, statusOf } from './event-status.js';
import { dist, tenseOfTime, ymdOf } from './event-time.js';
import { apartFrom, causeOf, leadSentences, mainHappening, placeOfVerb, reporterKeys, sourcesIn } from './happenings.js';
import type { IssueMention } from './issues.js';
import { fillRoles } from './role-fillers.js';
import { actorKey, type ActorSpan, type PlaceSpan, type Span } from './mentions.js';
import { compatibleTypes, TAXONOMY, type EventTypeDef, type Taxonomy, type TriggerDef } from './taxonomy.js';
import { inQuote, type Article } from '../nlp/document.js';

export interface EventInput {
  article: Article;
  actors: ActorSpan[];
  places: PlaceSpan[];
  issues: IssueMention[];
  pub: Date | null;
  /** The event taxonomy; the built-in one unless a caller (a test, a user's data file) passes its own. */
  taxonomy?: Taxonomy;
}

export function findEvents(input: EventInput): EventRec[] {
  const { article, actors, places, pub } = input;
  const tax = input.taxonomy ?? TAXONOMY;
  const TRIGGERS = tax.triggers;
  const info = (type: string): EventTypeDef | undefined => tax.types[type];
  const flag = (type: string, f: 'said' | 'speech' | 'locatable' | 'amounts' | 'passiveOnly' | 'regionalPlace' | 'sourcesApart' | 'statusFromDate') => !!info(type)?.[f];
  const compatible = (a: string, b: string) => compatibleTypes(tax, a, b);
  const parsed = article.tokens.some((t) => t.deprel !== undefined);
  const events: EventRec[] = [];
  const actorsBySentence = group(actors, (a) => a.sentence);
  const placesBySentence = group(places, (p) => p.sentence);
  // The article's main happening of each type (told in its headline and lead) is what later
  // mentions of that type refer to, unless their own date, place or participants mark another.
  const lead = leadSentences(article);
  const windowOf = (type: string) => info(type)?.windowDays ?? 3;
  const happening = (type: string) => !flag(type, 'speech') && !info(type)?.verbal && !info(type)?.consequence;
  const mainOf = (type: string) =>
    happening(type) ? mainHappening(events, lead, (t) => compatible(t, type), pub, windowOf) : undefined;
  // Outlets and their correspondents report; they take part in nothing the article tells.
  const reporters = reporterKeys(article, actors);
  const apart = (e: EventRec, c: EventRec) => apartFrom(e, c, pub, Math.max(windowOf(e.type), windowOf(c.type)));

  for (const s of article.sentences) {
    if (s.boilerplate) continue;
    const bounds = clauseBounds(article, s);
    const dates = findDates(s.text, s.start, pub);
    const amounts = findAmounts(s.text, s.start);
    const sActors = (actorsBySentence.get(s.index) ?? []).filter((a) => !reporters.has(actorKey(a)));
    const sPlaces = placesBySentence.get(s.index) ?? [];
    // A country named as where something happens ("in Samoa", "in Apia, Samoa") hosts it; it takes
    // part only when the sentence also names it as an actor.
    const asLocation = (a: ActorSpan) =>
      a.kind === 'country' &&
      sPlaces.some((p) => (p.start === a.start && p.locative) || (p.locative && p.end <= a.start && /^\s*,\s*$/.test(article.text.slice(p.end, a.start))));
    const hostOnly = (a: ActorSpan) =>
      (asLocation(a) && !sActors.some((b) => b !== a && actorKey(b) === actorKey(a) && !asLocation(b))) ||
      // "ROTTERDAM (Harbour Times) —": the outlet in the dateline reports, it takes part in nothing.
      (/\(\s*$/.test(article.text.slice(Math.max(0, a.start - 2), a.start)) && /^\s*\)\s*[—–-]/.test(article.text.slice(a.end, a.end + 4)));
    // Overlapping triggers: the longest wins ("agreed on Monday to buy" is a takeover, not an
    // agreement), then the one listed first.
    const candidates: Array<{ def: TriggerDef; start: number; end: number; text: string; order: number }> = [];
    TRIGGERS.forEach((def, order) => {
      def.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = def.re.exec(s.text)) !== null) {
        if (!m[0]) {
          def.re.lastIndex++;
          continue;
        }
        const text = m[0].replace(/\s+$/, '');
        const start = s.start + m.index;
        candidates.push({ def, start, end: start + text.length, text, order });
      }
    });
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order);
    const found: typeof candidates = [];
    for (const c of candidates) if (!found.some((t) => c.start < t.end && t.start < c.end)) found.push(c);
    found.sort((a, b) => a.start - b.start);
    const sentenceEvents: EventRec[] = [];
    // Whoever a statement in this sentence comes from, or is told to, tells of the happening and takes no part in it.
    const sources = sourcesIn(article, sActors, found.filter((f) => flag(f.def.type, 'speech')), parsed, speakerOf);
    for (const f of found) {
      const clause = clauseOf(bounds, f.start);
      const win = localWindow(article.text, clause, f);
      // A verb in the past tense ("marched ... to protest plans to", "threatened a strike if")
      // happened: what follows it is its object, whose own modality is not the event's.
      const past = !f.def.noun && PAST_VERB.test(f.text);
      const winText = past ? localWindow(article.text, clause, f, true) : win;
      const { status: st0, tense } = statusOf(winText, article.text.slice(f.end, Math.min(f.end + 12, s.end)));
      let status = st0;
      // A report of speech happened when it was reported; "would" after "said" belongs to what was said.
      if (flag(f.def.type, 'speech')) {
        const lead = article.text.slice(Math.max(clause.start, f.start - 30), f.end).toLowerCase();
        status = SPEECH_MODAL_BEFORE.test(lead) ? status : 'occurred';
      }
      const inQ = inQuote(article.quotes, f.start);
      const before = article.text.slice(Math.max(s.start, f.start - 40), f.start);
      const clauseBefore = article.text.slice(Math.max(clause.start, f.start - 80), f.start);
      if (DENIED_BEFORE.test(clauseBefore) && !flag(f.def.type, 'speech') && info(f.def.type)?.verbal !== true) status = 'denied';
      else if (negatedBefore(before) || (f.def.noun && NO_BEFORE.test(before)) || (!f.def.noun && NO_SUBJECT_BEFORE.test(before)) || NEGATED_TRIGGER.test(f.text)) status = 'negated';
      // "were injured": only a passive trigger is the event for some types ("injured" as an adjective is not).
      if (flag(f.def.type, 'passiveOnly') && !/\b(?:was|were|been|being|are|is)\s+(?:\w+\s+)?$/i.test(before) && !PASSIVE_RE.test(f.text)) continue;
      const definite = f.def.noun && DEFINITE_BEFORE.test(before) && !/^\s+(?:in|at)\s+\p{Lu}/u.test(article.text.slice(f.end, f.end + 6));
      const clauseActors = sActors.filter((a) => a.start >= clause.start && a.end <= clause.end && inQuote(article.quotes, a.start) === inQ);
      const follows = article.text.slice(f.end, Math.min(f.end + 40, s.end));
      // "meet American demands" is satisfying them, not a meeting: the type says what follows none of its triggers.
      if (info(f.def.type)?.notFollowedBy?.test(follows)) continue;
      // "a quake killed 500 people": what a verb does whose subject is a happening told in this
      // sentence is that happening's consequence (deaths in the quake), not an attack.
      const causer = !f.def.noun && !flag(f.def.type, 'speech') ? causeOf(article, f, sentenceEvents.filter((e) => happening(e.type)), parsed) : undefined;
      const asPart = causer ? (info(f.def.type)?.consequenceType ?? (info(f.def.type)?.consequence ? f.def.type : undefined)) : undefined;
      // "agreed that progress was made" agrees with a claim: speech, not an agreement reached (the type's retype list says so).
      const type = asPart ?? info(f.def.type)?.retype.find((r) => r.followedBy.test(follows))?.type ?? f.def.type;

      // "joined the WTO": a type with an identity needs that actor right after the trigger, and is told apart by it.
      let key: string | null = null;
      let mentionEnd = f.end;
      const identity = info(type)?.identity;
      const joined = identity ? sActors.find((a) => a.start >= f.end && a.start - f.end <= identity.within && identity.kinds.includes(a.kind)) : undefined;
      if (identity && !joined) continue;
      if (joined) {
        key = actorKey(joined);
        mentionEnd = joined.end;
      }
      const mention: Span = { start: f.start, end: mentionEnd, text: article.text.slice(f.start, mentionEnd), ti: 0, tj: 0, sentence: s.index };

      // Definite references ("the talks") join the latest event of the same kind.
      // "not expecting the death toll to rise" refers to no happening: it makes a negated record, which is dropped.
      if (definite && !flag(type, 'speech') && status !== 'negated') {
        // "the earthquake that shook Aceh on Tuesday": a date right after it is its own.
        const own = dates.find((x) => x.start >= f.end && x.start - f.end <= 40 && !/[,;:]/.test(article.text.slice(f.end, x.start)));
        const when = own?.resolve(tense) ?? null;
        const struck = flag(type, 'locatable') && parsed ? placeOfVerb(article, f, sPlaces) ?? null : null;
        const probe: EventRec = { type, mentions: [mention], sentences: new Set([s.index]), date: when, status, place: struck, participants: [], amounts: [], key, bare: !when && !struck, past: false };
        const main = mainOf(type);
        const recent = [...events].reverse();
        const target =
          (main && !apart(main, probe) ? main : undefined) ??
          recent.find((e) => e.type === type && e.status === status) ??
          recent.find((e) => e.type === type) ??
          recent.find((e) => compatible(e.type, type));
        if (target) {
          target.mentions.push(mention);
          target.sentences.add(s.index);
          // Whoever comments on "the talks" in this sentence took part in them; on a quake, only tells of it.
          for (const a of sActors) if (!inQuote(article.quotes, a.start) && !hostOnly(a) && !(flag(type, 'sourcesApart') && sources.has(a))) target.participants.push({ actor: a, role: 'participant', sentence: s.index, confidence: 0.5 });
          // "the earthquake that shook Aceh on Tuesday" dates the quake the headline named.
          if (!target.date && when && !apart(target, probe)) target.date = when;
          // "the 6.1-magnitude quake struck Qeshm island" places it, in its own sentence.
          if (!target.place && struck && !apart(target, probe)) target.place = struck;
          target.bare = !target.place && !target.date;
          continue;
        }
      }

      // Date: nearest expression in the clause, else (except statements) in the sentence.
      const near = (list: DateExpr[]) => list.slice().sort((a, b) => dist(a, f) - dist(b, f))[0];
      let d = near(dates.filter((x) => x.start >= clause.start && x.end <= clause.end));
      if (!d && !flag(type, 'speech') && !definite) d = near(dates.filter((x) => dist(x, f) < 160));
      let date = d ? d.resolve(tenseOfTime(article, s, d.start, tense)) : null;
      if (date && pub && status === 'occurred' && date.length >= 7 && date > ymdOf(pub).slice(0, date.length)) {
        if (flag(type, 'said') || past) date = null;
        else status = 'planned';
      }
      // A deadline is planned until its date and past after it, whatever the words around it say.
      if (flag(type, 'statusFromDate') && date && pub) status = date >= ymdOf(pub) ? 'planned' : 'occurred';

      // Place: cities and regions nearby; countries only right after the trigger ("met in Argentina").
      let place: PlaceSpan | null = null;
      let best = Infinity;
      for (const p of sPlaces) {
        if (!p.locative && p.placeKind !== 'region') continue;
        const after = p.start >= f.end;
        const gap = after ? p.start - f.end : f.start - p.end;
        const regional = flag(type, 'regionalPlace') && p.start < clause.end && p.end > clause.start;
        if (p.placeKind === 'country' && !regional && !(flag(type, 'locatable') && after && gap <= 25 && p.start < clause.end)) continue;
        if (flag(type, 'speech') && gap > 40) continue;
        if (definite && !(after && gap <= 4)) continue;
        if (!after && gap > 30 && !regional) continue;
        const outside = p.start < clause.start || p.end > clause.end;
        if (outside && !(after && gap <= 4)) continue;
        const score = gap + (after ? 0 : 30);
        if (score < best && score < 200) {
          best = score;
          place = p;
        }
      }

      // "a quake hit the town of Zarand": the place its verb names, when the trigger is the verb's subject.
      if (f.def.noun && parsed && flag(type, 'locatable')) place = placeOfVerb(article, f, sPlaces) ?? place;

      // Participants and roles.
      const pool = (clauseActors.length ? clauseActors : sActors.filter((a) => !inQuote(article.quotes, a.start))).filter((a) => !hostOnly(a) && (flag(type, 'speech') || !flag(type, 'sourcesApart') || !sources.has(a)));
      const def = info(type);
      const filled = def ? fillRoles({ article, def, f, before, sentence: s, pool, sActors, inClause: clauseActors.length > 0, parsed }) : { participants: [], key: null };
      // The identity is what the event is done to ("joined the WTO"), whatever the filler read.
      const participants = joined ? [...filled.participants.filter((p) => p.actor !== joined), { actor: joined, role: 'target' as const, sentence: s.index, confidence: 0.7 }] : filled.participants;
      key = key ?? filled.key;

      const inClauseAmounts = amounts.filter((x) => x.start >= clause.start && x.end <= clause.end);
      const rec: EventRec = {
        type, mentions: [mention], sentences: new Set([s.index]), date, status, place, participants,
        amounts: flag(type, 'amounts') ? inClauseAmounts : [],
        key, bare: !place && !date, past: past || (flag(type, 'speech') && status === 'occurred'),
        ...(asPart && causer ? { partOf: causer } : {}),
      };
      // Two triggers of one type in one sentence are one event.
      // "marched ... to protest plans": an infinitive of purpose restates the event it follows.
      const purpose = /\bto\s+$/i.test(before);
      // "agreed to delay tariff hikes": what is put off belongs to the event that put it off.
      const putOff = PUT_OFF_BEFORE.test(before);
      const host = putOff ? [...sentenceEvents].reverse().find((e) => e.mentions[0]!.start < f.start) : undefined;
      if (host) {
        host.mentions.push(mention);
        continue;
      }
      const same = sentenceEvents.find((e) => e.type === type && !flag(type, 'speech') && (!conflict(e, rec) || (purpose && e.mentions[0]!.start < f.start)));
      if (same) {
        absorb(same, rec);
        continue;
      }
      // A later mention with nothing of its own that marks another happening ("Sunday's quake",
      // "the initial tremor") is the main one; "a quake ... in December 2003" is not, nor is "a
      // quake hit Zarand" with a place the main happening does not have.
      const main = lead.has(s.index) ? undefined : mainOf(type);
      const indefinite = f.def.noun && /\b(?:an?|another)\s+(?:[\w.-]+\s+){0,2}$/i.test(before);
      const ownMark = indefinite && ((rec.place && !main?.place) || (rec.date && !main?.date) || /\banother\s+(?:[\w.-]+\s+){0,2}$/i.test(before));
      if (main && !ownMark && !apart(main, rec)) {
        absorb(main, rec);
        continue;
      }
      const target = flag(type, 'speech') ? undefined : mergeTarget(events, rec, s.index, compatible, apart);
      if (target) absorb(target, rec);
      else {
        events.push(rec);
        sentenceEvents.push(rec);
      }
    }
  }
  // A reported past action with no time expression happened by publication: news reports what
  // was done on the day, so the publication date is its best date (precise to the day).
  if (pub) for (const e of events) if (!e.date && e.past && e.status === 'occurred') e.date = ymdOf(pub);
  return events;
}

function group<T>(items: T[], key: (x: T) => number): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
