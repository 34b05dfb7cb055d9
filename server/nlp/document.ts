// The document model every stage reads: an article's text split into sentences and tokens with
// exact UTF-16 offsets, plus what an annotator adds (lemma, part of speech, entity tag, dependency
// head and relation, entity and time mentions). Both annotators (./tokenizer, ./corenlp) produce
// it; the rules (server/rules) only read it. Every mention and evidence quoted later is a verbatim
// slice of the input because everything works on these spans.

import { tokenKey } from '../normalise/index.js';

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
}

/** A token for the verbatim slice `t` of the text starting at `start`, with its look-up key and shape. */
export function makeToken(t: string, start: number): Token {
  const letters = t.replace(/[^\p{L}]/gu, '');
  return {
    text: t,
    start,
    end: start + t.length,
    norm: tokenKey(t),
    isWord: /[\p{L}\p{N}]/u.test(t),
    cap: /^\p{Lu}/u.test(t),
    upper: letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
  };
}

const BOILERPLATE_RE = /^(?:twitter|facebook|instagram|email|e-mail|follow|contact|photo|image|credit|copyright|©)\b[^\n]{0,80}(?:[:@]|$)/i;

/** Social handles and credit lines ("Twitter: @handle"): no entities are taken from them. */
export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE_RE.test(sentence) || (/@\w/.test(sentence) && sentence.length < 80);
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
