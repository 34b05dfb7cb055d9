// Recognises actors, places and titles in each sentence: lexicon look-ups first (countries,
// demonyms, capitals, organisations, widely known people), then rules for unknown capitalised
// names, then groups of people ("U.S. soybean growers").
import {
  entityTrie, titleTrie, groupHeads, ORG_SUFFIXES, weakGroupHeads, leaderTitles, nonNames, honorifics, knownPeople, LOCATIVE, EVENT_NOUNS,
  NAME_CONNECTORS, GOVERNMENT_NOUNS, GROUP_MODIFIER_STOPS, NAME_MODIFIERS, ARTICLES, PLACE_ONLY, type LexEntry,
} from './lexicon.js';
import type { ActorSpan, PlaceSpan, TitleSpan } from './mentions.js';
import { describesBusiness, nonActorKind } from './non-actors.js';
import type { Article, Token } from '../nlp/document.js';

export interface CapSeq {
  ti: number;
  tj: number;
  sentence: number;
  honorific: boolean;
  sentenceInitial: boolean;
  /** The annotator's entity type for this name, when an annotator (CoreNLP) found it. */
  ner?: 'PERSON' | 'ORGANIZATION';
  /** Found by the capitalisation rules in an annotated article the tagger said nothing about. */
  untagged?: boolean;
}

export interface Recognised {
  actors: ActorSpan[];
  places: PlaceSpan[];
  titles: TitleSpan[];
  caps: CapSeq[];
}

const PRIORITY: Record<string, number> = { org: 0, person: 1, country: 2, region: 3, city: 4, capital: 5, demonym: 6 };

function validEntry(tokens: Token[], i: number, len: number, e: LexEntry): boolean {
  if (e.caseSensitive) {
    for (let k = i; k < i + len; k++) {
      const t = tokens[k]!;
      if (t.isWord && !t.upper && !/^\p{N}+$/u.test(t.text)) return false;
    }
  }
  if (e.needsThe && tokens[i - 1]?.norm !== 'the') return false;
  return true;
}

