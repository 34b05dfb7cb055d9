// Classifies unknown capitalised names (person or organisation) and resolves later references to
// people: surname-only mentions ("Lighthizer"), family-name-first short forms ("Xi") and simple
// pronoun subjects ("he", "she") all become mentions of the same person.
import { givenNames, familyFirst, LEGAL_ENDINGS, ORG_SUFFIXES, ORG_PREFIXES, honorifics, knownPeople, ARTICLES, NAME_PARTICLES, PERSON_PRONOUNS, SPEECH_VERBS } from './lexicon.js';
import { isSpeechTrigger, TAXONOMY } from './taxonomy.js';
import type { CapSeq } from './actors.js';
import type { ActorSpan, TitleSpan } from './mentions.js';
import { inQuote, type Article } from '../nlp/document.js';
import { matchKey } from '../normalise/index.js';

/** "Lighthizer said", "Acme noted": a verb of saying after a name shows someone speaking. */
const isSpeech = (norm: string | undefined) => !!norm && (SPEECH_VERBS.has(norm) || isSpeechTrigger(TAXONOMY, norm));
const NAME_SHAPE = /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u;

interface Person {
  name: string;
  tokens: string[];
  /** Where the article names the person in full (character offsets), in text order. */
  at: number[];
}

export function resolveNames(article: Article, actors: ActorSpan[], titles: TitleSpan[], caps: CapSeq[]): ActorSpan[] {
  const { tokens, text } = article;
  const titleEndingAt = new Map<number, TitleSpan>();
  for (const t of titles) titleEndingAt.set(t.tj, t);
  const actorEndingAt = new Map<number, ActorSpan>();
  for (const a of actors) actorEndingAt.set(a.tj, a);
  const out: ActorSpan[] = [...actors];
  const mk = (c: CapSeq, kind: ActorSpan['kind'], name: string, via: ActorSpan['via']): ActorSpan => {
    const start = tokens[c.ti]!.start;
    const end = tokens[c.tj - 1]!.end;
    return { start, end, text: text.slice(start, end), ti: c.ti, tj: c.tj, sentence: c.sentence, kind, name, country: null, via };
  };
  const words = (c: CapSeq) => tokens.slice(c.ti, c.tj).filter((t) => t.isWord);
  const followedBySpeech = (c: CapSeq) => isSpeech(tokens[c.tj]?.norm);
  const apposition = (c: CapSeq) => {
    if (tokens[c.tj]?.text !== ',') return false;
    let k = c.tj + 1;
    if (ARTICLES.has(tokens[k]?.norm ?? '')) k++;
    for (let n = 0; n < 4 && k < tokens.length; n++, k++) if (titles.some((t) => t.ti === k)) return true;
    return false;
  };
  const orgApposition = (c: CapSeq) => {
    if (tokens[c.tj]?.text !== ',') return false;
    let k = c.tj + 1;
    if (!ARTICLES.has(tokens[k]?.norm ?? '')) return false;
    for (let n = 0; n < 5 && k < tokens.length && tokens[k]!.text !== ','; n++, k++) if (ORG_SUFFIXES.has(tokens[k]!.norm) && !tokens[k]!.cap) return true;
    return false;
  };
  const precededByTitle = (c: CapSeq) => titleEndingAt.has(c.ti) || c.honorific;

  // Names the annotator found, so a headline's "Chipmaker Arcturus" or "Defiant Matt Williams"
  // can be read as the "Arcturus" or "Matt Williams" the article names elsewhere.
  const surfaceOf = (c: CapSeq) => text.slice(tokens[c.ti]!.start, tokens[c.tj - 1]!.end).replace(/\s+/g, ' ').replace(/^the\s+/i, '');
  const annotatedNames = new Set(caps.filter((c) => c.ner).map(surfaceOf));
  const orgShort = new Map<string, string | null>();
  for (const c of caps) {
    if (c.ner !== 'ORGANIZATION') continue;
    const ws = words(c);
    const name = surfaceOf(c);
    if (ws.length >= 2 && NAME_SHAPE.test(ws[0]!.text) && ws[0]!.text.length >= 3 && !ORG_PREFIXES.has(ws[0]!.norm)) {
      const prev = orgShort.get(ws[0]!.norm);
      orgShort.set(ws[0]!.norm, prev === undefined || prev === name ? name : null);
    }
  }
  const withoutLeadingWord = (c: CapSeq): CapSeq | null => {
    if (!c.ner || words(c).length < 2) return null;
    let k = c.ti + 1;
    while (k < c.tj && !tokens[k]!.isWord) k++;
    const rest: CapSeq = { ...c, ti: k };
    const name = surfaceOf(rest);
    const restWords = words(rest).length;
    if (restWords >= 2 && annotatedNames.has(name)) return rest;
    return c.ner === 'ORGANIZATION' && restWords === 1 && typeof orgShort.get(name.toLowerCase()) === 'string' ? rest : null;
  };

  // Pass 1: multi-word names.
  const people = new Map<string, Person>();
  const addPerson = (name: string, start: number) => {
    const p = people.get(name);
    if (p) p.at.push(start);
    else people.set(name, { name, tokens: name.split(/\s+/), at: [start] });
  };
  for (const a of actors) if (a.kind === 'person') addPerson(a.name, a.start);
  const single: CapSeq[] = [];
  for (const c0 of caps) {
    const c = withoutLeadingWord(c0) ?? c0;
    const ws = words(c);
    if (ws.length === 0) continue;
    // The annotator already told people from organisations; only a lone surname needs resolving.
    // The tagger's ORGANIZATION for "Arthur Brand": two or three name-shaped words starting with a
    // common given name, and nothing organisational about them, are a person.
    const personShaped = ws.length >= 2 && ws.length <= 3 && givenNames.has(ws[0]!.norm) && ws.every((w) => NAME_SHAPE.test(w.text)) && !ORG_SUFFIXES.has(ws[ws.length - 1]!.norm) && !ORG_PREFIXES.has(ws[0]!.norm);
    if (c.ner === 'ORGANIZATION' && !personShaped) {
      const name = surfaceOf(c);
      const full = ws.length === 1 ? orgShort.get(ws[0]!.norm) : undefined;
      out.push(mk(c, 'organization', full ?? name, 'rule'));
      continue;
    }
    if ((c.ner === 'PERSON' || (c.ner === 'ORGANIZATION' && personShaped)) && ws.length > 1) {
      const surface = text.slice(tokens[c.ti]!.start, tokens[c.tj - 1]!.end).replace(/\s+/g, ' ');
      addPerson(surface, tokens[c.ti]!.start);
      out.push(mk(c, 'person', surface, 'rule'));
      continue;
    }
    if (ws.length === 1) {
      single.push(c);
      continue;
    }
    const first = ws[0]!.norm;
    const last = ws[ws.length - 1]!.norm;
    const prev = tokens[c.ti - 1];
    const surface = text.slice(tokens[c.ti]!.start, tokens[c.tj - 1]!.end).replace(/\s+/g, ' ');
    const hasOf = ws.some((w) => w.norm === 'of' || w.norm === 'for');
    const personish = ws.length <= 4 && !hasOf && ws.every((w) => NAME_SHAPE.test(w.text) || /^\p{Lu}$/u.test(w.text) || NAME_PARTICLES.has(w.norm));
    let kind: ActorSpan['kind'] | null = null;
    if (ORG_SUFFIXES.has(last) || (ORG_PREFIXES.has(first) && hasOf)) kind = 'organization';
    else if (personish && (precededByTitle(c) || givenNames.has(first) || (familyFirst.has(first) && ws.length <= 3) || apposition(c) || followedBySpeech(c))) kind = 'person';
    else if (prev?.norm === 'the' || hasOf) kind = 'organization';
    else if (personish && ws.length <= 3 && !c.sentenceInitial) kind = 'person';
    if (!kind) continue;
    // The tagger saw these words and named nothing: keep only what the words themselves prove,
    // an organisation's own suffix or "Ministry of", or a person right after a title.
    if (c.untagged) {
      const strongOrg = ORG_SUFFIXES.has(last) || (ORG_PREFIXES.has(first) && hasOf);
      const strongPerson = kind === 'person' && personish && precededByTitle(c);
      if (!(kind === 'organization' && strongOrg) && !strongPerson) continue;
    }
    if (kind === 'person') {
      addPerson(surface, tokens[c.ti]!.start);
      out.push(mk(c, 'person', surface, 'rule'));
    } else {
      out.push(mk(c, 'organization', surface.replace(/^the\s+/i, ''), 'rule'));
    }
  }

  // Short forms: last name, and the family name written first for East Asian names. A surname
  // two people share ("Mark Waugh ... Steve Waugh ... Waugh") is still one of them, not nobody:
  // the one the article named last before it, else the first it names (see ownerOf).
  const shortForms = new Map<string, Person[]>();
  const addShort = (key: string, p: Person) => {
    const list = shortForms.get(key) ?? [];
    if (!list.includes(p)) list.push(p);
    shortForms.set(key, list);
  };
  const ownerOf = (key: string, start: number): string | undefined => {
    const list = shortForms.get(key);
    if (!list?.length) return undefined;
    if (list.length === 1) return list[0]!.name;
    const lastBefore = (p: Person) => Math.max(-1, ...p.at.filter((s) => s < start));
    const before = list.filter((p) => lastBefore(p) >= 0).sort((a, b) => lastBefore(b) - lastBefore(a))[0];
    return (before ?? [...list].sort((a, b) => Math.min(...a.at) - Math.min(...b.at))[0]!).name;
  };
  for (const p of people.values()) {
    const ts = p.tokens.filter((t) => !/^\p{Lu}\.?$/u.test(t));
    if (ts.length < 2) continue;
    addShort(ts[ts.length - 1]!.toLowerCase(), p);
    if (familyFirst.has(ts[0]!.toLowerCase())) addShort(ts[0]!.toLowerCase(), p);
    const known = knownPeople.get(p.name);
    for (const al of known?.aliases ?? []) if (!al.includes(' ')) addShort(al.toLowerCase(), p);
  }

  // First names: sport and culture pages call people by them ("Marcus is learning").
  const firstNames = new Map<string, string | null>();
  for (const p of people.values()) {
    const first = p.tokens[0]?.toLowerCase();
    if (p.tokens.length < 2 || !first || shortForms.has(first)) continue;
    const prev = firstNames.get(first);
    firstNames.set(first, prev === undefined || prev === p.name ? p.name : null);
  }

  // Pass 2: one-word names.
  for (const c of single) {
    const w = tokens[c.ti]!;
    // The surname of someone named in full: in any case ("JOHNSON WINS" in an upper-case headline).
    const full = ownerOf(w.norm, w.start) ?? (c.ner === 'PERSON' ? firstNames.get(w.norm) : undefined);
    if (full) {
      out.push({ ...mk(c, 'person', full, 'surname'), country: knownPeople.get(full)?.country ?? null });
      continue;
    }
    if (!NAME_SHAPE.test(w.text) && !/^\p{Lu}\p{Ll}*$/u.test(w.text)) continue;
    if (honorifics.has(w.norm)) continue;
    if (c.untagged) {
      // A short form of an organisation named in full, or "Equity, the performers' union": an
      // appositive naming what kind of body it is.
      const org = orgShort.get(w.norm);
      if (typeof org === 'string') out.push(mk(c, 'organization', org, 'rule'));
      else if (orgApposition(c)) out.push(mk(c, 'organization', w.text, 'rule'));
      continue;
    }
    // "Hanseong said": the short form of an organisation the article named in full.
    const org = orgShort.get(w.norm);
    if (c.ner && typeof org === 'string') {
      out.push(mk(c, 'organization', org, 'rule'));
      continue;
    }
    if (c.ner === 'PERSON') {
      // A one-word person nobody was introduced as: news names people in full first, so keep it
      // only with a title, a speech verb or a second mention ("Ronaldo", "Madonna"), and not when a
      // capitalised word before it shows the tagger split a longer name ("the Old Bailey").
      const prev = tokens[c.ti - 1];
      const splitName = !!prev && prev.isWord && prev.cap && !c.sentenceInitial && !honorifics.has(prev.norm) && !titleEndingAt.has(c.ti);
      const again = single.filter((o) => tokens[o.ti]!.norm === w.norm).length >= 2;
      if (!splitName && (precededByTitle(c) || followedBySpeech(c) || again)) out.push(mk(c, 'person', w.text, 'rule'));
      continue;
    }
    if (precededByTitle(c)) {
      out.push(mk(c, 'person', w.text, 'rule'));
      continue;
    }
    if ((followedBySpeech(c) && !c.sentenceInitial) || (followedBySpeech(c) && givenNames.has(w.norm) === false && !ORG_SUFFIXES.has(w.norm) && isLikelySurname(w.text))) {
      // "Prosecutors said", "Officials said": a plural role noun, not anybody's name.
      if (c.sentenceInitial && PLURAL_ROLE.test(w.text)) continue;
      // News introduces people by full name first; a lone name that never had a first name
      // ("Europol said", "Acme said") is an organisation speaking.
      out.push(mk(c, 'organization', w.text, 'rule'));
    }
  }

  out.sort((a, b) => a.start - b.start || b.end - a.end);
  unifyOrganisations(out);
  const dedup = removeOverlaps(out);
  return [...dedup, ...resolvePronouns(article, dedup)].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Name words an acronym skips ("Bank of England" is BE, "the Party for Freedom" PF). */
const ACRONYM_SKIPS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'des', 'la', 'le', 'del', 'der', 'für', 'y', 'et', '&']);
const ACRONYM = /^\p{Lu}{2,6}$/u;

