// Finds issues: the taxonomy in ../lexicons/issues.json (each issue one node however it is worded;
// overlapping phrases go to the longest match, "trade war" beats "war"), and open-vocabulary
// issues, the noun phrases news puts where a matter of dispute or policy goes ("dispute over X",
// "ban on X", "the X embargo"), folded by the synonyms in the same file and filed under the
// taxonomy issue they contain. A lone keyword seen once is no evidence of an issue.
import issuesData from '../lexicons/issues.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { IssuesSchema } from '../lexicons/schemas.js';
import { ARTICLES, DETERMINERS } from './lexicon.js';
import type { Span } from './mentions.js';
import { sentenceAt, type Article } from '../nlp/document.js';
import { slugify } from '../normalise/index.js';

export interface IssueDef {
  key: string;
  name: string;
  re: RegExp;
}

export interface IssueMention {
  key: string;
  name: string;
  start: number;
  end: number;
  text: string;
  sentence: number;
  /** The taxonomy issue an open-vocabulary issue is filed under, with the span that names it. */
  parent?: { key: string; name: string; start: number; end: number; text: string };
  /** Found in a frame ("concerns about X"), which is evidence on its own. */
  framed?: boolean;
}

const DATA = loadLexicon('issues.json', IssuesSchema, issuesData);

const wholeWords = (alt: string, flags = 'giu') => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}\\p{N}])`, flags);

export const ISSUES: IssueDef[] = DATA.issues.map((d) => ({ key: d.key, name: d.name, re: wholeWords(d.phrases.join('|')) }));
const ISSUE_EXACT = DATA.issues.map((d) => ({ key: d.key, name: d.name, re: new RegExp(`^(?:${d.phrases.join('|')})$`, 'iu') }));
const FRAMES = DATA.frames.map((f) => ({ re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${f.re})\\s+`, 'giu'), name: f.name }));
const COMPOUNDS = DATA.compounds.map((c) => ({ re: wholeWords(c.head), name: c.name }));

/** Lower case, straight apostrophes, no determiners, single spaces: the key synonyms are folded on. */
const LEADING_ARTICLE = new RegExp(`^(?:${[...ARTICLES].join('|')})\\s+`);
const fold = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(LEADING_ARTICLE, '').replace(/\s+/g, ' ').trim();
const SYNONYMS = new Map<string, { name: string; parent?: string }>();
for (const s of DATA.synonyms) for (const v of [s.name, ...s.variants]) SYNONYMS.set(fold(v), { name: s.name, ...(s.parent ? { parent: s.parent } : {}) });

