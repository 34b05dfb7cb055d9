// Headlines and upper-case lines carry no case information: in "Lindsay Lohan Checks Into Rehab"
// or "JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT" every word is capitalised, so the tagger reads
// whole lines as one organisation. The body of the article says which of those words are names:
// a name in such a line is kept only where the body names it too (the whole name, or a person's
// surname), and it takes the body's entity type, so it resolves to the body's entity.
import type { Article, EntityMention, Sentence, Token } from '../nlp/document.js';
import { CLAUSE_WORDS, CONNECTIVES, DETERMINERS } from './lexicon.js';

// Grammar a Title-Case headline capitalises and a list of names (a results table) does not have.
const GRAMMAR_POS = /^(?:IN|TO|DT|PRP\$?|CC|MD|VB[DPZG]|RB)$/;
const isGrammar = (t: Token) => CONNECTIVES.has(t.norm) || DETERMINERS.has(t.norm) || CLAUSE_WORDS.has(t.norm) || (!!t.pos && GRAMMAR_POS.test(t.pos));

/** A line whose capitalisation says nothing: all upper-case, or Title Case without a full stop. */
export function isCaselessLine(article: Article, s: Sentence): boolean {
  const words = article.tokens.slice(s.tokenStart, s.tokenEnd).filter((t) => /\p{L}/u.test(t.text));
  if (words.length < 2 || !ownLine(article.text, s)) return false;
  if (upperLine(article, s)) return true;
  if (/[.!?]["”’)]*$/u.test(s.text.trimEnd()) || words.some((t) => !t.cap && t.text.length >= 4)) return false;
  return words.filter((t) => t.text.length >= 4).length >= 2 && words.slice(1).some((t) => t.cap && !t.upper && isGrammar(t));
}

function upperLine(article: Article, s: Sentence): boolean {
  const words = article.tokens.slice(s.tokenStart, s.tokenEnd).filter((t) => /\p{L}/u.test(t.text));
  return words.length >= 2 && words.every((t) => t.upper) && words.reduce((n, t) => n + t.text.length, 0) >= 6;
}

function ownLine(text: string, s: Sentence): boolean {
  const before = text.lastIndexOf('\n', s.start - 1);
  const after = text.indexOf('\n', s.end);
  return !text.slice(before + 1, s.start).trim() && !text.slice(s.end, after < 0 ? text.length : after).trim();
}

/** The article with the entity mentions of its caseless lines replaced by the body's names found in them. */
export function confirmCaselessNames(article: Article): Article {
  if (article.annotator === 'rules' || !article.entityMentions.length) return article;
  const caseless = new Set(article.sentences.filter((s) => isCaselessLine(article, s)).map((s) => s.index));
  if (!caseless.size) return article;
  const body = bodyNames(article, caseless);
  const kept = article.entityMentions.filter((m) => !caseless.has(m.sentence));
  for (const index of caseless) {
    const s = article.sentences[index]!;
    const confirmed = namesIn(article, s, body);
    kept.push(...confirmed);
    // An upper-case line ("SOCCER - JAPAN GET LUCKY WIN") is mostly short names the tagger reads
    // well; only its long runs ("LINDSAY LOHAN CHECKS INTO REHAB") need the body's word.
    if (!upperLine(article, s)) continue;
    const free = (m: EntityMention) => !confirmed.some((c) => c.ti < m.tj && m.ti < c.tj);
    kept.push(...article.entityMentions.filter((m) => m.sentence === index && m.tj - m.ti <= 2 && free(m)));
  }
  kept.sort((a, b) => a.ti - b.ti);
  return { ...article, entityMentions: kept };
}

interface BodyNames {
  /** Token-key sequence of a body name ("lindsay lohan") -> its entity type. */
  full: Map<string, string>;
  /** A person's surname alone ("lohan"). */
  surname: Map<string, string>;
  longest: number;
}

function bodyNames(article: Article, caseless: Set<number>): BodyNames {
  const full = new Map<string, string>();
  const surname = new Map<string, string>();
  let longest = 0;
  for (const m of article.entityMentions) {
    if (caseless.has(m.sentence)) continue;
    const toks = article.tokens.slice(m.ti, m.tj);
    if (!toks.some((t) => t.cap)) continue;
    const key = keyOf(toks);
    if (!full.has(key)) full.set(key, m.type);
    longest = Math.max(longest, toks.length);
    if (m.type === 'PERSON' && toks.length > 1) {
      const last = toks[toks.length - 1]!.norm;
      if (!surname.has(last)) surname.set(last, m.type);
    }
  }
  return { full, surname, longest };
}

function namesIn(article: Article, s: Sentence, body: BodyNames): EntityMention[] {
  const out: EntityMention[] = [];
  const { tokens } = article;
  for (let p = s.tokenStart; p < s.tokenEnd; ) {
    let found: { q: number; type: string } | null = null;
    for (let q = Math.min(s.tokenEnd, p + body.longest); q > p && !found; q--) {
      const type = body.full.get(keyOf(tokens.slice(p, q)));
      if (type) found = { q, type };
    }
    if (!found && tokens[p]!.cap) {
      const type = body.surname.get(tokens[p]!.norm);
      if (type) found = { q: p + 1, type };
    }
    if (!found) {
      p++;
      continue;
    }
    const start = tokens[p]!.start;
    const end = tokens[found.q - 1]!.end;
    out.push({ start, end, text: article.text.slice(start, end), ti: p, tj: found.q, sentence: s.index, type: found.type });
    p = found.q;
  }
  return out;
}

function keyOf(toks: Token[]): string {
  return toks.map((t) => t.norm).join(' ');
}