/**
 * One organisation an article names in several forms is one actor: "Acme Corp.", "Acme
 * Corporation" and "Acme" differ only by a legal ending, and "KANU" is the "Kenya African National
 * Union" the article names in full. The first form named wins, a lexicon's canonical name before
 * any; only the rules' names are renamed, so a lexicon entry keeps its identity and country.
 */
const wordsOf = (name: string) => name.split(/\s+/).map((w) => w.replace(/\.$/, '')).filter(Boolean);

/**
 * What an organisation's name says once its legal ending is gone ("Acme Corp." and "Acme
 * Corporation" are "acme"), as the project's alias key, so accents and punctuation do not make two
 * ("Société Générale SA" and "Societe Generale").
 */
export function organisationKey(name: string): string {
  const ws = wordsOf(name);
  while (ws.length > 1 && LEGAL_ENDINGS.has(ws[ws.length - 1]!.toLowerCase())) ws.pop();
  if (ws.length > 1 && /^(?:&|and)$/i.test(ws[ws.length - 1]!)) ws.pop();
  return matchKey(ws.join(' '));
}

function unifyOrganisations(spans: ActorSpan[]): void {
  const orgs = spans.filter((s) => s.kind === 'organization');
  const named = new Map<string, string>();
  // A headline's upper-case form ("TROFEJ BEOGRAD") is the last choice of name.
  const upper = (o: ActorSpan) => o.name === o.name.toUpperCase() && /\p{L}{7}/u.test(o.name);
  const rank = (o: ActorSpan) => (o.via === 'lexicon' ? 0 : upper(o) ? 2 : 1);
  for (const o of [...orgs].sort((a, b) => rank(a) - rank(b))) {
    const k = organisationKey(o.name);
    if (!named.has(k)) named.set(k, o.name);
  }
  // Initials of every long name, ambiguous ones dropped.
  const acronyms = new Map<string, string | null>();
  for (const name of new Set(named.values())) {
    const ws = wordsOf(name).filter((w) => !ACRONYM_SKIPS.has(w.toLowerCase()));
    if (ws.length < 2 || !ws.every((w) => /^\p{Lu}/u.test(w))) continue;
    // "American Broadcasting Company" is ABC, "Acme Widgets Ltd" AW.
    const plain = ws.filter((w) => !LEGAL_ENDINGS.has(w.toLowerCase()));
    for (const key of new Set([ws, plain].filter((x) => x.length >= 2).map((x) => x.map((w) => w.charAt(0)).join('')))) {
      const prev = acronyms.get(key);
      acronyms.set(key, prev === undefined || prev === name ? name : null);
    }
  }
  for (const o of orgs) {
    if (o.via === 'lexicon') continue;
    const full = ACRONYM.test(o.name) ? acronyms.get(o.name) : undefined;
    o.name = full ?? named.get(organisationKey(o.name)) ?? o.name;
  }
}