// Words that end the noun phrase after a frame, or cannot start one.
const STOP = new Set(DATA.phraseStops);
/** Words that open the noun phrase after a frame without being part of the issue ("the", "new"). */
const OPENERS = new Set([...DETERMINERS, ...DATA.phraseOpeners]);
/** Too general to be an issue on their own. */
const GENERIC = new Set(DATA.generic);
const WORD = /^[\p{L}][\p{L}\p{N}'’-]*/u;

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const slug = (s: string): string => slugify(fold(s));

/** A verb by the annotator's part of speech, when there is one. */
const verbAt = (article: Article, at: number) => /^VB/.test(article.tokens.find((t) => t.start === at)?.pos ?? '');

/** Two words after `from` (three when they are a name: "the South China Sea"), stopping at a stop
 * word, a verb or punctuation. */
function phraseAfter(article: Article, from: number, limit: number): { start: number; end: number } | null {
  const text = article.text;
  let i = from;
  for (;;) {
    const m = /^(\S+)\s+/.exec(text.slice(i, limit));
    if (!m || !OPENERS.has(m[1]!.toLowerCase())) break;
    i += m[0].length;
  }
  const start = i;
  let end = i;
  let words = 0;
  let caps = true;
  while (words < 3 && i < limit) {
    const m = WORD.exec(text.slice(i, limit));
    if (!m) break;
    const w = m[0].replace(/['’]s$/, '');
    if (STOP.has(w.toLowerCase()) || verbAt(article, i)) break;
    const cap = /^\p{Lu}/u.test(w);
    if (words > 0 && cap !== caps) break;
    caps = cap;
    if (words === 2 && !caps) break;
    end = i + w.length;
    words++;
    i += m[0].length;
    if (text[i] !== ' ') break;
    i++;
  }
  return words ? { start, end } : null;
}

/** The word right before a compound head ("the arms embargo", "farm subsidies"); two when the
 * two with the head are a known issue ("state enterprise reform"). */
function phraseBefore(text: string, head: number, floor: number, headText: string): { start: number; end: number } | null {
  const before = text.slice(floor, head);
  const m = /((?:[\p{L}][\p{L}\p{N}'’-]*\s){1,2})$/u.exec(before);
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/);
  // "providing industrial subsidies": a verb before the phrase is not part of it.
  while (words.length && (STOP.has(words[0]!.toLowerCase()) || OPENERS.has(words[0]!.toLowerCase()) || /(?:ing|ed)$/i.test(words[0]!))) words.shift();
  if (!words.length || words.some((w) => STOP.has(w.toLowerCase()))) return null;
  if (words.length === 2 && !SYNONYMS.has(fold(`${words.join(' ')} ${headText}`)) && !ISSUE_EXACT.some((d) => d.re.test(`${words.join(' ')} ${headText}`))) words.shift();
  const phrase = words.join(' ');
  const end = head - 1;
  return { start: end - phrase.length, end };
}

const SYNONYM_RE = wholeWords([...SYNONYMS.keys()].filter((k) => /\s/.test(k)).sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|'));

function parentOf(key: string | undefined, start: number, text: string): { parent?: IssueMention['parent'] } {
  const d = key ? DATA.issues.find((i) => i.key === key) : undefined;
  return d ? { parent: { key: d.key, name: d.name, start, end: start + text.length, text } } : {};
}

/** Open-vocabulary issues of one sentence: frames and compounds, folded and filed. */
function openIssues(article: Article, s: { index: number; start: number; end: number }, actors: Span[]): IssueMention[] {
  const text = article.text;
  const found: Array<{ x: { start: number; end: number }; name: string; whole: { start: number; end: number }; dispute: boolean }> = [];
  const sentenceText = text.slice(s.start, s.end);
  for (const f of FRAMES) {
    f.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = f.re.exec(sentenceText)) !== null) {
      const x = phraseAfter(article, s.start + m.index + m[0].length, s.end);
      if (x) found.push({ x, name: f.name, whole: { start: s.start + m.index, end: x.end }, dispute: /dispute/.test(f.name) });
    }
  }
  for (const c of COMPOUNDS) {
    c.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = c.re.exec(sentenceText)) !== null) {
      const head = s.start + m.index;
      const x = phraseBefore(text, head, s.start, m[0]);
      if (x) found.push({ x, name: c.name, whole: { start: x.start, end: head + m[0].length }, dispute: /dispute/.test(c.name) });
    }
  }
  const out: IssueMention[] = [];
  for (const f of found) {
    const phrase = text.slice(f.x.start, f.x.end);
    const words = phrase.split(/\s+/);
    if (words.length === 1 && GENERIC.has(words[0]!.toLowerCase())) continue;
    if (!/\p{L}{3}/u.test(phrase)) continue;
    // An actor after "ban on" is the target of a measure, not an issue; a dispute over it is one.
    const actor = actors.some((a) => a.start < f.x.end && f.x.start < a.end);
    if (actor && !f.dispute) continue;
    const label = f.name.replace('{x}', actor ? phrase : phrase.toLowerCase());
    const syn = SYNONYMS.get(fold(label)) ?? SYNONYMS.get(fold(phrase));
    const exact = ISSUE_EXACT.find((d) => d.re.test(phrase) || d.re.test(label));
    const span = { start: f.whole.start, end: f.whole.end, text: text.slice(f.whole.start, f.whole.end), sentence: s.index };
    if (!syn && exact) {
      out.push({ key: exact.key, name: exact.name, ...span, framed: true });
      continue;
    }
    const name = syn?.name ?? titleCase(label);
    const parentKey = syn?.parent;
    let parent: IssueMention['parent'];
    for (const d of ISSUES) {
      if (parentKey && d.key !== parentKey) continue;
      d.re.lastIndex = 0;
      const pm = d.re.exec(span.text);
      if (pm) {
        parent = { key: d.key, name: d.name, start: span.start + pm.index, end: span.start + pm.index + pm[0].length, text: pm[0] };
        break;
      }
      if (parentKey) parent = { key: d.key, name: d.name, ...span };
    }
    out.push({ key: slug(name), name, ...span, framed: true, ...(parent && parent.key !== slug(name) ? { parent } : {}) });
  }
  return out;
}

export function findIssues(article: Article, actors: Span[] = []): IssueMention[] {
  const raw: IssueMention[] = [];
  for (const def of ISSUES) {
    def.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = def.re.exec(article.text)) !== null) {
      if (m[0].length === 0) {
        def.re.lastIndex++;
        continue;
      }
      const sentence = sentenceAt(article.sentences, m.index);
      if (sentence < 0 || article.sentences[sentence]!.boilerplate) continue;
      // Matches never cross a sentence boundary.
      if (m.index + m[0].length > article.sentences[sentence]!.end) continue;
      raw.push({ key: def.key, name: def.name, start: m.index, end: m.index + m[0].length, text: m[0], sentence });
    }
  }
  // The synonyms' wordings are issues wherever they occur ("the weapons ban").
  SYNONYM_RE.lastIndex = 0;
  let sm: RegExpExecArray | null;
  while ((sm = SYNONYM_RE.exec(article.text)) !== null) {
    const sentence = sentenceAt(article.sentences, sm.index);
    const syn = SYNONYMS.get(fold(sm[0]));
    if (sentence < 0 || article.sentences[sentence]!.boilerplate || !syn || sm.index + sm[0].length > article.sentences[sentence]!.end) continue;
    raw.push({ key: slug(syn.name), name: syn.name, start: sm.index, end: sm.index + sm[0].length, text: sm[0], sentence, ...parentOf(syn.parent, sm.index, sm[0]) });
  }
  for (const s of article.sentences) if (!s.boilerplate) raw.push(...openIssues(article, s, actors));
  raw.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: IssueMention[] = [];
  for (const r of raw) {
    // Sorted by start, so only the last kept match can overlap this one.
    const clash = out[out.length - 1];
    if (!clash || r.start >= clash.end) {
      out.push(r);
      continue;
    }
    if (r.end - r.start > clash.end - clash.start) out[out.length - 1] = r;
  }
  // One keyword once is no evidence: a taxonomy issue needs a second mention, a phrase of more
  // than one word, or a frame.
  const count = new Map<string, number>();
  for (const r of out) count.set(r.key, (count.get(r.key) ?? 0) + 1);
  const evidenced = new Set(out.filter((r) => r.framed || (count.get(r.key) ?? 0) >= 2 || /\s/.test(r.text.trim())).map((r) => r.key));
  return out.filter((r) => evidenced.has(r.key)).sort((a, b) => a.start - b.start);
}
