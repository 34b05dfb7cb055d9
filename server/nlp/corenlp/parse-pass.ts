// The second of an article's two CoreNLP requests: only the sentences the extraction reads a parse
// of are parsed. They go one a line (ssplit.eolonly), and their dependencies are put back on the
// tagged sentences by character offset, so token numbering stays that of the first request. A
// sentence whose tokens do not line up (the tokenizer read it differently on its own) keeps no
// parse rather than a wrong one; the extraction reads such a sentence as it reads unparsed text.
import type { CoreNlpDependency, CoreNlpJson, CoreNlpSentence } from './client.js';

/** Which sentences to parse, by their text. */
export type ParseSelector = (sentenceText: string) => boolean;

export interface ParseRequest {
  /** The chosen sentences of the piece, one a line. */
  text: string;
  /** Per line: its tagged sentence and where the line starts in the piece and in `text`. */
  lines: Array<{ sentence: CoreNlpSentence; pieceStart: number; textStart: number }>;
}

const spanOf = (s: CoreNlpSentence) => ({ start: s.tokens[0]!.characterOffsetBegin, end: s.tokens[s.tokens.length - 1]!.characterOffsetEnd });

/** The parse request for one tagged piece, or null when no sentence of it needs a parse. */
export function parseRequestFor(pieceText: string, tagged: CoreNlpJson, select: ParseSelector): ParseRequest | null {
  const lines: ParseRequest['lines'] = [];
  const parts: string[] = [];
  let at = 0;
  for (const sentence of tagged.sentences) {
    if (!sentence.tokens.length) continue;
    const { start, end } = spanOf(sentence);
    const text = pieceText.slice(start, end);
    // Newlines always end a sentence in the first request, so a sentence's text is one line; the
    // check keeps a server configured otherwise from shifting every later line.
    if (/[\r\n]/.test(text) || !select(text)) continue;
    lines.push({ sentence, pieceStart: start, textStart: at });
    parts.push(text);
    at += text.length + 1;
  }
  return lines.length ? { text: parts.join('\n'), lines } : null;
}

/** Puts the parsed lines' dependencies on their tagged sentences (in place). */
export function mergeParse(request: ParseRequest, parsed: CoreNlpJson): void {
  const deps = new Map<CoreNlpSentence, CoreNlpDependency[]>();
  const failed = new Set<CoreNlpSentence>();
  for (const ps of parsed.sentences) {
    if (!ps.tokens.length) continue;
    const begin = ps.tokens[0]!.characterOffsetBegin;
    const line = lineAt(request.lines, begin);
    if (!line) continue;
    const shift = line.pieceStart - line.textStart;
    // Tagged token number by its offsets in the piece.
    const byOffsets = new Map(line.sentence.tokens.map((t) => [`${t.characterOffsetBegin}:${t.characterOffsetEnd}`, t.index]));
    const indexOf = new Map<number, number>();
    for (const t of ps.tokens) {
      const i = byOffsets.get(`${t.characterOffsetBegin + shift}:${t.characterOffsetEnd + shift}`);
      if (i === undefined) break;
      indexOf.set(t.index, i);
    }
    if (indexOf.size !== ps.tokens.length) {
      failed.add(line.sentence);
      continue;
    }
    const list = deps.get(line.sentence) ?? [];
    for (const d of ps.basicDependencies ?? []) {
      list.push({ dep: d.dep, governor: d.governor === 0 ? 0 : indexOf.get(d.governor)!, dependent: indexOf.get(d.dependent)! });
    }
    deps.set(line.sentence, list);
  }
  for (const [sentence, list] of deps) if (!failed.has(sentence)) sentence.basicDependencies = list;
}

function lineAt(lines: ParseRequest['lines'], offset: number): ParseRequest['lines'][number] | undefined {
  let found: ParseRequest['lines'][number] | undefined;
  for (const l of lines) {
    if (l.textStart > offset) break;
    found = l;
  }
  return found;
}
