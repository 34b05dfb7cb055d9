// The extraction stages over real CoreNLP annotations of the fixture articles, recorded from the
// server by test/fixtures/corenlp/record.ts (so this tier needs no Java): what a reader expects of
// the actors of sport, culture, technology, science and crime stories, and the contract.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromArticle } from '../../server/rules/index.js';
import { RELATION_TYPES, type Extraction } from '../../server/extractors/contract.js';
import { articleFromCoreNlp } from '../../server/nlp/corenlp/article.js';
import { splitForAnnotation } from '../../server/nlp/corenlp/client.js';
import { CORENLP_PARSE_PROPERTIES, CORENLP_PROPERTIES } from '../../server/nlp/corenlp/properties.js';
import { CORENLP_VERSION } from '../../server/runtime/corenlp/descriptor.js';
import { fixtureTexts, publishedAtOf, RECORDINGS, type Recording } from '../fixtures/corenlp/record.js';

const recorded = (name: string): Recording => JSON.parse(readFileSync(path.join(RECORDINGS, `${name}.json`), 'utf8')) as Recording;

function extract(name: string): { text: string; out: Extraction } {
  const file = fixtureTexts().find((f) => f.name === name)!.file;
  const text = readFileSync(file, 'utf8');
  const rec = recorded(name);
  return { text, out: extractFromArticle(articleFromCoreNlp(text, rec.pieces), { publishedAt: publishedAtOf(file) ?? undefined }) };
}

const actors = (out: Extraction) => out.entities.filter((e) => e.type === 'actor');
const names = (out: Extraction) => actors(out).map((e) => e.name);
const kindOf = (out: Extraction, name: string) => actors(out).find((e) => e.name === name)?.kind;
const places = (out: Extraction) => out.entities.filter((e) => e.type === 'place').map((e) => e.name);
const mentionsOf = (out: Extraction, name: string) => actors(out).find((e) => e.name === name)?.mentions.map((m) => m.text) ?? [];

