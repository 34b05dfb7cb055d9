// Turns CoreNLP's JSON into the Article the extraction stages read (server/nlp/document.ts): the
// same tokens and sentences the built-in tokenizer gives, verbatim slices of the text with UTF-16
// offsets, plus lemma, part of speech and entity tag on every token, the dependency head where the
// sentence was parsed, and the entity mentions.
import { findQuotes, isBoilerplate, makeToken, type Article, type EntityMention, type Sentence, type Token } from '../document.js';
import type { AnnotatedPiece } from './client.js';

// Dates are the rules' own (server/rules/dates.ts); a server that still runs SUTime or the numeric
// classifiers adds mentions of these types, which are not entities.
const NOT_ENTITIES = new Set(['DATE', 'TIME', 'DURATION', 'SET', 'NUMBER', 'ORDINAL', 'MONEY', 'PERCENT']);

export function articleFromCoreNlp(text: string, pieces: AnnotatedPiece[]): Article {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const entityMentions: EntityMention[] = [];
  for (const piece of pieces) {
    for (const s of piece.json.sentences) {
      if (s.tokens.length === 0) continue;
      const base = tokens.length;
      const sentence = sentences.length;
      // CoreNLP token i (1-based) -> our token index. The possessive "'s" becomes two tokens, "'"
      // and "s", as the built-in tokenizer has it, so the stages' possessive rules read both alike.
      const at: number[] = [];
      for (const t of s.tokens) {
        const start = piece.offset + t.characterOffsetBegin;
        const end = piece.offset + t.characterOffsetEnd;
        if (start < 0 || end > text.length || end < start) throw new Error(`CoreNLP token offsets ${start}-${end} fall outside the article`);
        const surface = text.slice(start, end);
        const extra = { ...(t.lemma ? { lemma: t.lemma.toLowerCase() } : {}), ...(t.pos ? { pos: t.pos } : {}), ...(t.ner ? { ner: t.ner } : {}), head: -1 };
        if (/^['’][sS]$/.test(surface)) {
          tokens.push({ ...makeToken(surface.charAt(0), start), ...extra, deprel: 'punct', head: tokens.length + 1 });
          at[t.index] = tokens.length;
          tokens.push({ ...makeToken(surface.charAt(1), start + 1), ...extra });
          continue;
        }
        at[t.index] = tokens.length;
        tokens.push({ ...makeToken(surface, start), ...extra });
      }
      for (const d of s.basicDependencies ?? []) {
        const tok = tokens[at[d.dependent] ?? -1];
        if (!tok) continue;
        tok.head = d.governor === 0 ? -1 : (at[d.governor] ?? -1);
        tok.deprel = d.dep === 'ROOT' ? 'root' : d.dep;
      }
      const first = tokens[base]!;
      const last = tokens[tokens.length - 1]!;
      const stext = text.slice(first.start, last.end);
      sentences.push({ index: sentence, start: first.start, end: last.end, text: stext, tokenStart: base, tokenEnd: tokens.length, boilerplate: isBoilerplate(stext) });
      for (const m of s.entitymentions ?? []) {
        const ti = at[m.tokenBegin + 1] ?? -1;
        const tj = (at[m.tokenEnd] ?? -2) + 1;
        if (ti >= tj || !tokens[ti] || !tokens[tj - 1]) continue;
        const start = tokens[ti]!.start;
        const end = tokens[tj - 1]!.end;
        const span = { start, end, text: text.slice(start, end), sentence };
        if (!NOT_ENTITIES.has(m.ner)) entityMentions.push({ ...span, ti, tj, type: m.ner });
      }
    }
  }
  return { text, tokens, sentences, quotes: findQuotes(text), annotator: 'corenlp', entityMentions };
}
