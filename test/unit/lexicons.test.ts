// Every lexicon is data checked at load: each JSON file in server/lexicons/ has a schema, passes it,
// and a broken entry stops the load with the file's name and the entry's path.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LexiconError, loadLexicon } from '../../server/lexicons/load.js';
import { LEXICON_SCHEMAS } from '../../server/lexicons/schemas.js';

const DIR = path.join(import.meta.dirname, '../../server/lexicons');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
const schemaOf = (file: string) => (LEXICON_SCHEMAS as Record<string, (typeof LEXICON_SCHEMAS)[keyof typeof LEXICON_SCHEMAS]>)[file];

describe('lexicons', () => {
  it('every JSON file in server/lexicons has a schema, and every schema a file', () => {
    expect(files.filter((f) => !schemaOf(f))).toEqual([]);
    expect(Object.keys(LEXICON_SCHEMAS).filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(files)('%s passes its schema', (file) => {
    expect(() => loadLexicon(file, schemaOf(file)!, read(file))).not.toThrow();
  });

  it('a broken entry is reported with the file and the path of the entry', () => {
    const titles = read('titles.json') as { leader: unknown[] };
    titles.leader[3] = 42;
    expect(() => loadLexicon('titles.json', LEXICON_SCHEMAS['titles.json'], titles)).toThrow(LexiconError);
    expect(() => loadLexicon('titles.json', LEXICON_SCHEMAS['titles.json'], titles)).toThrow(/^titles\.json: leader\.3: /);
  });

  it('a word list compared with lower-case tokens rejects a capitalised entry', () => {
    const words = read('function-words.json') as { clauseWords: string[] };
    words.clauseWords.push('Because');
    expect(() => loadLexicon('function-words.json', LEXICON_SCHEMAS['function-words.json'], words)).toThrow(/function-words\.json: clauseWords\.\d+: must be lower case/);
  });

  it('an unknown key (a misspelt list name) is an error, not a list nobody reads', () => {
    const cal = { ...(read('calendar.json') as object), weekday: [] };
    expect(() => loadLexicon('calendar.json', LEXICON_SCHEMAS['calendar.json'], cal)).toThrow(/^calendar\.json: /);
  });

  it('a country entry of the wrong shape names its index in the file', () => {
    const countries = read('countries.json') as { countries: unknown[][] };
    countries.countries[5] = ['Nowhere', 'not a list', [], []];
    expect(() => loadLexicon('countries.json', LEXICON_SCHEMAS['countries.json'], countries)).toThrow(/^countries\.json: countries\.5\.1: /);
  });
});

describe('the lexicon loader', () => {
  it('imports nothing from the rules, so the built-in tokenizer can use it', () => {
    const sources = ['server/lexicons/load.ts', 'server/lexicons/schemas.ts', 'server/nlp/tokenizer/index.ts'];
    for (const file of sources) {
      const text = readFileSync(path.join(import.meta.dirname, '../..', file), 'utf8');
      const imports = [...text.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]!);
      expect(imports.filter((i) => i.includes('/rules/')), file).toEqual([]);
    }
  });
});