describe('recorded CoreNLP annotations', () => {
  it.each(fixtureTexts().map((f) => f.name))('%s is recorded with the annotators the project uses now', (name) => {
    expect(existsSync(path.join(RECORDINGS, `${name}.json`)), `re-record: npx tsx test/fixtures/corenlp/record.ts`).toBe(true);
    const rec = recorded(name);
    expect(rec.corenlpVersion).toBe(CORENLP_VERSION);
    expect(rec.properties).toEqual(CORENLP_PROPERTIES);
    expect(rec.parseProperties).toEqual(CORENLP_PARSE_PROPERTIES);
  });

  it.each(fixtureTexts().map((f) => f.name))('%s keeps the contract: verbatim tokens, mentions and evidence', (name) => {
    const { text, out } = extract(name);
    const article = articleFromCoreNlp(text, recorded(name).pieces);
    for (const t of article.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    for (const s of article.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    // Every dependency head is a token of the same sentence.
    for (const s of article.sentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const h = article.tokens[i]!.head!;
        expect(h === -1 || (h >= s.tokenStart && h < s.tokenEnd)).toBe(true);
      }
    }
    const ids = new Set(out.entities.map((e) => e.id));
    for (const e of out.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    for (const r of out.relations) {
      expect(ids.has(r.source) && ids.has(r.target)).toBe(true);
      expect(RELATION_TYPES).toContain(r.type);
      expect(text.slice(r.start, r.end)).toBe(r.evidence);
    }
  });
});

describe('actors from CoreNLP entity mentions', () => {
  it('sport: players and unions are actors; the competition, the stadium and the street are not', () => {
    const { out } = extract('sport-rugby-six-nations');
    for (const p of ['Dan Biggar', 'Louis Rees-Zammit', 'Wayne Pivac', 'Eddie Jones', 'Marcus Smith']) expect(kindOf(out, p), p).toBe('person');
    expect(kindOf(out, 'Rugby Football Union')).toBe('organization');
    expect(kindOf(out, 'Welsh Rugby Union')).toBe('organization');
    for (const n of ['Six Nations', 'World Cup', 'Principality Stadium', 'Westgate Street']) {
      expect(names(out), n).not.toContain(n);
      expect(places(out), n).not.toContain(n);
    }
    // "Marcus is learning" is Marcus Smith, called by his first name, not a second person.
    expect(names(out)).not.toContain('Marcus');
    expect(mentionsOf(out, 'Marcus Smith')).toContain('Marcus');
    expect(mentionsOf(out, 'Eddie Jones')).toContain('Jones');
  });

  it('culture: the director and the institute are actors; the festival, the films and the streets are not', () => {
    const { out } = extract('culture-film-festival');
    expect(kindOf(out, 'Sarah Whitcombe')).toBe('person');
    expect(kindOf(out, 'Tricia Tuttle')).toBe('person');
    expect(kindOf(out, 'Ben Roberts')).toBe('person');
    expect(kindOf(out, 'British Film Institute')).toBe('organization');
    for (const n of ['Netflix', 'Amazon']) expect(kindOf(out, n), n).toBe('organization');
    for (const n of ['London Film Festival', 'Film Festival', 'Harbour Lights', 'The Long Quiet', 'Fleet Street', 'Euston Road']) {
      expect(names(out), n).not.toContain(n);
      expect(places(out), n).not.toContain(n);
    }
    expect(mentionsOf(out, 'Sarah Whitcombe')).toContain('Whitcombe');
  });

  it('technology: the buyer, the target and the people are actors, each once however the headline names them', () => {
    const { out } = extract('technology-chip-acquisition');
    expect(kindOf(out, 'Arcturus Semiconductor')).toBe('organization');
    expect(kindOf(out, 'Lumina Labs')).toBe('organization');
    expect(kindOf(out, 'Priya Raman')).toBe('person');
    expect(kindOf(out, 'Tom Hale')).toBe('person');
    // "Chipmaker Arcturus" (headline), "Arcturus" and "Lumina" are short forms, not new organisations.
    for (const n of ['Chipmaker Arcturus', 'Arcturus', 'Lumina', 'Shares of Arcturus']) expect(names(out), n).not.toContain(n);
    expect(mentionsOf(out, 'Arcturus Semiconductor')).toContain('Arcturus');
    expect(places(out)).toEqual(expect.arrayContaining(['San Francisco', 'Austin']));
  });

  it('science: universities, agencies and companies are organisations, researchers are people', () => {
    const { out } = extract('science-malaria-vaccine');
    for (const n of ['University of Oxford', 'World Health Organization', 'GSK', 'Serum Institute of India']) expect(kindOf(out, n), n).toBe('organization');
    for (const n of ['Adrian Hill', 'Mary Hamel']) expect(kindOf(out, n), n).toBe('person');
    for (const n of ['Burkina Faso', 'Kenya', 'Mali', 'Tanzania']) expect(kindOf(out, n), n).toBe('country');
  });

  it('crime: two brothers who share a surname stay two people; the painting is nobody', () => {
    const { out } = extract('crime-art-theft-trial');
    expect(kindOf(out, 'Martijn de Vries')).toBe('person');
    expect(kindOf(out, 'Pieter de Vries')).toBe('person');
    expect(kindOf(out, 'Arthur Brand')).toBe('person');
    expect(names(out)).not.toContain('Two Laughing Boys');
    expect(names(out)).not.toContain('Kerkstraat');
  });

  it('the sample article: the same sixteen actors the rules find, with Steven T. Mnuchin whole', () => {
    const { out } = extract('us-china-trade-talks-2019-02-15');
    for (const p of ['Xi Jinping', 'Robert Lighthizer', 'Steven T. Mnuchin', 'Donald Trump', 'Larry Kudlow', 'Hu Xijin', 'Meng Wanzhou']) expect(kindOf(out, p), p).toBe('person');
    for (const o of ['Huawei', 'Global Times', 'World Trade Organization']) expect(kindOf(out, o), o).toBe('organization');
    expect(names(out)).not.toContain('He');
  });
});

describe('long articles are annotated in pieces', () => {
  it('cuts at sentence ends, never inside a sentence, and covers the text', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Sentence number ${i} says something about Kenya.`).join(' ');
    const pieces = splitForAnnotation(text, 1000);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.end - p.start).toBeLessThanOrEqual(1000);
      expect(text.slice(p.start, p.end)).toMatch(/^Sentence number \d+ .*Kenya\.$/);
    }
    for (let i = 1; i < pieces.length; i++) expect(text.slice(pieces[i - 1]!.end, pieces[i]!.start)).toMatch(/^\s*$/);
  });

  it('offsets of every piece land on the whole text', () => {
    const rec = recorded('us-china-trade-talks-2019-02-15');
    const text = readFileSync(fixtureTexts().find((f) => f.name === 'us-china-trade-talks-2019-02-15')!.file, 'utf8');
    // The same annotation moved into the second half of a longer text reads the same tokens there.
    const pad = 'Padding sentence.\n';
    const shifted = articleFromCoreNlp(pad + text, rec.pieces.map((p) => ({ ...p, offset: p.offset + pad.length })));
    const plain = articleFromCoreNlp(text, rec.pieces);
    expect(shifted.tokens.map((t) => t.text)).toEqual(plain.tokens.map((t) => t.text));
    expect(shifted.tokens[0]!.start).toBe(pad.length);
  });
});

describe('names the tagger gets wrong', () => {
  it('a lone name that is the short form of an organisation named in full is that organisation', () => {
    const { out } = extract('business-chipmaker-deal');
    expect(kindOf(out, 'Hanseong Semiconductor')).toBe('organization');
    expect(names(out)).not.toContain('Hanseong');
  });

  it('a product named by its maker and model code is not an organisation', () => {
    const { out } = extract('technology-chip-acquisition');
    expect(names(out)).not.toContain('Volvo EX90');
  });

  it('a one-word "person" that is the tail of a longer capitalised name is nobody ("the Old Bailey")', () => {
    const { out } = extract('courts-fraud-trial');
    expect(names(out)).not.toContain('Bailey');
  });
});

describe('names the tagger missed', () => {
  it('an untagged name in apposition to a kind of body is that organisation ("Equity, the performers\' union")', () => {
    const { out } = extract('culture-film-festival');
    expect(kindOf(out, 'Equity')).toBe('organization');
  });
});

describe('lexicon entries inside longer names', () => {
  it('an acronym the lexicon knows that starts a longer name is not that entity, and "Senator International" is a company, not a senator', () => {
    const { out } = extract('business-takeover-maersk-reuters');
    expect(names(out)).not.toContain('Associated Press');
    expect(kindOf(out, 'Senator International')).toBe('organization');
    expect(kindOf(out, 'Maersk')).toBe('organization');
    expect(kindOf(out, 'Vincent Clerc')).toBe('person');
  });
});

describe('one takeover told by two outlets', () => {
  const takeover = (name: string) => extract(name).out.entities.filter((e) => e.type === 'event' && e.eventType === 'acquisition');

  it('both date it to the Monday it was announced, whatever tense the deal itself is told in', () => {
    // Reuters published on the Monday ("agreed on Monday"); Bloomberg on the Tuesday ("will acquire
    // ..., the company announced on Monday"): "Monday" hangs on "announced", so it looks back.
    expect(takeover('business-takeover-maersk-reuters').map((e) => e.date)).toEqual(['2025-09-15']);
    expect(takeover('business-takeover-maersk-bloomberg').map((e) => e.date)).toEqual(['2025-09-15']);
  });

  it('names the target, and never one company as both buyer and bought', () => {
    for (const name of ['business-takeover-maersk-reuters', 'business-takeover-maersk-bloomberg']) {
      const [t] = takeover(name);
      expect(t?.name).toMatch(/Senator International/);
      expect(t?.name).not.toMatch(/Senator International.*by Senator International/);
    }
    const { out } = extract('business-takeover-maersk-reuters');
    // "the Danish shipping group said": a description of Maersk, not Denmark taking part.
    expect(out.relations.some((r) => r.source === actors(out).find((a) => a.name === 'Denmark')?.id && r.target === takeover('business-takeover-maersk-reuters')[0]!.id)).toBe(false);
  });
});

describe('places the city data lacks', () => {
  it('a part of a state, an area and an airport get their own point; an airport is not a namesake town abroad', () => {
    const { out } = extract('sport-coach-hired-places');
    const at = (name: string) => out.entities.find((e) => e.type === 'place' && e.name === name);
    expect(at('Northern California')).toMatchObject({ countryCode: 'US', placeKind: 'region' });
    expect(at('Northern California')!.latitude).toBeGreaterThan(39);
    expect(at('San Francisco Bay Area')).toMatchObject({ countryCode: 'US' });
    expect(at('Heathrow')).toMatchObject({ countryCode: 'GB' });
    expect(Math.abs(at('Heathrow')!.longitude! + 0.45)).toBeLessThan(0.1);
    expect(at('Denver')).toMatchObject({ countryCode: 'US', placeKind: 'city' });
    expect(places(out)).not.toContain('Del Rio');
  });
});

describe('one actor however the article names it (#19)', () => {
  it('a surname two people share is the one the article named last before it, not nobody', () => {
    const { out } = extract('names-forms-and-namesakes');
    // "Walcott said" follows "Mark Walcott, the younger brother": Mark, not a third person.
    expect(mentionsOf(out, 'Mark Walcott')).toContain('Walcott');
    expect(mentionsOf(out, 'Steve Walcott')).not.toContain('Walcott');
    expect(names(out)).not.toContain('Walcott');
  });

  it('a company named with and without its legal ending is one organisation', () => {
    const { out } = extract('names-forms-and-namesakes');
    // (CoreNLP reads the bare "Harlow Brewing" as a person; the two company forms are one.)
    const harlow = actors(out).filter((a) => a.kind === 'organization' && a.name.startsWith('Harlow'));
    expect(harlow.map((a) => a.name)).toEqual(['Harlow Brewing Corp.']);
    expect(harlow[0]!.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['Harlow Brewing Corp.', 'Harlow Brewing Corporation']));
  });

  it('an acronym of an organisation named in full is that organisation', () => {
    const { out } = extract('names-forms-and-namesakes');
    expect(mentionsOf(out, 'East African Freight Council')).toContain('EAFC');
    expect(names(out)).not.toContain('EAFC');
  });
});
