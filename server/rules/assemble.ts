// Puts the recognisers' findings together into the extraction contract (../extractors/contract.ts).
import { recognise } from './actors.js';
import { resolveNames } from './coref.js';
import { parsePublished } from './dates.js';
import { absorb, type EventRec } from './event-record.js';
import { eventName } from './event-names.js';
import { findEvents } from './events.js';
import { TAXONOMY, type Taxonomy } from './taxonomy.js';
import { GraphBuilder } from './builder.js';
import { findIssues } from './issues.js';
import { actorKey, type ActorSpan } from './mentions.js';
import { findRoles } from './roles.js';
import { findStances } from './stance.js';
import { DEPUTY_TITLE, HEAD_OF_STATE_TITLE } from './lexicon.js';
import { inQuote, type Article } from '../nlp/document.js';
import { resolvePlaces, type GeoPlace } from '../gazetteer/index.js';
import type { ArticleMeta, Entity, Extraction, Relation } from '../extractors/contract.js';

const MAX_PER_SENTENCE = 8;

export function assemble(article: Article, meta: ArticleMeta, taxonomy: Taxonomy = TAXONOMY): { entities: Entity[]; relations: Relation[] } {
  const { text } = article;
  const pub = parsePublished(typeof meta.publishedAt === 'string' ? meta.publishedAt : null);
  const rec = recognise(article);
  const actors = resolveNames(article, rec.actors, rec.titles, rec.caps);
  const issues = findIssues(article, actors);
  const events = findEvents({ article, actors, places: rec.places, issues, pub, taxonomy });
  const kinds = kindsOf(taxonomy);
  const g = new GraphBuilder(text, article.sentences);

  // Where the article's places and countries are: resolved together, so namesakes are told
  // apart by the article's dateline and its other places and countries.
  const geo = resolvePlaces(
    [
      ...rec.places.map((p) => ({ name: p.name, kind: p.placeKind, dateline: p.dateline, country: p.country })),
      ...actors.filter((a) => a.kind === 'country').map((a) => ({ name: a.name, kind: 'country' as const })),
    ],
    { countries: actors.filter((a) => a.kind === 'country').map((a) => a.name) },
  );

  // Actors.
  const actorId = (a: ActorSpan) =>
    g.entity(actorKey(a), 'actor', a.name, a.name, { kind: a.kind, ...(a.kind === 'country' ? geoFields(geo.get(a.name)) : {}) });
  const firstSentence = new Map<string, number>();
  for (const a of actors) {
    const id = actorId(a);
    g.mention(id, a.start, a.end, a.via !== 'pronoun');
    if (!firstSentence.has(id)) firstSentence.set(id, a.sentence);
  }
  const countryId = (name: string | null) => (name ? g.idFor(`country:${name}`) : undefined);

  // Issues.
  const issueId = (key: string, name: string) => g.entity(`issue:${key}`, 'issue', name, key);
  for (const i of issues) {
    const id = issueId(i.key, i.name);
    g.mention(id, i.start, i.end);
    if (i.parent) {
      const parent = issueId(i.parent.key, i.parent.name);
      g.mention(parent, i.parent.start, i.parent.end);
      g.relate(id, parent, 'SUBTOPIC_OF', i.sentence, 0.7);
    }
  }

  // Places: every city or region named, as a location or not ("Belgrade airport", "Hangzhou
  // police" name a place too). Countries are actors.
  const placeKinds = new Map(rec.places.map((p) => [p.name, p.placeKind === 'region' ? ('region' as const) : undefined]));
  const placeId = (name: string) => {
    const at = geo.get(name);
    const placeKind = at?.placeKind ?? placeKinds.get(name);
    return g.entity(`place:${name}`, 'place', name, name, { ...(placeKind ? { placeKind } : {}), ...geoFields(at) });
  };
  // Words of a person's name the tagger read as a place elsewhere ("Meng's extradition", "Del
  // Rio's defence" beside "Jack Del Rio") are not one.
  const personNames = actors.filter((a) => a.kind === 'person').map((a) => ` ${a.name.toLowerCase().split(/\s+/).join(' ')} `);
  const inPersonName = (name: string) => {
    const words = ` ${name.toLowerCase().split(/\s+/).join(' ')} `;
    return personNames.some((n) => n.includes(words));
  };
  for (const p of rec.places) {
    if (p.placeKind === 'country') continue;
    if (!p.locative && inPersonName(p.name)) continue;
    g.mention(placeId(p.name), p.start, p.end);
  }

  // Roles and affiliations.
  for (const r of findRoles(article, actors, rec.titles)) g.relate(actorId(r.from), actorId(r.to), r.type, r.sentence, r.confidence);
  for (const a of actors) {
    if (a.via === 'pronoun' || !a.country || a.kind === 'country') continue;
    const c = countryId(a.country);
    const id = actorId(a);
    const s = firstSentence.get(id) ?? a.sentence;
    if (a.kind === 'group') g.relate(id, c, 'MEMBER_OF', a.sentence, 0.7);
    else if (a.kind === 'organization') g.relate(id, c, 'MEMBER_OF', s, 0.45);
    else if (a.kind === 'person' && a.knownTitle) {
      g.relate(id, c, 'ROLE_AT', s, 0.5);
      if (HEAD_OF_STATE_TITLE.test(a.knownTitle) && !DEPUTY_TITLE.test(a.knownTitle)) g.relate(id, c, 'LEADS', s, 0.45);
    }
  }

  // Events.
  const ordered = dropSideStatements(mergeDuplicates(foldConsequences(consolidateStatements(events, kinds, issues, taxonomy), kinds)), kinds)
    .filter((e) => e.mentions.length)
    // "no one died", "did not attack": what did not happen is no event.
    .filter((e) => e.status !== 'negated')
    // Nobody, nowhere, no time: a bare verb ("agreed", "denied") adds a node and says nothing.
    .filter((e) => e.participants.length > 0 || e.place || e.date)
    .sort((a, b) => Math.min(...a.mentions.map((m) => m.start)) - Math.min(...b.mentions.map((m) => m.start)));
  const eventIds = new Map<EventRec, string>();
  ordered.forEach((e, n) => {
    const info = taxonomy.types[e.type];
    const name = eventName(e, info);
    const id = g.entity(`event:${n + 1}`, 'event', name, String(n + 1), {
      eventType: e.type, status: e.status,
      ...(info?.cameo != null && info.goldstein != null ? { cameo: info.cameo, goldstein: info.goldstein } : {}),
      ...(e.date ? { date: e.date } : {}),
      ...(e.amounts.length ? { amounts: e.amounts.map((a) => ({ text: a.text, value: a.value, unit: a.unit })) } : {}),
      ...(e.place ? coordinates(geo.get(e.place.name)) : {}),
    });
    eventIds.set(e, id);
    for (const m of e.mentions) {
      g.mention(id, m.start, m.end);
      if (e.place) g.alias(id, `${m.text.replace(/\s+/g, ' ')} in ${e.place.name}`);
    }
    if (e.place) {
      const pid = placeId(e.place.name);
      g.mention(pid, e.place.start, e.place.end);
      g.relate(id, pid, 'LOCATED_IN', e.place.sentence, 0.75);
    }
    const agents: string[] = [];
    const targets: string[] = [];
    for (const p of e.participants) {
      const aid = actorId(p.actor);
      const type = p.role === 'speaker' ? 'STATED' : p.role === 'target' ? 'TARGET_OF' : 'PARTICIPATED_IN';
      g.relate(aid, id, type, p.sentence, p.confidence);
      if (p.role === 'agent') agents.push(aid);
      if (p.role === 'target') targets.push(aid);
    }
    // The relations the type implies between its participants (its "relations" in the taxonomy:
    // the arrester ARRESTED the arrested, those who met MET_WITH each other). Pairwise facts join
    // only participants one sentence names together, with that sentence as the evidence: an event
    // merged from many sentences must not relate every pair of its participants.
    for (const [s, group] of bySentenceOf(e.participants)) {
      const ids = (keep: (p: (typeof group)[number]) => boolean) => [...new Set(group.filter(keep).map((p) => actorId(p.actor)))].slice(0, MAX_PER_SENTENCE);
      for (const r of info?.relations ?? []) {
        if ('among' in r) {
          const them = ids((p) => p.confidence >= r.minConfidence && p.role !== 'speaker');
          for (let i = 0; i < them.length; i++) for (let j = i + 1; j < them.length; j++) g.relate(them[i], them[j], r.type, s, r.confidence);
        } else for (const a of ids((p) => p.role === r.from)) for (const t of ids((p) => p.role === r.to)) g.relate(a, t, r.type, s, r.confidence);
      }
    }
    for (const i of issues) if (e.sentences.has(i.sentence)) g.relate(id, issueId(i.key, i.name), 'CONCERNS', i.sentence, 0.6);
  });
  // A consequence is linked to the happening it is told of, in the sentence that tells it.
  for (const e of ordered) {
    const host = e.partOf && eventIds.get(e.partOf);
    if (host) g.relate(eventIds.get(e)!, host, 'PART_OF', Math.min(...e.mentions.map((m) => m.sentence)), 0.7);
  }

  // Stances.
  for (const st of findStances(article, actors, issues)) {
    const holder = actorId(st.holder);
    if (st.type === 'ACCUSED' && st.target) g.relate(holder, actorId(st.target), 'ACCUSED', st.sentence, st.confidence);
    else if (st.issue) g.relate(holder, issueId(st.issue.key, st.issue.name), st.type, st.sentence, st.confidence);
  }

  // Co-occurrence in a sentence: actors raising an issue, and weak actor-actor links.
  const bySentence = new Map<number, ActorSpan[]>();
  for (const a of actors) {
    if (inQuote(article.quotes, a.start) && a.via !== 'pronoun') continue;
    const l = bySentence.get(a.sentence) ?? [];
    if (!l.some((x) => actorKey(x) === actorKey(a))) l.push(a);
    bySentence.set(a.sentence, l);
  }
  const issuesBySentence = new Map<number, typeof issues>();
  for (const i of issues) issuesBySentence.set(i.sentence, [...(issuesBySentence.get(i.sentence) ?? []), i]);
  for (const [s, list] of bySentence) {
    const ids = list.slice(0, MAX_PER_SENTENCE).map(actorId);
    for (const i of (issuesBySentence.get(s) ?? []).slice(0, MAX_PER_SENTENCE)) for (const a of ids) g.relate(a, issueId(i.key, i.name), 'INVOLVED_IN', s, 0.5);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) if (!g.has(ids[i]!, ids[j]!)) g.relate(ids[i], ids[j], 'RELATED_TO', s, 0.3);
  }

  return g.build();
}

