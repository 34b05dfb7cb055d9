// Language identification before extraction: English, however short or full of foreign names, is
// never refused; news written in another language is. Samples: test/fixtures/language/samples.json.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleInputError, prepareArticle } from '../../server/ingest/index.js';
import { detectLanguage, evidenceWords } from '../../server/ingest/language.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const SAMPLES = JSON.parse(readFileSync(path.join(FIXTURES, 'language/samples.json'), 'utf8')) as Record<string, string[] | string>;
const samples = (lang: string) => SAMPLES[lang] as string[];
const FOREIGN = Object.keys(SAMPLES).filter((k) => !['//', 'en', 'headline'].includes(k));

function refusal(text: string): string | undefined {
  try {
    prepareArticle({ text, meta: {}, origin: 'lang' }, { maxBytes: 100_000 });
  } catch (err) {
    if (err instanceof ArticleInputError) return err.reason;
    throw err;
  }
  return undefined;
}

describe('detectLanguage', () => {
  it.each(samples('en'))('takes an English paragraph as English: %s', (text) => {
    expect(detectLanguage(text).language).toBe('en');
    expect(refusal(text)).toBeUndefined();
  });

  it.each(samples('headline'))('never refuses a short English headline: %s', (text) => {
    const guess = detectLanguage(text);
    expect(guess.confident && guess.language !== 'en').toBe(false);
    expect(refusal(text)).toBeUndefined();
  });

  it.each(FOREIGN.flatMap((lang) => samples(lang).map((text) => [lang, text] as const)))('recognises %s news and refuses it: %s', (lang, text) => {
    expect(detectLanguage(text)).toEqual({ language: lang, confident: true });
    expect(refusal(text)).toBe('unsupported-language');
  });

  it('takes every fixture article as English', () => {
    const dir = path.join(FIXTURES, 'articles');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect([f, detectLanguage(readFileSync(path.join(dir, f), 'utf8'))]).toEqual([f, { language: 'en', confident: true }]);
  });

  it.each([
    ['zh', '北京时间周一，中国政府宣布了新的关税措施，商务部表示将继续谈判。'],
    ['ja', '東京都は月曜日、新しい対策を発表しました。知事は記者会見で説明した。'],
    ['ru', 'Правительство объявило в понедельник о новых санкциях против компаний.'],
    ['el', 'Η κυβέρνηση ανακοίνωσε νέες κυρώσεις τη Δευτέρα μετά τις συνομιλίες.'],
  ])('names a text in another script (%s) by its script', (lang, text) => {
    expect(detectLanguage(text)).toEqual({ language: lang, confident: true });
  });

  it('answers unknown, not a guess, when there are too few letters', () => {
    expect(detectLanguage('EU: 3–1 (2-0)')).toEqual({ language: 'unknown', confident: false });
  });

  it('takes names out of the evidence but keeps the first word of each sentence', () => {
    expect(evidenceWords('Die Polizei in Hamburg hat zwei Männer festgenommen. Sie sagte: Danke, see https://example.com/a-b')).toEqual([
      'Die', 'in', 'hat', 'zwei', 'festgenommen', 'Sie', 'sagte', 'Danke', 'see',
    ]);
  });

  it('reads a results table, whose lines all start with a (French) club name, as no evidence of French', () => {
    const table = [
      'SOCCER - FRENCH LEAGUE RESULTS .', 'PARIS 1996-08-24',
      'Bastia 1 Nantes 1', 'Cannes 2 Lyon 0', 'Guingamp 0 Le Havre 0', 'Lille 1 Marseille 2', 'Metz 2 Montpellier 0',
      'Monaco 3 Strasbourg 1', 'Nancy 1 Auxerre 1', 'Rennes 0 Bordeaux 1', 'Caen 1 Nice 0', 'Standings :',
      'Paris Saint-Germain 4 3 1 0 7 1 10', 'Bastia 4 2 2 0 6 3 8', 'Auxerre 4 2 1 1 5 3 7', 'Lyon 4 2 1 1 6 5 7',
      'Marseille 4 2 0 2 5 4 6', 'Le Havre 4 1 2 1 3 3 5', 'Montpellier 4 1 2 1 3 4 5', 'Lens 4 1 0 3 2 6 3',
    ].join('\n');
    expect(evidenceWords(table)).toEqual([]);
    expect(refusal(table)).toBeUndefined();
    // The same openers in prose still count: a French sentence is French.
    expect(evidenceWords('Le club a perdu. Bastia gagne encore')).toEqual(['Le', 'club', 'a', 'perdu', 'Bastia', 'gagne', 'encore']);
  });
});
