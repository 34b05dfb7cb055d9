// Which language an article is written in, enough to refuse articles the English-only extractor
// would turn into noise. A maintained n-gram detector (eld) makes the call over the article's
// ordinary words; it answers 'unknown' or not confident rather than guess when the evidence is
// thin, because refusing an English article is worse than letting a foreign one through.
import { eld } from 'eld/small';

// Text written mostly in one of these scripts is not English, whatever else it says; and Chinese
// or Japanese have no spaces to count words by, so the script answers for them.
const SCRIPTS: Array<[string, RegExp]> = [
  ['zh', /\p{Script=Han}/u],
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['ko', /\p{Script=Hangul}/u],
  ['ru', /\p{Script=Cyrillic}/u],
  ['ar', /\p{Script=Arabic}/u],
  ['he', /\p{Script=Hebrew}/u],
  ['el', /\p{Script=Greek}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['th', /\p{Script=Thai}/u],
];

const SAMPLE_CHARS = 20_000;
const MIN_LETTERS = 20;
// Measured on test/fixtures/language/samples.json: English headlines ("Deutsche Bank chief Sewing
// quits", "Feyenoord and Ajax draw in Rotterdam") fool every detector tried, and leave at most five
// ordinary words; the shortest foreign news sentence there leaves thirteen.
const MIN_EVIDENCE_WORDS = 8;
// A foreign guess must also beat English clearly: foreign paragraphs there lead English by 0.25 or
// more, while English headlines misread as foreign trail the winner by 0.01 to 0.08.
const MIN_LEAD_OVER_ENGLISH = 0.1;
// Lower-case words that make a sentence prose rather than a table row or a list of names.
const MIN_PROSE_WORDS = 1;

export interface LanguageGuess {
  /** ISO 639-1 code, or 'unknown'. */
  language: string;
  confident: boolean;
}

/**
 * The words that say which language a text is in. Capitalised words other than a sentence's
 * first are mostly names, and names ("Deutsche Bank", "São Paulo") say where a story is about, not
 * what language it is told in; URLs and e-mail addresses say nothing either. A sentence's first
 * word counts only when the sentence is prose (it has lower-case words of its own): in a results
 * table or a list of names ("Bastia 1 Nantes 1", "Le Havre 4 1 2 1") every line starts with a name,
 * and those names would make an English sports page read as French.
 */
export function evidenceWords(text: string): string[] {
  const out: string[] = [];
  const stripped = text.replace(/\S+:\/\/\S+|\bwww\.\S+|\S+@\S+\.\S+/g, ' ');
  // A sentence's words in order; its capitalised openers (the first word, and a word after a colon
  // or semicolon) are kept only if the sentence, up to its full stop or line end, is prose.
  let words: Array<{ token: string; opener: boolean }> = [];
  const endSentence = (): void => {
    const prose = words.filter((w) => !w.opener).length >= MIN_PROSE_WORDS;
    for (const w of words) if (prose || !w.opener) out.push(w.token);
    words = [];
  };
  let sentenceStart = true;
  for (const [token] of stripped.matchAll(/[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|[.!?:;\n]/gu)) {
    if (/^[.!?\n]$/.test(token)) endSentence();
    if (/^[.!?:;\n]$/.test(token)) {
      sentenceStart = true;
      continue;
    }
    if (!/^\p{Lu}/u.test(token)) words.push({ token, opener: false });
    else if (sentenceStart) words.push({ token, opener: true });
    sentenceStart = false;
  }
  endSentence();
  return out;
}

function byScript(letters: string[]): LanguageGuess | undefined {
  let latin = 0;
  const counts = new Map<string, number>();
  for (const ch of letters) {
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    const script = SCRIPTS.find(([, re]) => re.test(ch));
    if (script) counts.set(script[0], (counts.get(script[0]) ?? 0) + 1);
  }
  if (latin >= letters.length * 0.5) return undefined;
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  // Kana outweighs Han in Japanese prose, but Han alone is Chinese.
  if (top && top[0] === 'zh' && (counts.get('ja') ?? 0) > 0) return { language: 'ja', confident: true };
  return { language: top?.[0] ?? 'unknown', confident: top !== undefined };
}

export function detectLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu) ?? [];
  if (letters.length < MIN_LETTERS) return { language: 'unknown', confident: false };
  const script = byScript(letters);
  if (script) return script;

  const words = evidenceWords(sample);
  const result = eld.detect(words.join(' '));
  if (!result.language) return { language: 'unknown', confident: false };
  const scores = result.getScores();
  const lead = (scores[result.language] ?? 0) - (scores.en ?? 0);
  const confident =
    result.isReliable() && words.length >= MIN_EVIDENCE_WORDS && (result.language === 'en' || lead >= MIN_LEAD_OVER_ENGLISH);
  return { language: result.language, confident };
}
