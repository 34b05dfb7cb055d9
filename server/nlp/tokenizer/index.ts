// The built-in tokenizer: sentences and tokens from plain text with no annotator, for
// EXTRACTOR=rules and for cutting long articles into pieces at sentence ends.
import abbreviationsData from '../../lexicons/abbreviations.json' with { type: 'json' };
import { loadLexicon } from '../../lexicons/load.js';
import { AbbreviationsSchema } from '../../lexicons/schemas.js';
import { findQuotes, isBoilerplate, makeToken, type Article, type Sentence, type Token } from '../document.js';

// Abbreviations whose final dot does not end a sentence: data, checked by the lexicons' own
// loader (which imports nothing from the rules).
const ABBREVIATIONS = new Set(loadLexicon('abbreviations.json', AbbreviationsSchema, abbreviationsData).abbreviations);

const WORD_RE = /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}\p{M}\p{N}]+(?:['’](?![sS]\b)[\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const MAX_SENTENCE = 1500;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  WORD_RE.lastIndex = from;
  const slice = to === text.length ? text : text.slice(0, to);
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(slice)) !== null) tokens.push(makeToken(m[0], m.index));
  return tokens;
}

function isAbbreviation(text: string, dot: number): boolean {
  // The word before the dot at `dot`.
  let i = dot - 1;
  while (i >= 0 && /[\p{L}.]/u.test(text[i] ?? '')) i--;
  const word = text.slice(i + 1, dot).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // Initials ("Steven T. Mnuchin") and dotted abbreviations ("U.S", "D.C").
  if (/^\p{L}$/u.test(word)) return true;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return false;
}

/** Sentence spans, trimmed of surrounding white space; paragraph and line breaks always end one. */
export function splitSentences(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const n = text.length;
  let start = 0;
  const push = (s: number, e: number): void => {
    while (s < e && /\s/.test(text[s] ?? '')) s++;
    while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
    if (e <= s) return;
    // Very long runs without punctuation are cut at white space so work stays bounded.
    while (e - s > MAX_SENTENCE) {
      let cut = text.lastIndexOf(' ', s + MAX_SENTENCE);
      if (cut <= s) cut = s + MAX_SENTENCE;
      spans.push({ start: s, end: cut });
      s = cut;
      while (s < e && /\s/.test(text[s] ?? '')) s++;
    }
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '\n') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Take closing quotes and brackets with the sentence.
    let j = i + 1;
    while (j < n && /[.!?"”’')\]]/.test(text[j] ?? '')) j++;
    if (j < n && !/\s/.test(text[j] ?? '')) continue;
    if (c === '.' && j === i + 1 && isAbbreviation(text, i)) {
      // An abbreviation ends a sentence only when a clearly new sentence follows; we cannot
      // tell "U.S. The" apart reliably, so only a line break does.
      continue;
    }
    // A following lower-case word means the sentence goes on ("e.g. the").
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    const next = text[k] ?? '';
    if (next && /\p{Ll}/u.test(next)) continue;
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, n);
  return spans;
}

export function analyse(text: string): Article {
  const tokens = tokenize(text);
  const spans = splitSentences(text);
  const sentences: Sentence[] = [];
  let t = 0;
  for (const sp of spans) {
    while (t < tokens.length && (tokens[t]?.start ?? 0) < sp.start) t++;
    const tokenStart = t;
    while (t < tokens.length && (tokens[t]?.end ?? 0) <= sp.end) t++;
    const s = text.slice(sp.start, sp.end);
    sentences.push({
      index: sentences.length,
      start: sp.start,
      end: sp.end,
      text: s,
      tokenStart,
      tokenEnd: t,
      boilerplate: isBoilerplate(s),
    });
  }
  return { text, tokens, sentences, quotes: findQuotes(text), annotator: 'rules', entityMentions: [] };
}
