// Articles written for these tests (sanctions, an arrest, an election), none of whose names the
// extractor's lexicons or the sample know: what a reader would expect the graph to say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../server/rules/index.js';
import type { Entity, Extraction } from '../../server/extractors/contract.js';

const dir = 'test/fixtures/articles';
function extract(name: string): Extraction & { text: string } {
  const text = readFileSync(`${dir}/${name}.txt`, 'utf8');
  const meta = JSON.parse(readFileSync(`${dir}/${name}.meta.json`, 'utf8'));
  return { ...extractArticle(text, meta), text };
}
const byName = (x: Extraction, name: string) => x.entities.find((e) => e.name === name);
const events = (x: Extraction) => x.entities.filter((e) => e.type === 'event');
function has(x: Extraction, source: string, type: string, target: string | ((e: Entity) => boolean)): boolean {
  const s = byName(x, source);
  const matches = typeof target === 'string' ? (e: Entity) => e.name === target : target;
  return x.relations.some((r) => r.source === s?.id && r.type === type && matches(x.entities.find((e) => e.id === r.target)!));
}

describe('an EU sanctions story', () => {
  const x = extract('eu-sanctions-shipping');

  it('finds the bloc, the countries and the officials with the right kinds', () => {
    expect(byName(x, 'European Union')?.kind).toBe('organization');
    for (const c of ['Russia', 'Hungary']) expect(byName(x, c)?.kind).toBe('country');
    for (const p of ['Viktor Orban', 'Kaja Kallas', 'Maria Zakharova']) expect(byName(x, p)?.kind).toBe('person');
  });

  it('records the sanctions as imposed by the EU on Russia, dated by the article', () => {
    expect(has(x, 'European Union', 'IMPOSED_ON', 'Russia')).toBe(true);
    const today = events(x).find((e) => e.eventType === 'sanction' && e.date === '2024-05-22');
    expect(today?.status).toBe('occurred');
    expect(has(x, 'Russia', 'TARGET_OF', (e) => e === today)).toBe(true);
  });

  it('dates the planned ministers meeting forward and places it', () => {
    const meeting = events(x).find((e) => e.eventType === 'meeting');
    expect(meeting).toMatchObject({ status: 'planned', date: '2024-06-24' });
    const place = x.entities.find((e) => e.type === 'place' && e.name === 'Luxembourg');
    expect(x.relations.some((r) => r.source === meeting!.id && r.type === 'LOCATED_IN' && r.target === place?.id)).toBe(true);
  });

  it("keeps 'said X' the right way round: the named official is the speaker, and her statement occurred", () => {
    const statement = events(x).find((e) => e.eventType === 'statement');
    expect(statement?.status).toBe('occurred');
    expect(has(x, 'Kaja Kallas', 'STATED', (e) => e === statement)).toBe(true);
  });
});

describe('an arrest story', () => {
  const x = extract('arrest-cyber-fraud');

  it('arrests the named suspect, not the country his nationality names', () => {
    const arrests = events(x).filter((e) => e.eventType === 'arrest');
    expect(arrests.length).toBeGreaterThan(0);
    expect(has(x, 'Oleksandr Petrenko', 'TARGET_OF', (e) => e.eventType === 'arrest')).toBe(true);
    expect(has(x, 'Ukraine', 'TARGET_OF', (e) => e.eventType === 'arrest')).toBe(false);
    expect(arrests.some((e) => e.date === '2024-02-13')).toBe(true);
  });

  it('does not take plural role nouns or lone agency names for people', () => {
    expect(x.entities.some((e) => e.name === 'Prosecutors' && e.kind === 'person')).toBe(false);
    expect(byName(x, 'Europol')?.kind).toBe('organization');
    expect(byName(x, 'Northfield Logistics')?.kind).toBe('organization');
    expect(byName(x, 'Carmen Ruiz')?.kind).toBe('person');
  });

  it("does not make the suspect the speaker of what prosecutors said about him ('said Petrenko's group')", () => {
    expect(has(x, 'Oleksandr Petrenko', 'STATED', () => true)).toBe(false);
  });

  it("resolves 'until a hearing on March 12' forward from publication, as planned", () => {
    const hearing = events(x).find((e) => e.date?.endsWith('-03-12'));
    expect(hearing).toMatchObject({ date: '2024-03-12', status: 'planned' });
  });
});

describe('an election story', () => {
  const x = extract('election-runoff');

  it('finds the candidates and the outgoing president as people', () => {
    for (const p of ['Lucia Fernandez', 'Marco Ibarra', 'Gabriel Boric']) expect(byName(x, p)?.kind).toBe('person');
  });

  it('records the runoff as an election that occurred on the Sunday before publication, with both candidates', () => {
    const election = events(x).find((e) => e.eventType === 'election');
    expect(election).toMatchObject({ status: 'occurred', date: '2025-12-14' });
    for (const p of ['Lucia Fernandez', 'Marco Ibarra']) expect(has(x, p, 'PARTICIPATED_IN', (e) => e === election)).toBe(true);
  });

  it("marks statements occurred even when what was said uses 'would'", () => {
    const statements = events(x).filter((e) => e.eventType === 'statement');
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.status).toBe('occurred');
    expect(has(x, 'Gabriel Boric', 'STATED', () => true)).toBe(true);
  });
});

describe('event rules on short texts', () => {
  const meta = { publishedAt: '2024-04-10' };

  it("'meet their demands' is not a meeting and 'agreed that' is not an agreement", () => {
    const x = extractArticle('Negotiators from Peru and Bolivia struggled to meet the demands of farmers. Peru agreed that progress was slow.', meta);
    const types = events(x).map((e) => e.eventType);
    expect(types).not.toContain('meeting');
    expect(types).not.toContain('agreement');
  });

  it('an agreement reached where two leaders met is part of that meeting, not a second event', () => {
    const text = 'President Ana Duarte and Prime Minister Tomas Berg met in Lisbon on Monday. Duarte said they had reached an agreement in Lisbon to share electricity.';
    const x = extractArticle(text, meta);
    const inLisbon = events(x).filter((e) => x.relations.some((r) => r.source === e.id && r.type === 'LOCATED_IN'));
    expect(inLisbon).toHaveLength(1);
    expect(inLisbon[0]!.eventType).toBe('meeting');
    expect(inLisbon[0]!.mentions.map((m) => m.text).join(' ')).toContain('agreement');
  });
});