function coordinates(at: GeoPlace | undefined): { latitude?: number; longitude?: number } {
  return at ? { latitude: at.latitude, longitude: at.longitude } : {};
}

function geoFields(at: GeoPlace | undefined): Pick<Entity, 'placeKind' | 'countryCode' | 'latitude' | 'longitude'> {
  // A sea or a disputed area is in no one country: it has coordinates and no code.
  return at ? { placeKind: at.placeKind, ...(at.countryCode ? { countryCode: at.countryCode } : {}), ...coordinates(at) } : {};
}

function bySentenceOf<P extends { sentence: number }>(participants: P[]): Map<number, P[]> {
  const out = new Map<number, P[]>();
  for (const p of participants) out.set(p.sentence, [...(out.get(p.sentence) ?? []), p]);
  return out;
}

/**
 * Speech is attached to what it is about: "X said the talks would resume" makes X the speaker of
 * the talks, not of a separate statement. Statements about no other event are kept, one per
 * speaker; statements with no speaker are dropped (they carry nothing to connect).
 */
interface Kinds {
  VERBAL: Set<string>;
  SPEECH: Set<string>;
  CONSEQUENCE: Set<string>;
  STANCE: Set<string>;
  HOSTS: Set<string>;
}
function kindsOf(tax: Taxonomy): Kinds {
  const ids = (f: 'verbal' | 'speech' | 'consequence' | 'stance' | 'hostsConsequences') => new Set(Object.values(tax.types).filter((t) => t[f]).map((t) => t.id));
  return { VERBAL: ids('verbal'), SPEECH: ids('speech'), CONSEQUENCE: ids('consequence'), STANCE: ids('stance'), HOSTS: ids('hostsConsequences') };
}