export function recognise(article: Article): Recognised {
  const { tokens } = article;
  const norms = tokens.map((t) => t.norm);
  const actors: ActorSpan[] = [];
  const places: PlaceSpan[] = [];
  const titles: TitleSpan[] = [];
  const caps: CapSeq[] = [];
  // With an annotator's entity mentions, unknown names come from them instead of capitalisation
  // rules: a street, film or headline fragment is capitalised too, but no PERSON or ORGANIZATION.
  const annotated = article.annotator !== 'rules';
  const nameAt = new Map<number, { tj: number; type: 'PERSON' | 'ORGANIZATION' }>();
  const placeAt = new Map<number, number>();
  const tagged = new Set<number>();
  const anyAt = new Map<number, { tj: number }>();
  for (const m of article.entityMentions) {
    for (let k = m.ti; k < m.tj; k++) tagged.add(k);
    anyAt.set(m.ti, { tj: m.tj });
  }
  // A name has a proper noun in it; the tagger's odd "He" or "Agency" alone is no one's name.
  // A capitalised plural inside a sentence is a team's or party's name too ("for the Brewers").
  const firstWordOf = (sentence: number) => {
    let k = article.sentences[sentence]!.tokenStart;
    while (k < tokens.length && !tokens[k]!.isWord) k++;
    return k;
  };
  const proper = (ti: number, tj: number, sentence: number) =>
    tokens.slice(ti, tj).some((t, k) => t.cap && (t.pos === undefined || t.pos.startsWith('NNP') || (t.upper && t.text.length >= 2) || (t.pos === 'NNS' && ti + k > firstWordOf(sentence))));
  // How often the tagger reads each name as an organisation and as a place, over the article.
  const readAs = new Map<string, { org: number; loc: number }>();
  for (const m of article.entityMentions) {
    if (m.type !== 'ORGANIZATION' && m.type !== 'LOCATION') continue;
    const key = norms.slice(m.ti, m.tj).join(' ');
    const n = readAs.get(key) ?? { org: 0, loc: 0 };
    if (m.type === 'ORGANIZATION') n.org++;
    else n.loc++;
    readAs.set(key, n);
  }
  for (const m of article.entityMentions) {
    if (!proper(m.ti, m.tj, m.sentence) || nonActorKind(tokens, m.ti, m.tj)) continue;
    if (m.type === 'PERSON' || m.type === 'ORGANIZATION') nameAt.set(m.ti, { tj: m.tj, type: m.type });
    else if (m.type === 'LOCATION') placeAt.set(m.ti, m.tj);
  }
  const span = (ti: number, tj: number, sentence: number) => {
    const start = tokens[ti]!.start;
    const end = tokens[tj - 1]!.end;
    return { start, end, text: article.text.slice(start, end), ti, tj, sentence };
  };

  for (const s of article.sentences) {
    if (s.boilerplate) continue;
    let firstWord = s.tokenStart;
    while (firstWord < s.tokenEnd && !tokens[firstWord]!.isWord) firstWord++;
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      const tok = tokens[i]!;
      if (!tok.isWord) {
        i++;
        continue;
      }
      // 1. Lexicon entities.
      if (tok.cap || /^\p{N}/u.test(tok.text)) {
        const m = entityTrie.match(norms, i, s.tokenEnd);
        const named = nameAt.get(i) ?? anyAt.get(i);
        // "Bank of China", "China Mobile", "British Airways": a country the lexicon knows at the
        // start of a longer organisation or person name is part of that name, unless the rest is a
        // known entity itself ("Chinese Foreign Ministry" is the ministry of China).
        // An acronym the lexicon knows at the start of a longer tagged name is part of it too
        // ("A.P. Moller-Maersk" is not the Associated Press, "U.S. Steel" not the United States).
        const partOfName =
          !!m && !!named && named.tj - i > m.length && !!tokens[i + m.length]?.isWord &&
          m.entries.every((e) => e.kind === 'country' || e.kind === 'demonym' || e.kind === 'capital' || e.kind === 'city' || e.caseSensitive) &&
          !entityTrie.match(norms, i + m.length, s.tokenEnd);
        if (m && !partOfName) {
          const entry = m.entries
            .filter((e) => validEntry(tokens, i, m.length, e))
            .sort((a, b) => (PRIORITY[a.kind] ?? 9) - (PRIORITY[b.kind] ?? 9))[0];
          // "Leeds' £6m offer", "a loan move to Leeds", "Leeds 2 Chelsea 1": where the tagger reads
          // exactly a listed city as an organisation, and reads the name so at least as often as a
          // place in the article, it is the club, team or company named after it, unless a word
          // that only places things comes before it ("in Leeds"). One odd tag in a story about the
          // city ("Baltimore's port") is not enough.
          const org = nameAt.get(i);
          const reading = readAs.get(norms.slice(i, i + m.length).join(' '));
          if (entry?.kind === 'city' && org?.type === 'ORGANIZATION' && org.tj === i + m.length && !PLACE_ONLY.has(tokens[i - 1]?.norm ?? '') && !!reading && reading.org >= reading.loc) {
            caps.push({ ti: i, tj: org.tj, sentence: s.index, honorific: false, sentenceInitial: i === firstWord, ner: 'ORGANIZATION' });
            i = org.tj;
            continue;
          }
          if (entry) {
            handleLexicon(entry, i, i + m.length, s.index);
            i += m.length;
            continue;
          }
        }
      }
      // 2. Titles (case-insensitive), unless the tagger read the word as the start of an
      // organisation's name ("Senator International", "General Motors").
      const tm = nameAt.get(i)?.type === 'ORGANIZATION' || startsOrgName(i, s.tokenEnd) ? null : titleTrie.match(norms, i, s.tokenEnd);
      if (tm && (tok.cap || isTitleContext(i, i + tm.length))) {
        const key = norms.slice(i, i + tm.length).join(' ');
        titles.push({ ...span(i, i + tm.length, s.index), title: key, leader: leaderTitles.has(key) });
        i += tm.length;
        continue;
      }
      // "The Hague", "The International Court of Justice": a leading "The" is not part of an unknown
      // name when a known one follows it.
      if (tok.norm === 'the' && i + 1 < s.tokenEnd && entityTrie.match(norms, i + 1, s.tokenEnd)) {
        i++;
        continue;
      }
      // 3a. Names and places the annotator found (CoreNLP): unknown names, classified later.
      if (annotated) {
        const named = nameAt.get(i);
        if (named) {
          let a = i;
          let honorific = false;
          while (a < named.tj && (honorifics.has(norms[a]!) || norms[a] === 'the' || !tokens[a]!.isWord)) {
            if (honorifics.has(norms[a]!)) honorific = true;
            a++;
          }
          if (a < named.tj) caps.push({ ti: a, tj: named.tj, sentence: s.index, honorific, sentenceInitial: a === firstWord, ner: named.type });
          i = named.tj;
          continue;
        }
        const placeEnd = placeAt.get(i);
        if (placeEnd !== undefined) {
          const sp = span(i, placeEnd, s.index);
          const prev = tokens[i - 1]?.norm === 'the' ? tokens[i - 2] : tokens[i - 1];
          const next = tokens[placeEnd];
          const dateline = tok.upper && (!prev || prev.start < s.start) && !!next && /^[—–,(-]$/.test(next.text);
          const locative = (!!prev && LOCATIVE.has(prev.norm)) || dateline || (!!next && EVENT_NOUNS.has(next.norm));
          places.push({ ...sp, name: sp.text.replace(/\s+/g, ' ').replace(/^the\s+/i, ''), placeKind: 'city', locative, ...(dateline ? { dateline } : {}) });
          i = placeEnd;
          continue;
        }
        // Inside something the tagger did name (MISC: "Six Nations", nationalities, works): no actor.
        if (tagged.has(i)) {
          i++;
          continue;
        }
        // Untagged capitalised words go on to the rules below, which keep only names with strong
        // evidence of what they are ("Equity, the performers' union", "Harcourt Bank").
      }
      // 3b. Capitalised word sequences: unknown names, classified later.
      if (tok.cap && /\p{L}/u.test(tok.text)) {
        let j = i;
        let honorific = false;
        while (j < s.tokenEnd) {
          const t = tokens[j]!;
          if (annotated && j > i && tagged.has(j)) break;
          if (t.isWord && t.cap && /\p{L}/u.test(t.text)) {
            if (j > i && nonNames.has(t.norm) && !NAME_CONNECTORS.has(t.norm)) break;
            if (j > i && entityTrie.match(norms, j, s.tokenEnd) && !NAME_CONNECTORS.has(norms[j - 1] ?? '')) break;
            if (j > i && titleTrie.match(norms, j, s.tokenEnd)) break;
            j++;
            // Initials: "Steven T. Mnuchin".
            if (t.text.length === 1 && tokens[j]?.text === '.' && tokens[j]!.start === t.end) j++;
            continue;
          }
          if (t.text === '-' && j > i && tokens[j - 1]!.end === t.start && tokens[j + 1]?.isWord && tokens[j + 1]!.start === t.end) {
            j += 2;
            continue;
          }
          if (j > i && t.isWord && NAME_CONNECTORS.has(t.norm) && tokens[j + 1]?.cap && tokens[j + 1]!.isWord) {
            j++;
            continue;
          }
          break;
        }
        let a = i;
        while (a < j && (nonNames.has(norms[a]!) || honorifics.has(norms[a]!) || !tokens[a]!.isWord)) {
          if (honorifics.has(norms[a]!)) honorific = true;
          a++;
        }
        let b = j;
        while (b > a && (NAME_CONNECTORS.has(norms[b - 1]!) || !tokens[b - 1]!.isWord) && tokens[b - 1]!.text !== '.') b--;
        if (b > a && !(annotated && nonActorKind(tokens, a, b))) caps.push({ ti: a, tj: b, sentence: s.index, honorific, sentenceInitial: a === firstWord, ...(annotated ? { untagged: true } : {}) });
        i = Math.max(j, i + 1);
        continue;
      }
      i++;
    }
    findGroups(s.index, s.tokenStart, s.tokenEnd);
  }

  /** Capitalised words from i ending in an organisation suffix ("Senator International", "General Electric Company"). */
  function startsOrgName(i: number, end: number): boolean {
    if (!tokens[i]!.cap) return false;
    for (let k = i + 1; k < Math.min(end, i + 5); k++) {
      const t = tokens[k]!;
      if (!t.isWord || !t.cap) return false;
      if (ORG_SUFFIXES.has(t.norm)) return true;
    }
    return false;
  }

  function isTitleContext(i: number, j: number): boolean {
    // A lower-case title counts when it sits next to a name: "Huawei executive Meng", "the editor of".
    const next = tokens[j];
    const prev = tokens[i - 1];
    if (next?.cap && next.isWord) return true;
    if (next?.norm === 'of' || next?.norm === 'at') return true;
    if (prev && (ARTICLES.has(prev.norm) || prev.norm === 's' || prev.cap)) {
      const after = tokens[j];
      return !!after && (after.text === ',' || after.norm === 'of' || after.cap);
    }
    return false;
  }

  function handleLexicon(e: LexEntry, ti: number, tj: number, sentence: number): void {
    const sp = span(ti, tj, sentence);
    // "in The Hague": the word before the name's "the" is what governs it.
    const the = e.needsThe && tokens[ti - 1]?.norm === 'the' ? 1 : 0;
    const prev = tokens[ti - 1 - the];
    const prev2 = tokens[ti - 2 - the];
    const next = tokens[tj];
    const locative = !!prev && LOCATIVE.has(prev.norm) && !(prev.norm === 'to' && prev2?.norm === 'according');
    const beforeEventNoun = !!next && EVENT_NOUNS.has(next.norm) && next.start - sp.end <= 1;
    const based = next?.text === '-' && tokens[tj + 1]?.norm === 'based';
    const dateline = tokens[ti]!.upper && (!prev || prev.start < article.sentences[sentence]!.start) && !!next && /^[—–,(-]$/.test(next.text);
    const nameModified = !!next && NAME_MODIFIERS.has(next.norm);
    switch (e.kind) {
      case 'country':
        actors.push({ ...sp, kind: 'country', name: e.name, country: e.name, via: 'lexicon' });
        if (locative) places.push({ ...sp, name: e.name, placeKind: 'country', locative: true });
        return;
      case 'demonym':
        if (annotated && describesBusiness(tokens, ti, tj)) return;
        actors.push({ ...sp, kind: 'country', name: e.name, country: e.name, via: 'demonym' });
        return;
      case 'capital':
        if (nameModified && !beforeEventNoun) return;
        if (locative || beforeEventNoun || based || dateline) places.push({ ...sp, name: e.name, placeKind: 'capital', locative: true, country: e.country, ...(dateline ? { dateline } : {}) });
        else actors.push({ ...sp, kind: 'country', name: e.country ?? e.name, country: e.country, via: 'capital' });
        return;
      case 'city':
        places.push({ ...sp, name: e.name, placeKind: 'city', locative: locative || beforeEventNoun || dateline, ...(dateline ? { dateline } : {}) });
        return;
      case 'region':
        places.push({ ...sp, name: e.name, placeKind: 'region', locative: locative || beforeEventNoun });
        return;
      case 'org': {
        // Generic bodies ("Defense Ministry") take the country named with them: "Armenia's Defense Ministry".
        if (!e.country && e.category === 'government') {
          let k = ti;
          if (tokens[k - 1]?.norm === 's' && /^['’]$/.test(tokens[k - 2]?.text ?? '')) k -= 2;
          const c = actors[actors.length - 1];
          if (c && c.kind === 'country' && c.tj === k) {
            actors.push({ ...sp, kind: 'organization', name: `${e.name} (${c.name})`, country: c.name, via: 'lexicon' });
            return;
          }
        }
        actors.push({ ...sp, kind: 'organization', name: e.name, country: e.country, via: 'lexicon' });
        return;
      }
      case 'person': {
        // "the Trump administration" is the government of the leader's country.
        if (next && GOVERNMENT_NOUNS.has(next.norm) && e.country) {
          const gsp = span(ti, tj + 1, sentence);
          actors.push({ ...gsp, kind: 'country', name: e.country, country: e.country, via: 'government' });
          return;
        }
        const info = knownPeople.get(e.name);
        actors.push({ ...sp, kind: 'person', name: e.name, country: info?.country ?? null, via: 'lexicon', knownTitle: info?.title ?? null });
        return;
      }
    }
  }

  function findGroups(sentence: number, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const m = groupHeads.match(norms, i, to);
      if (!m) continue;
      const head = norms.slice(i, i + m.length).join(' ');
      const headEnd = i + m.length;
      // "Farmers Association", "Workers Party": the head word is part of an organisation's name.
      const after = tokens[headEnd];
      if (tokens[i]!.cap && after?.isWord && after.cap && after.start < (article.sentences[sentence]?.end ?? 0) && (ORG_SUFFIXES.has(after.norm) || ORG_SUFFIXES.has(norms[headEnd + 1] ?? ''))) {
        i = headEnd - 1;
        continue;
      }
      // Modifiers: one adjacent lower-case noun, then an adjacent country or demonym.
      let a = i;
      const prev = tokens[a - 1];
      const weak = weakGroupHeads.has(head);
      if (!weak && prev && prev.isWord && !prev.cap && !/\p{N}/u.test(prev.text) && !GROUP_MODIFIER_STOPS.has(prev.norm) && !/(?:ly|ed|ing)$/.test(prev.norm) && a - 1 >= from) a--;
      const countrySpan = actors.find((x) => x.tj === a && x.sentence === sentence && x.kind === 'country');
      if (countrySpan) a = countrySpan.ti;
      if (weak && !countrySpan) {
        i = headEnd - 1;
        continue;
      }
      const sp = span(a, headEnd, sentence);
      // A common noun capitalised only by its place in the sentence ("Farmers protested") is the
      // same group as "farmers" later on.
      let name = sp.text.replace(/\s+/g, ' ');
      if (!countrySpan && tokens[a]!.cap && !tokens[a]!.upper) name = name.charAt(0).toLowerCase() + name.slice(1);
      actors.push({ ...sp, kind: 'group', name, country: countrySpan?.country ?? null, via: 'rule' });
      i = headEnd - 1;
    }
  }

  actors.sort((x, y) => x.start - y.start);
  places.sort((x, y) => x.start - y.start);
  return { actors, places, titles, caps };
}
