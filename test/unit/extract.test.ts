import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../server/rules/index.js';
import { RELATION_TYPES, type Extraction } from '../../server/extractors/contract.js';

const dir = 'test/fixtures/articles';
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
const load = (n: string) => ({ text: readFileSync(`${dir}/${n}.txt`, 'utf8'), meta: JSON.parse(readFileSync(`${dir}/${n}.meta.json`, 'utf8')) });

function expectContract(text: string, out: Extraction): void {
  const ids = new Set(out.entities.map((e) => e.id));
  expect(ids.size).toBe(out.entities.length);
  for (const e of out.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  for (const r of out.relations) {
    expect(ids.has(r.source) && ids.has(r.target)).toBe(true);
    expect(RELATION_TYPES).toContain(r.type);
    expect(text.slice(r.start, r.end)).toBe(r.evidence);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  }
}

const actor = (out: Extraction, name: string) => out.entities.find((e) => e.type === 'actor' && e.name === name);

describe('extractArticle on the fixture articles', () => {
  it.each(fixtures)('%s keeps the contract: verbatim mentions and evidence, known relation types', (n) => {
    const { text, meta } = load(n);
    expectContract(text, extractArticle(text, meta));
  });

  it('resolves surnames to one person and classifies countries (politics)', () => {
    const { text, meta } = load('politics-coalition-talks');
    const out = extractArticle(text, meta);
    expect(actor(out, 'Markus Feldmann')?.kind).toBe('person');
    expect(actor(out, 'Markus Feldmann')?.aliases).toContain('Feldmann');
    expect(actor(out, 'Germany')?.kind).toBe('country');
    expect(out.entities.filter((e) => e.name === 'Feldmann')).toHaveLength(0);
  });

  it('resolves the arrest date against publication and places it (courts)', () => {
    const { text, meta } = load('courts-fraud-trial');
    const out = extractArticle(text, meta);
    const arrest = out.entities.find((e) => e.eventType === 'arrest');
    expect(arrest?.date).toBe('2022-03');
    expect(arrest?.status).toBe('occurred');
    const place = out.relations.find((r) => r.source === arrest?.id && r.type === 'LOCATED_IN');
    expect(out.entities.find((e) => e.id === place?.target)?.name).toBe('Zurich');
  });
});

describe('extractArticle on the sample article', () => {
  const text = readFileSync('seeds/us-china-trade-talks-2019-02-15.txt', 'utf8');
  const meta = JSON.parse(readFileSync('seeds/us-china-trade-talks-2019-02-15.meta.json', 'utf8'));
  const out = extractArticle(text, meta);

  it('keeps the contract', () => expectContract(text, out));

  it('dates a past weekday, a bare month and a deadline against publication', () => {
    const dates = out.entities.filter((e) => e.type === 'event').map((e) => `${e.eventType}:${e.date ?? ''}`);
    expect(dates).toContain('meeting:2019-02-15');
    expect(dates).toContain('meeting:2018-12');
    expect(dates).toContain('deadline:2019-03-01');
  });

  it('reads amounts and a hypothetical status', () => {
    const inc = out.entities.find((e) => e.eventType === 'sanction' && e.amounts?.some((a) => a.value === 200e9 && a.unit === 'USD'));
    expect(inc?.status).toBe('hypothetical');
    expect(inc?.amounts?.filter((a) => a.unit === 'percent').map((a) => a.value)).toEqual([10, 25]);
  });

  it('records stances with their sentence', () => {
    const xi = actor(out, 'Xi Jinping')!.id;
    const opp = out.relations.find((r) => r.source === xi && r.type === 'OPPOSES' && r.target === 'issue:trade-war');
    expect(opp?.evidence).toContain('warned that a continuing trade war');
    expect(out.relations.some((r) => r.source === actor(out, 'China')!.id && r.type === 'DENIED')).toBe(true);
  });
});

describe('extractArticle on arbitrary input', () => {
  it('never throws and keeps offsets valid on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 12 }), (text, date) => {
        const out = extractArticle(text, { publishedAt: date });
        expectContract(text, out);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on sentence-like junk with names, quotes and dates', () => {
    const word = fc.constantFrom('Xi', 'said', 'U.S.', '“', '"', 'Friday', 'March 1', '$5 billion', 'Mr.', 'in', 'Beijing', 'he', 'talks', '.', ',', 'the', 'Ministry', '\n\n', 'T.');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 80 }), (words) => {
        const text = words.join(' ');
        expectContract(text, extractArticle(text, { publishedAt: '2020-02-29' }));
      }),
      { numRuns: 200 },
    );
  });

  it('returns an empty extraction for empty text', () => {
    expect(extractArticle('', {}).entities).toEqual([]);
  });
});
