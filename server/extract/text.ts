// Splits article text into sentences and tokens with exact offsets. Everything downstream works
// on these spans, so every mention and evidence quoted later is a verbatim slice of the input.

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Lower-case, dots removed, curly apostrophes straightened: the key for lexicon look-ups. */
  norm: string;
  isWord: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Every letter is upper-case (U.S., WTO). */
  upper: boolean;
  // What an annotator such as CoreNLP adds (absent from the built-in tokenizer's tokens):
  /** Lemma, lower-case ("meet" for "met"). */
  lemma?: string;
  /** Penn Treebank part-of-speech tag (NNP, VBD, ...). */
  pos?: string;
  /** Entity tag of the token (PERSON, ORGANIZATION, LOCATION, MISC, O, ...). */
  ner?: string;
  /** Index into the article's token array of this token's dependency head; -1 for a root. */
  head?: number;
  /** Universal Dependencies relation to the head (nsubj, obj, obl, nmod, compound, ...). */
  deprel?: string;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  /** Index range [tokenStart, tokenEnd) into the article's token array. */
  tokenStart: number;
  tokenEnd: number;
  /** Boilerplate such as "Twitter: @handle" lines: no entities are taken from it. */
  boilerplate: boolean;
}

// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'gov',
  'sen', 'rep', 'rev', 'hon', 'pres', 'amb', 'supt', 'det', 'insp', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'no',
  'vs', 'etc', 'approx', 'dept', 'univ', 'assn', 'est', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'u.s', 'u.k', 'u.n', 'e.u',
  'd.c', 'a.m', 'p.m', 'i.e', 'e.g', 'ft', 'ave', 'blvd', 'rd',
]);

const WORD_RE = /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}\p{M}\p{N}]+(?:['’](?![sS]\b)[\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const MAX_SENTENCE = 1500;

export function normToken(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/\./g, '');
}

/** A token for the verbatim slice `t` of the text starting at `start`, with its look-up key and shape. */
export function makeToken(t: string, start: number): Token {
  const letters = t.replace(/[^\p{L}]/gu, '');
  return {
    text: t,
    start,
    end: start + t.length,
    norm: normToken(t),
    isWord: /[\p{L}\p{N}]/u.test(t),
    cap: /^\p{Lu}/u.test(t),
    upper: letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
  };
}

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

const BOILERPLATE_RE = /^(?:twitter|facebook|instagram|email|e-mail|follow|contact|photo|image|credit|copyright|©)\b[^\n]{0,80}(?:[:@]|$)/i;

/** Social handles and credit lines ("Twitter: @handle"): no entities are taken from them. */
export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE_RE.test(sentence) || (/@\w/.test(sentence) && sentence.length < 80);
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

/** A named-entity mention found by an annotator: a token range with its entity type. */
export interface EntityMention {
  start: number;
  end: number;
  text: string;
  /** Token range [ti, tj) into the article's token array. */
  ti: number;
  tj: number;
  sentence: number;
  /** PERSON, ORGANIZATION, LOCATION, MISC (CoNLL classes) or a finer type when the annotator gives one. */
  type: string;
}

/** A time expression normalised by an annotator (SUTime): `value` is a TIMEX3 value such as 2019-02-15, 2019-W07, PRESENT_REF. */
export interface TimeMention {
  start: number;
  end: number;
  text: string;
  sentence: number;
  type: string;
  value: string;
}

export interface Article {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Sorted, non-overlapping spans inside quotation marks. */
  quotes: Array<{ start: number; end: number }>;
  /** Which annotator produced the tokens: the built-in tokenizer, or CoreNLP with lemmas, POS, entities and dependencies. */
  annotator: 'rules' | 'corenlp';
  /** Entity mentions from the annotator (empty for the built-in tokenizer, whose recognisers find their own). */
  entityMentions: EntityMention[];
  /** Normalised time expressions from the annotator (empty for the built-in tokenizer). */
  timeMentions: TimeMention[];
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
  return { text, tokens, sentences, quotes: findQuotes(text), annotator: 'rules', entityMentions: [], timeMentions: [] };
}

/** Quoted spans: curly pairs, or straight double quotes paired within a paragraph. */
export function findQuotes(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let open = -1;
  let straightOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') open = i;
    else if (c === '”' && open >= 0) {
      out.push({ start: open, end: i + 1 });
      open = -1;
    } else if (c === '"') {
      if (straightOpen < 0) straightOpen = i;
      else {
        out.push({ start: straightOpen, end: i + 1 });
        straightOpen = -1;
      }
    } else if (c === '\n' && text[i + 1] === '\n') {
      // Unbalanced quotes do not run past a paragraph.
      open = -1;
      straightOpen = -1;
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

export function inQuote(quotes: Array<{ start: number; end: number }>, pos: number): boolean {
  let lo = 0;
  let hi = quotes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = quotes[mid]!;
    if (pos < q.start) hi = mid - 1;
    else if (pos >= q.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Index of the sentence containing `pos` (binary search). */
export function sentenceAt(sentences: Sentence[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const CLAUSE_WORDS = new Set(['after', 'before', 'while', 'if', 'unless', 'when', 'because', 'although', 'though', 'whereas', 'but', 'that', 'which', 'who', 'since', 'until']);

/** Clause boundaries inside a sentence, as absolute offsets (always includes start and end). */
export function clauseBounds(article: Article, s: Sentence): number[] {
  const bounds = [s.start];
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const tok = article.tokens[i]!;
    if (/^[;:—–]$/.test(tok.text)) bounds.push(tok.end);
    else if (tok.isWord && CLAUSE_WORDS.has(tok.norm) && i > s.tokenStart) bounds.push(tok.start);
  }
  bounds.push(s.end);
  return bounds;
}

export function clauseOf(bounds: number[], pos: number): { start: number; end: number } {
  for (let i = 0; i < bounds.length - 1; i++) {
    if (pos >= bounds[i]! && pos < bounds[i + 1]!) return { start: bounds[i]!, end: bounds[i + 1]! };
  }
  return { start: bounds[0] ?? 0, end: bounds[bounds.length - 1] ?? 0 };
}