/**
 * Deaths, injuries and evacuations told in the sentence of a quake, fire or attack are part of it:
 * a sub-event linked to it (PART_OF), whose counts are the happening's too, and which happened
 * when and where it did unless the sentence says otherwise.
 */
function foldConsequences(events: EventRec[], { CONSEQUENCE, HOSTS }: Kinds): EventRec[] {
  for (const e of events) {
    const host = e.partOf ?? (CONSEQUENCE.has(e.type)
      ? events.find((o) => o !== e && HOSTS.has(o.type) && o.status !== 'negated' && [...e.sentences].some((s) => o.sentences.has(s)))
      : undefined);
    if (!host || e.status === 'negated') continue;
    e.partOf = host;
    host.amounts.push(...e.amounts.filter((a) => !host.amounts.some((b) => b.start === a.start)));
    if (!e.date && host.date) e.date = host.date;
    if (!e.place && host.place) e.place = host.place;
    e.bare = !e.place && !e.date;
  }
  return events;
}

/**
 * "Statement by X" is news only when it says something the rest of the article does not: a
 * speaker who also takes part in a reported happening is linked to it already, so that
 * speaker's statement is commentary, unless it is what the lead sentence reports.
 */
function dropSideStatements(events: EventRec[], { VERBAL, SPEECH }: Kinds): EventRec[] {
  const acting = new Set(
    events.filter((e) => !SPEECH.has(e.type) && !VERBAL.has(e.type)).flatMap((e) => e.participants.map((p) => actorKey(p.actor))),
  );
  return events.filter((e) => {
    if (!SPEECH.has(e.type) || e.sentences.has(0)) return true;
    return !e.participants.some((p) => p.role === 'speaker' && acting.has(actorKey(p.actor)));
  });
}

