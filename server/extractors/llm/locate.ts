// Offsets between the article and what the model saw and said: the article goes out in chunks
// that remember where they start, and names and quotes come back as spans looked up verbatim in
// the text (the model's word about positions is never trusted).
import type { Mention } from '../contract.js';

export interface Chunk {
  start: number;
  end: number;
  text: string;
}

/** Paragraphs stay whole when they fit; offsets are kept so mentions map back. */
export function chunkByParagraphs(text: string, maxChars: number): Chunk[] {
  const pieces: Array<[number, number]> = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let at = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    pieces.push([at, m.index]);
    at = m.index + m[0].length;
  }
  pieces.push([at, text.length]);
  // Paragraphs longer than a chunk are cut after a sentence end, or at a space if need be.
  const fitted: Array<[number, number]> = [];
  for (const [s, e] of pieces) {
    let from = s;
    while (e - from > maxChars) {
      const window = text.slice(from, from + maxChars);
      const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
      const cut = sentenceEnd > maxChars / 3 ? sentenceEnd + 2 : window.lastIndexOf(' ') > maxChars / 3 ? window.lastIndexOf(' ') + 1 : maxChars;
      fitted.push([from, from + cut]);
      from += cut;
    }
    if (e > from) fitted.push([from, e]);
  }
  const chunks: Chunk[] = [];
  let cur: [number, number] | undefined;
  for (const [s, e] of fitted) {
    if (cur && e - cur[0] <= maxChars) cur[1] = e;
    else {
      if (cur) chunks.push({ start: cur[0], end: cur[1], text: text.slice(cur[0], cur[1]) });
      cur = [s, e];
    }
  }
  if (cur) chunks.push({ start: cur[0], end: cur[1], text: text.slice(cur[0], cur[1]) });
  return chunks.filter((c) => c.text.trim() !== '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every whole-word occurrence of `needle` in `haystack`, exact characters. */
export function findAll(haystack: string, needle: string): number[] {
  if (!needle) return [];
  const out: number[] = [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'gu');
  for (let m = re.exec(haystack); m; m = re.exec(haystack)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * Where a quote sits in the text: exactly, or with its whitespace runs matching any whitespace
 * (models collapse line breaks). The returned span is what the text really says there.
 */
export function locateQuote(text: string, quote: string): { start: number; end: number } | undefined {
  const q = quote.trim();
  if (q.length < 3) return undefined;
  const exact = text.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length };
  const pattern = q.split(/\s+/).map(escapeRegExp).join('\\s+');
  const m = new RegExp(pattern).exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/** "Scholz" inside "Olaf Scholz" is one mention, not two: keep only the outermost spans. */
export function withoutNested(mentions: Mention[]): Mention[] {
  const sorted = mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (last && m.start >= last.start && m.end <= last.end) continue;
    out.push(m);
  }
  return out;
}