const PLURAL_ROLE = /^\p{Lu}\p{Ll}+(?:ors|ers|ists|ants|ents|ians|als|ives|ics|ees|ies)$/u;

function isLikelySurname(w: string): boolean {
  return w.length >= 3 && /^\p{Lu}\p{Ll}+$/u.test(w);
}

/** Keeps the longest of overlapping spans, except groups, which may contain their country. */
function removeOverlaps(spans: ActorSpan[]): ActorSpan[] {
  const out: ActorSpan[] = [];
  let lastEnd = -1;
  let lastNonGroup: ActorSpan | null = null;
  for (const s of spans) {
    if (s.kind === 'group') {
      out.push(s);
      continue;
    }
    if (lastNonGroup && s.start < lastEnd) continue;
    out.push(s);
    lastNonGroup = s;
    lastEnd = s.end;
  }
  return out;
}

/** "he"/"she" -> the person who is the subject nearby: first person named earlier in the same
 * sentence (outside quotations), else the first person of the closest earlier sentence. */
function resolvePronouns(article: Article, actors: ActorSpan[]): ActorSpan[] {
  const out: ActorSpan[] = [];
  const bySentence = new Map<number, ActorSpan[]>();
  for (const a of actors) {
    if (a.kind !== 'person') continue;
    const list = bySentence.get(a.sentence) ?? [];
    list.push(a);
    bySentence.set(a.sentence, list);
  }
  let lastSubject: ActorSpan | null = null;
  let lastSubjectSentence = -10;
  for (const s of article.sentences) {
    const persons = (bySentence.get(s.index) ?? []).filter((p) => !inQuote(article.quotes, p.start));
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = article.tokens[i]!;
      if (!PERSON_PRONOUNS.has(t.norm)) continue;
      const before = persons.find((p) => p.end <= t.start);
      const ante = before ?? (s.index - lastSubjectSentence <= 3 ? lastSubject : null);
      if (!ante) continue;
      out.push({ start: t.start, end: t.end, text: t.text, ti: i, tj: i + 1, sentence: s.index, kind: 'person', name: ante.name, country: ante.country, via: 'pronoun' });
    }
    const subj = persons[0];
    if (subj) {
      lastSubject = subj;
      lastSubjectSentence = s.index;
    }
  }
  return out;
}
