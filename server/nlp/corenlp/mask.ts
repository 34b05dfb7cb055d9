// What CoreNLP is sent in place of characters that are not words and cost it minutes.
//
// Measured on CoreNLP 4.5.10 (2 threads): its tokenizer is quadratic in a run of characters with no
// whitespace that it cuts into many tokens or cannot tokenize (8,000 unassigned code points: 5 s;
// 8,000 of "𮲵i": 5.5 s; a 20,000-character piece of them: over a minute), and its tagger spends
// about 5 ms on each unknown symbol token (4,000 emoji or math signs: 20 s). No English word is
// made of unassigned or private-use code points, emoji, pictographs or math signs beyond Latin-1,
// and no word runs 200 characters without a space; so each is replaced by spaces of the same UTF-16
// length, which keeps every offset CoreNLP answers an offset into the original text. The extraction
// loses nothing it could read: such characters never made an entity, a trigger or a date.

/** Longer than any word, URL or hyphenated chain news prints without a space. */
export const MAX_RUN = 200;

// Symbols beyond Latin-1 (which is kept whole: °, ©, ®, ×, ±) that news writes: ™ and the minus sign.
const KEPT_SYMBOLS = new Set(['™', '\u2212']);

/** Unassigned, private use, other symbols (emoji, dingbats) and math signs beyond Latin-1. */
const NOT_WORDS = /[\p{Cn}\p{Co}\p{So}\p{Sm}]/gu;

const RUN = new RegExp(`\\S{${MAX_RUN + 1},}`, 'gu');

/** The text CoreNLP is sent: the same UTF-16 length, non-words blanked out. */
export function maskForCoreNlp(text: string): string {
  const symbols = text.replace(NOT_WORDS, (ch) => (KEPT_SYMBOLS.has(ch) || (ch.length === 1 && ch.charCodeAt(0) <= 0xff) ? ch : ' '.repeat(ch.length)));
  return symbols.replace(RUN, (run) => ' '.repeat(run.length));
}
