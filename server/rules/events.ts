// Finds events from the triggers of the event taxonomy (./taxonomy.ts over ../lexicons/events.json),
// types them, resolves their date, status, place, arguments and amounts, and merges repeated
// mentions of one happening ("talks ... in Beijing" and "discussions in Beijing", "the quake").
// Argument roles come from the dependency parse when the annotator gave one, else from word order.
import { findAmounts, type AmountSpan } from './amounts.js';
import { findDates, type DateExpr, type Tense } from './dates.js';
import type { IssueMention } from './issues.js';
import type { ActorSpan, PlaceSpan, Span } from './mentions.js';
import { actorKey } from './mentions.js';
import { inQuote, type Article } from '../nlp/document.js';
import { clauseBounds, clauseOf } from './clauses.js';
import { compatibleTypes, TAXONOMY, type EventTypeDef, type Taxonomy, type TriggerDef } from './taxonomy.js';
import type { EventStatus } from '../extractors/contract.js';

export const EVENT_TYPES: Record<string, EventTypeDef> = TAXONOMY.types;

export type Role = 'participant' | 'speaker' | 'target' | 'agent';

export interface Participant {
  actor: ActorSpan;
  role: Role;
  sentence: number;
  confidence: number;
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
}

const HYPO_RE = /\b(?:if|unless|could|might|would|possibility|possible|possibly|potential|potentially|whether|should|may)\b/;
const FUTURE_RE = /\b(?:will|shall|going to|plans? to|planned|planning to|set to|scheduled|expected to|is to|are to|next (?:week|month|year)|upcoming|coming (?:days|weeks|months)|future|preparing|prepares|considering|to be held|'ll)\b/;
const DEFINITE_BEFORE = /\b(?:the|these|those|this|that)\s+(?:(?:current|ongoing|latest|recent|planned|proposed|upcoming|trade|two|deadly|powerful|massive|devastating|strong|huge|fatal|same|magnitude[- ]?\d+(?:\.\d+)?|\d+(?:\.\d+)?-magnitude)\s+){0,2}$/i;
const PAST_VERB = /(?:ed|said|told|wrote|held|met|made|gave|took|sent|struck|fought|won|lost|fled|shot|beat|began|rose|fell|hit|led|left|sought|brought|spoke|chose|drew|swore|threw|went on strike)$/i;
const PASSIVE_RE = /^(?:was|were|been|being)\s/i;
/** "did not meet", "never signed", "failed to reach": the event did not happen. */
const NEGATED_BEFORE = /\b(?:not|n't|never|no longer|failed to|fail to|fails to|refused to|without)\s+(?:\w+\s+){0,2}$/i;
const NO_BEFORE = /\b(?:no|there (?:was|were|is|are|has been|have been) no)\s+(?:\w+\s+){0,1}$/i;
/** "denied ordering the attack", "rejected reports of a meeting": someone says it did not happen. */
const DENIED_BEFORE = /\b(?:denied|denies|deny|denying|dismissed (?:reports|claims)|rejected (?:reports|claims)|refuted)\b(?:\s+(?:\w+\s+){0,6})?(?:that\s+)?(?:\w+\s+){0,6}$/i;
const VERB_BREAK = /,\s|\s(?:and|but)\s/;

/** The words around a trigger that carry its tense: back to the clause start (or the last comma),
 * forward to the next comma (or "and", for verbs, whose coordinated verb has its own tense). */
function localWindow(text: string, clause: { start: number; end: number }, f: { start: number; end: number; def: { noun: boolean } }, upToTrigger = false): string {
  const before = text.slice(clause.start, f.start);
  const comma = before.lastIndexOf(', ');
  const from = comma >= 0 && comma < before.length - 2 ? clause.start + comma + 2 : clause.start;
  if (upToTrigger) return text.slice(from, f.end);
  let after = text.slice(f.start, Math.min(clause.end, f.end + 80));
  const cut = f.def.noun ? after.slice(f.end - f.start).search(/,\s/) : after.slice(f.end - f.start).search(VERB_BREAK);
  if (cut >= 0) after = after.slice(0, f.end - f.start + cut);
  return text.slice(from, f.start) + after;
}

export interface EventInput {
  article: Article;
  actors: ActorSpan[];
  places: PlaceSpan[];
  issues: IssueMention[];
  pub: Date | null;
  /** The event taxonomy; the built-in one unless a caller (a test, a user's data file) passes its own. */
  taxonomy?: Taxonomy;
}

function statusOf(clauseText: string, afterTrigger: string): { status: EventStatus; tense: Tense } {
  const lower = clauseText.toLowerCase();
  const hypo = HYPO_RE.test(lower.replace(/\bmay\b/g, (m, i: number) => (clauseText.slice(i, i + 3) === 'May' ? 'MAY' : m)));
  const future = FUTURE_RE.test(lower) || /^\s+(?:are |is )?set\b/.test(afterTrigger);
  if (hypo && !/\bwill\b/.test(lower)) return { status: 'hypothetical', tense: 'future' };
  if (future || hypo) return { status: hypo ? 'hypothetical' : 'planned', tense: 'future' };
  return { status: 'occurred', tense: 'past' };
}

export function findEvents(input: EventInput): EventRec[] {
  const { article, actors, places, pub } = input;
  const tax = input.taxonomy ?? TAXONOMY;
  const TRIGGERS = tax.triggers;
  const info = (type: string): EventTypeDef | undefined => tax.types[type];
  const flag = (type: string, f: 'said' | 'speech' | 'locatable' | 'amounts' | 'passiveOnly' | 'regionalPlace') => !!info(type)?.[f];
  const compatible = (a: string, b: string) => compatibleTypes(tax, a, b);
  const parsed = article.tokens.some((t) => t.deprel !== undefined);
  const events: EventRec[] = [];
  const actorsBySentence = group(actors, (a) => a.sentence);
  const placesBySentence = group(places, (p) => p.sentence);

  for (const s of article.sentences) {
    if (s.boilerplate) continue;
    const bounds = clauseBounds(article, s);
    const dates = withTimeMentions(findDates(s.text, s.start, pub), article, s.index);
    const amounts = findAmounts(s.text, s.start);
    const sActors = actorsBySentence.get(s.index) ?? [];
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
        status = /\b(?:will|would|may|might|could|to|plans? to|expected to)\s+(?:\w+\s+)?\S*$/.test(lead) ? status : 'occurred';
      }
      const inQ = inQuote(article.quotes, f.start);
      const before = article.text.slice(Math.max(s.start, f.start - 40), f.start);
      const clauseBefore = article.text.slice(Math.max(clause.start, f.start - 80), f.start);
      if (DENIED_BEFORE.test(clauseBefore) && !flag(f.def.type, 'speech') && info(f.def.type)?.verbal !== true) status = 'denied';
      else if ((NEGATED_BEFORE.test(before) && !/\bnot only\s+$/i.test(before)) || (f.def.noun && NO_BEFORE.test(before)) || /\b(?:not|never)\b|n't\b/i.test(f.text)) status = 'negated';
      // "were injured": only a passive trigger is the event for some types ("injured" as an adjective is not).
      if (flag(f.def.type, 'passiveOnly') && !/\b(?:was|were|been|being|are|is)\s+(?:\w+\s+)?$/i.test(before) && !PASSIVE_RE.test(f.text)) continue;
      const definite = f.def.noun && DEFINITE_BEFORE.test(before) && !/^\s+(?:in|at)\s+\p{Lu}/u.test(article.text.slice(f.end, f.end + 6));
      const clauseActors = sActors.filter((a) => a.start >= clause.start && a.end <= clause.end && inQuote(article.quotes, a.start) === inQ);
      const follows = article.text.slice(f.end, Math.min(f.end + 40, s.end));
      // "meet American demands" is satisfying them, not a meeting.
      if (f.def.type === 'meeting' && /^\s+(?:\S+\s+)?(?:demands|expectations|requirements|needs|targets|goals|conditions|criteria|standards|deadlines?)\b/i.test(follows)) continue;
      // "agreed that progress was made" agrees with a claim: speech, not an agreement reached.
      const type = f.def.type === 'agreement' && /^\s+that\b/i.test(follows) ? 'statement' : f.def.type;

      // Accession needs the organisation joined right after the trigger.
      let key: string | null = null;
      let mentionEnd = f.end;
      if (type === 'accession') {
        const org = sActors.find((a) => a.start >= f.end && a.start - f.end <= 5 && (a.kind === 'organization' || a.kind === 'country'));
        if (!org) continue;
        key = actorKey(org);
        mentionEnd = org.end;
      }
      const mention: Span = { start: f.start, end: mentionEnd, text: article.text.slice(f.start, mentionEnd), ti: 0, tj: 0, sentence: s.index };

      // Definite references ("the talks") join the latest event of the same kind.
      if (definite && !flag(type, 'speech')) {
        const recent = [...events].reverse();
        const target =
          recent.find((e) => e.type === type && e.status === status) ??
          recent.find((e) => e.type === type) ??
          recent.find((e) => compatible(e.type, type));
        if (target) {
          target.mentions.push(mention);
          target.sentences.add(s.index);
          // Whoever comments on "the talks" in this sentence took part in them.
          for (const a of sActors) if (!inQuote(article.quotes, a.start) && !hostOnly(a)) target.participants.push({ actor: a, role: 'participant', sentence: s.index, confidence: 0.5 });
          // "the earthquake that shook Aceh on Tuesday" dates the quake the headline named.
          const own = dates.find((x) => x.start >= f.end && x.start - f.end <= 40 && !/[,;:]/.test(article.text.slice(f.end, x.start)));
          const when = own?.resolve(tense);
          if (!target.date && when) {
            target.date = when;
            target.bare = !target.place;
          }
          continue;
        }
      }

      // Date: nearest expression in the clause, else (except statements) in the sentence.
      const near = (list: DateExpr[]) => list.slice().sort((a, b) => dist(a, f) - dist(b, f))[0];
      let d = near(dates.filter((x) => x.start >= clause.start && x.end <= clause.end));
      if (!d && !flag(type, 'speech') && !definite) d = near(dates.filter((x) => dist(x, f) < 160));
      let date = d ? d.resolve(tenseOfTime(article, s, d.start, tense)) : null;
      if (type === 'deadline' && !date) date = null;
      if (date && pub && status === 'occurred' && date.length >= 7 && date > ymdOf(pub).slice(0, date.length)) {
        if (flag(type, 'said') || past) date = null;
        else status = 'planned';
      }
      if (type === 'deadline' && date && pub) status = date >= ymdOf(pub) ? 'planned' : 'occurred';

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

      // Participants and roles.
      const pool = (clauseActors.length ? clauseActors : sActors.filter((a) => !inQuote(article.quotes, a.start))).filter((a) => !hostOnly(a));
      const participants: Participant[] = [];
      const add = (a: ActorSpan, role: Role, confidence: number) => participants.push({ actor: a, role, sentence: s.index, confidence });
      if (flag(type, 'speech')) {
        const speaker = speakerOf(article, sActors, f);
        if (speaker) add(speaker, 'speaker', 0.8);
        // "..., according to the New China news agency": the source relays the statement.
        const src = sActors.find((a) => a.start > f.end && /according to\s+(?:the\s+)?$/i.test(article.text.slice(Math.max(s.start, a.start - 20), a.start)));
        if (src) add(src, 'participant', 0.6);
      } else if (type === 'arrest') {
        const passive = PASSIVE_RE.test(f.text) || /\b(?:was|were|been)\s+$/.test(before);
        const prevA = [...pool].reverse().find((a) => a.end <= f.start && a.kind === 'person') ?? [...pool].reverse().find((a) => a.end <= f.start);
        // "arrested a Ukrainian man": the adjective names where he is from, not who was arrested.
        const nextA = pool.find((a) => a.start >= f.end && a.via !== 'demonym');
        // "before he was arrested" with "he" unresolved: nobody named is the one arrested.
        const unresolved = passive && /\b(?:he|she|they)\s+(?:was|were)?\s*$/i.test(before) && !pool.some((a) => a.via === 'pronoun' && a.end <= f.start && f.start - a.end <= 6);
        const target = /of$/i.test(f.text) ? nextA : passive ? (unresolved ? undefined : prevA) : nextA;
        const agent = passive ? pool.find((a) => a.start >= f.end && /\bby\s+(?:the\s+)?$/i.test(article.text.slice(f.end, a.start))) : prevA;
        if (target) {
          add(target, 'target', 0.8);
          key = actorKey(target);
        }
        if (agent && agent !== target) add(agent, 'agent', 0.7);
        for (const a of pool) if (a !== target && a !== agent) add(a, 'participant', 0.5);
      } else if (type === 'sanction') {
        const onTarget = pool.find((a) => a.start >= f.start && a.end <= f.end + 40 && /\bon\s+(?:\S+\s+){0,4}$/i.test(article.text.slice(f.start, a.start)));
        const imposer = pool.find((a) => a.end <= f.start && a !== onTarget) ?? sActors.find((a) => a.end <= f.start && a !== onTarget && !inQuote(article.quotes, a.start));
        if (imposer) {
          add(imposer, 'agent', 0.7);
          key = actorKey(imposer);
        }
        if (onTarget) add(onTarget, 'target', 0.7);
        for (const a of pool) if (a !== onTarget && a !== imposer) add(a, 'participant', 0.5);
      } else {
        const def = info(type);
        const args = def ? argumentsOf(article, def, f, pool, parsed) : {};
        if (args.patient && !key) key = actorKey(args.patient);
        if (args.agent) add(args.agent, 'agent', 0.7);
        if (args.patient && args.patient !== args.agent) add(args.patient, 'target', 0.7);
        for (const a of pool) if (a !== args.agent && a !== args.patient) add(a, 'participant', clauseActors.length ? 0.7 : 0.5);
      }

      const inClauseAmounts = amounts.filter((x) => x.start >= clause.start && x.end <= clause.end);
      const rec: EventRec = {
        type, mentions: [mention], sentences: new Set([s.index]), date, status, place, participants,
        amounts: flag(type, 'amounts') ? inClauseAmounts : [],
        key, bare: !place && !date, past: past || (flag(type, 'speech') && status === 'occurred'),
      };
      // Two triggers of one type in one sentence are one event.
      // "marched ... to protest plans": an infinitive of purpose restates the event it follows.
      const purpose = /\bto\s+$/i.test(before);
      // "agreed to delay tariff hikes": what is put off belongs to the event that put it off.
      const putOff = /\b(?:delay|delayed|delaying|postpone[ds]?|postponing|suspend(?:ed|s|ing)?|hold(?:ing)? off on|held off on|put(?:ting)? off|defer(?:red|s|ring)?)\s+(?:the\s+|a\s+|new\s+|further\s+|planned\s+)*$/i.test(before);
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
      const target = flag(type, 'speech') ? undefined : mergeTarget(events, rec, s.index, compatible);
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

/**
 * With a dependency parse, a time expression takes the tense of the verb it hangs on, not of the
 * trigger's clause: in "will acquire Senator ..., the company announced on Monday", Monday belongs
 * to "announced" (past), so it is the Monday before publication.
 */
function tenseOfTime(article: Article, s: { tokenStart: number; tokenEnd: number }, pos: number, fallback: Tense): Tense {
  const { tokens } = article;
  let i = -1;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) if (tokens[k]!.start <= pos && pos < tokens[k]!.end) i = k;
  if (i < 0 || tokens[i]!.head === undefined) return fallback;
  for (let hops = 0, k = tokens[i]!.head!; k >= 0 && hops < 4; hops++, k = tokens[k]!.head ?? -1) {
    const v = tokens[k]!;
    if (!v.pos?.startsWith('VB')) continue;
    const aux = tokens.slice(s.tokenStart, s.tokenEnd).filter((t) => t.head === k && (t.deprel === 'aux' || t.deprel === 'aux:pass'));
    if (aux.some((t) => /^(will|shall|'ll|going)$/.test(t.norm) || t.lemma === 'will')) return 'future';
    if (v.pos === 'VBD' || (v.pos === 'VBN' && aux.some((t) => t.lemma === 'have' || t.lemma === 'be'))) return 'past';
    return fallback;
  }
  return fallback;
}

/** SUTime's values (when the annotator gave them) stand in for the rule-based dates they overlap. */
function withTimeMentions(found: DateExpr[], article: Article, sentence: number): DateExpr[] {
  // Only expressions that name their year: SUTime resolves "Thursday" or "in March" without the
  // clause's tense ("will visit on Thursday" looks forward, "released in March" back), which the
  // rules read.
  const timex = article.timeMentions
    .filter((t) => t.sentence === sentence && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(t.value) && /\b\d{4}\b/.test(t.text))
    .map((t): DateExpr => ({ start: t.start, end: t.end, text: t.text, resolve: () => t.value }));
  if (!timex.length) return found;
  return [...timex, ...found.filter((d) => !timex.some((t) => d.start < t.end && t.start < d.end))].sort((a, b) => a.start - b.start);
}

type Args = { agent?: ActorSpan; patient?: ActorSpan };

/**
 * Agent and patient of one trigger. With a dependency parse: the actors on the dependents whose
 * relation the taxonomy lists for the role ("nsubj" for the agent, "obj"/"nsubj:pass" for the
 * patient, "obl:by" for a passive's agent). Without: word order in the clause (the actor before
 * an active verb acts, the one after it undergoes; "X's takeover of Y"; "Y was arrested by X").
 */
function argumentsOf(article: Article, def: EventTypeDef, f: { start: number; end: number; text: string; def: { noun: boolean } }, pool: ActorSpan[], parsed: boolean): Args {
  const wantAgent = !!def.roles.agent?.length;
  const wantPatient = !!def.roles.patient?.length;
  if (!wantAgent && !wantPatient) return {};
  const byParse = parsed ? argumentsFromParse(article, def, f, pool) : {};
  const byOrder = argumentsByOrder(article, def, f, pool);
  // The parse decides where it found an argument; word order fills the rest.
  // One actor is never both sides of a happening ("Takeover of X by X"): the parse's reading wins.
  const same = (a?: ActorSpan, b?: ActorSpan) => !!a && !!b && (a === b || (a.kind === b.kind && a.name === b.name));
  const patient0 = byParse.patient ?? byOrder.patient;
  const agentRaw = byParse.agent ?? (!same(byOrder.agent, byParse.patient) ? byOrder.agent : undefined);
  const agent = same(agentRaw, patient0) && !byParse.agent ? undefined : agentRaw;
  const patient = byParse.patient ?? (!same(byOrder.patient, agent) ? byOrder.patient : undefined);
  return { ...(wantAgent && agent ? { agent } : {}), ...(wantPatient && patient ? { patient } : {}) };
}

function argumentsByOrder(article: Article, def: EventTypeDef, f: { start: number; end: number; text: string; def: { noun: boolean } }, pool: ActorSpan[]): Args {
  const text = article.text;
  const before = text.slice(Math.max(0, f.start - 40), f.start);
  const passive = PASSIVE_RE.test(f.text) || /\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$/i.test(before);
  // "Norwegian logistics group Halvorsen agreed": the adjective names where the agent is from.
  let prev = [...pool].reverse().find((a) => a.end <= f.start && a.via !== 'demonym');
  // "Keir Starmer of Britain will visit": the person acts, the country says whose he is.
  const owner = prev && [...pool].reverse().find((a) => a.end <= prev!.start && a.kind === 'person' && /^\s+of\s+(?:the\s+)?$/i.test(article.text.slice(a.end, prev!.start)));
  if (owner) prev = owner;
  const next = pool.find((a) => a.start >= f.end && a.start - f.end <= 60 && a.via !== 'demonym');
  const gapText = (a: ActorSpan, b: { start: number }) => text.slice(a.end, b.start);
  const out: Args = {};
  if (f.def.noun || /\bof$/i.test(f.text)) {
    const of = pool.find((a) => a.start >= f.end && /^\s+(?:of|against|on|at|in)\s+(?:the\s+)?(?:\S+\s+){0,2}$/i.test(text.slice(f.end, a.start)));
    const by = pool.find((a) => a.start >= f.end && /\bby\s+(?:the\s+)?$/i.test(text.slice(f.end, a.start)));
    const poss = prev && /^(?:['’]s?)?\s+(?:\S+\s+)?$/.test(gapText(prev, f)) ? prev : undefined;
    out.patient = of;
    out.agent = by ?? (poss !== of ? poss : undefined);
  } else if (passive) {
    out.patient = prev;
    out.agent = pool.find((a) => a.start >= f.end && /\bby\s+(?:the\s+)?$/i.test(text.slice(f.end, a.start)));
  } else {
    out.agent = prev;
    out.patient = next && next !== prev ? next : undefined;
  }
  void def;
  return out;
}

function argumentsFromParse(article: Article, def: EventTypeDef, f: { start: number; end: number }, pool: ActorSpan[]): Args {
  const toks = article.tokens;
  const inSpan: number[] = [];
  for (let i = 0; i < toks.length; i++) if (toks[i]!.start >= f.start && toks[i]!.end <= f.end) inSpan.push(i);
  if (!inSpan.length) return {};
  const dependents = (of: number) => toks.map((t, i) => ({ t, i })).filter((x) => x.t.head === of);
  // Arguments hang off the words of the trigger ("agreed on Monday to buy Nordic Freight": the
  // object of "buy"), outside the trigger itself.
  const argsOf = () => inSpan.flatMap((h) => dependents(h)).filter((d) => !inSpan.includes(d.i));
  const matches = (i: number, spec: string) => {
    const [rel, prep] = spec.split(':') as [string, string | undefined];
    const d = toks[i]!.deprel ?? '';
    if (d === spec) return true;
    if (d.split(':')[0] !== rel) return false;
    if (!prep) return d === rel;
    if (d.includes(':')) return d.split(':')[1] === prep;
    return dependents(i).some((c) => c.t.deprel === 'case' && (c.t.lemma ?? c.t.norm) === prep);
  };
  const actorAt = (i: number) => pool.find((a) => toks[i]!.start >= a.start && toks[i]!.end <= a.end);
  const fill = (specs: string[] | undefined) => {
    for (const spec of specs ?? []) for (const d of argsOf()) if (matches(d.i, spec)) {
      const a = actorAt(d.i);
      if (a) return a;
    }
    return undefined;
  };
  const patient = fill(def.roles.patient);
  const agent = fill(def.roles.agent);
  return { ...(agent ? { agent } : {}), ...(patient && patient !== agent ? { patient } : {}) };
}

function ymdOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dist(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
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

function speakerOf(article: Article, sActors: ActorSpan[], f: { start: number; end: number }): ActorSpan | undefined {
  const outside = sActors.filter((a) => !inQuote(article.quotes, a.start));
  // "said Larry Kudlow", "…,” he said"
  const after = outside.find((a) => a.start >= f.end && a.start - f.end <= 2);
  // ...only when the name ends the clause: in "said Petrenko's group had attacked" or "said China
  // would" the name after the verb is what was said about, not who said it.
  const endsClause = (a: ActorSpan) => /^(?:\s*[,.;:!?"”’)\]]|\s*$|\s+(?:on|in|at|who|told|according|last|this|late|earlier)\b)/.test(article.text.slice(a.end, a.end + 12));
  if (after && !/^\s*(?:that|the)\b/.test(article.text.slice(f.end, after.start)) && endsClause(after)) return after;
  // ", the companies said", ", officials said": a common-noun subject right before the verb is the
  // speaker, so the name earlier in the sentence is not.
  if (/,\s+(?:(?:the|its|their|local|some|two|three|several)\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+$/.test(article.text.slice(Math.max(0, f.start - 40), f.start))) return undefined;
  const beforeList = outside.filter((a) => a.end <= f.start && f.start - a.end <= 60);
  const persons = beforeList.filter((a) => a.kind === 'person');
  return persons[persons.length - 1] ?? beforeList[beforeList.length - 1];
}

function conflict(e: EventRec, c: EventRec): boolean {
  if (e.status !== c.status) return true;
  if (e.place && c.place && e.place.name !== c.place.name) return true;
  if (e.date && c.date && !(e.date.startsWith(c.date) || c.date.startsWith(e.date))) return true;
  if (e.key && c.key && e.key !== c.key) return true;
  return false;
}

function mergeTarget(events: EventRec[], c: EventRec, sentence: number, compatible: (a: string, b: string) => boolean): EventRec | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!compatible(e.type, c.type) || conflict(e, c)) continue;
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
  e.past = e.past || c.past;
  e.bare = !e.place && !e.date;
}