function consolidateStatements(events: EventRec[], { VERBAL, SPEECH, STANCE }: Kinds, issues: Array<{ start: number; sentence: number }>, tax: Taxonomy): EventRec[] {
  // An issue right after the verb is what the speech act is about ("denied the accusations of IP theft").
  const aboutIssue = (e: EventRec) => e.mentions.some((m) => issues.some((i) => i.sentence === m.sentence && i.start >= m.end && i.start - m.end <= 30));
  const out: EventRec[] = [];
  const bySpeaker = new Map<string, EventRec>();
  const concrete = (o: EventRec) => !SPEECH.has(o.type) && !VERBAL.has(o.type);
  const sharesSentence = (e: EventRec, o: EventRec) => [...e.sentences].some((s) => o.sentences.has(s));
  for (const e of events) {
    // "accused", "urged", "denied" next to a concrete event are how actors relate to it (the
    // stance relations carry them); alone they stay events of their own.
    if (VERBAL.has(e.type)) {
      const about = events.find((o) => concrete(o) && sharesSentence(e, o));
      if (about) about.participants.push(...e.participants.filter((p) => p.role !== 'target' || about.type === e.type));
      // "China denied the accusations of IP theft": a speech act about an issue is a stance,
      // which the stance relations carry; it is no happening of its own.
      else if (!STANCE.has(e.type) || !aboutIssue(e)) out.push(e);
      continue;
    }
    // "reached a consensus in Argentina" after "met in Argentina": the agreement is the meeting's outcome.
    const outcomeOf = tax.types[e.type]?.outcomeOf ?? [];
    if (outcomeOf.length && e.place) {
      const meeting = events.find(
        (o) => outcomeOf.includes(o.type) && o.place?.name === e.place!.name && o.status === e.status && (!o.date || !e.date || o.date.startsWith(e.date) || e.date.startsWith(o.date)),
      );
      if (meeting) {
        meeting.mentions.push(...e.mentions);
        for (const s of e.sentences) meeting.sentences.add(s);
        meeting.participants.push(...e.participants);
        continue;
      }
    }
    if (!SPEECH.has(e.type)) {
      out.push(e);
      continue;
    }
    const speakers = e.participants.filter((p) => p.role === 'speaker');
    if (!speakers.length) continue;
    const about = events.find((o) => !SPEECH.has(o.type) && sharesSentence(e, o));
    if (about) {
      about.participants.push(...speakers);
      continue;
    }
    const key = actorKey(speakers[0]!.actor);
    const same = bySpeaker.get(key);
    if (same) {
      same.mentions.push(...e.mentions);
      for (const s of e.sentences) same.sentences.add(s);
      same.participants.push(...e.participants);
      if (same.date !== e.date) same.date = null;
      continue;
    }
    bySpeaker.set(key, e);
    out.push(e);
  }
  return out;
}

/**
 * One happening told twice in one article ("the union protested on Saturday ... workers protested
 * on Saturday") is one event: same type, status and date, the same actors taking part, and no
 * place or identity that tells them apart.
 */
export function mergeDuplicates(events: EventRec[]): EventRec[] {
  const out: EventRec[] = [];
  const who = (e: EventRec) => [...new Set(e.participants.filter((p) => p.role !== 'speaker').map((p) => `${p.role === 'target' ? 't' : 'a'}:${actorKey(p.actor)}`))].sort().join('|');
  for (const e of events) {
    const k = who(e);
    const same = k && e.date
      ? out.find((o) => o.type === e.type && o.status === e.status && o.date === e.date && who(o) === k && (!o.place || !e.place || o.place.name === e.place.name) && (!o.key || !e.key || o.key === e.key))
      : undefined;
    if (same) absorb(same, e);
    else out.push(e);
  }
  return out;
}

export function emptyExtraction(meta: ArticleMeta): Extraction {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    article: { title: str(meta.title), source: str(meta.source), author: str(meta.author), url: str(meta.url), publishedAt: str(meta.publishedAt) },
    entities: [],
    relations: [],
  };
}
