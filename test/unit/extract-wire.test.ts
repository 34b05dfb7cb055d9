// Short wire-style articles written for these tests (diplomacy, protest, court, business,
// disaster): dates of reported actions, year choice for bare months, capitals and cities as
// places, one event per happening, and hosts that are not participants.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../server/rules/index.js';
import type { Entity, Extraction } from '../../server/extractors/contract.js';

const dir = 'test/fixtures/articles';
function extract(name: string): Extraction {
  const text = readFileSync(`${dir}/${name}.txt`, 'utf8');
  const meta = JSON.parse(readFileSync(`${dir}/${name}.meta.json`, 'utf8'));
  return extractArticle(text, meta);
}
const byName = (x: Extraction, name: string) => x.entities.find((e) => e.name === name);
const events = (x: Extraction) => x.entities.filter((e) => e.type === 'event');
const speakerOf = (x: Extraction, e: Entity) =>
  x.relations.filter((r) => r.target === e.id && r.type === 'STATED').map((r) => x.entities.find((a) => a.id === r.source)?.name);
const statementsBy = (x: Extraction, name: string) => events(x).filter((e) => e.eventType === 'statement' && speakerOf(x, e).includes(name));

describe('undated reported actions take the publication date', () => {
  it('dates "X said" and "X tweeted" statements by the article', () => {
    const x = extract('diplomacy-pacific-summit');
    const namaliu = statementsBy(x, 'Tevita Namaliu');
    expect(namaliu.length).toBeGreaterThan(0);
    for (const e of namaliu) expect(e.date).toBe('2025-09-10');
    for (const e of statementsBy(x, 'Losana Vuki')) expect(e.date).toBe('2025-09-10');
  });

  it('keeps the date of an event whose sentence has its own time expression', () => {
    const x = extract('diplomacy-pacific-summit');
    const talks = events(x).find((e) => e.eventType === 'negotiation' || e.eventType === 'agreement');
    expect(talks?.date).toBe('2025-09-09'); // "on Tuesday" before a Wednesday publication
    const disaster = extract('disaster-cyclone-relief');
    // "sent ... on Monday" before a Wednesday publication; "declared a state of emergency" undated.
    expect(statementsBy(disaster, 'Amina Diallo').every((e) => e.date === '2025-03-05')).toBe(true);
  });

  it('leaves undated events undated without a publication date', () => {
    const text = readFileSync(`${dir}/diplomacy-pacific-summit.txt`, 'utf8');
    const x = extractArticle(text, {});
    for (const e of statementsBy(x, 'Tevita Namaliu')) expect(e.date).toBeUndefined();
  });
});

describe('bare months resolve by the clause they sit in', () => {
  it('a threat of a strike "in April if ..." looks forward; the threat itself is dated by the article', () => {
    const x = extract('protest-dockworkers-strike');
    const threat = events(x).find((e) => e.eventType === 'threat');
    expect(threat).toMatchObject({ status: 'occurred', date: '2025-02-01' });
    expect(events(x).some((e) => e.date === '2024-04')).toBe(false);
  });

  it('a past protest "in November" looks back, a march "on Saturday" is the day itself', () => {
    const x = extract('protest-dockworkers-strike');
    const protests = events(x).filter((e) => e.eventType === 'protest');
    expect(protests.some((e) => e.date === '2024-11' && e.status === 'occurred')).toBe(true);
    expect(protests.some((e) => e.date === '2025-02-01' && e.status === 'occurred')).toBe(true);
    expect(protests.some((e) => e.date === '2025-02-08')).toBe(false);
  });

  it('"will meet again in March" is a planned meeting next year; "hearings ... in June" ahead', () => {
    const x = extract('diplomacy-pacific-summit');
    expect(events(x).find((e) => e.eventType === 'meeting')).toMatchObject({ status: 'planned', date: '2026-03' });
    const court = extract('court-hague-ruling');
    expect(events(court).find((e) => e.eventType === 'legal' && e.date === '2026-06')?.status).toBe('planned');
    const biz = extract('business-shipping-merger');
    expect(events(biz).some((e) => e.date === '2026-01' && e.status === 'planned')).toBe(true);
  });
});

describe('capitals and major cities are places, never people', () => {
  it('"in The Hague" and the dateline THE HAGUE are the place, not an organisation or a person', () => {
    const x = extract('court-hague-ruling');
    expect(byName(x, 'The Hague')?.type).toBe('place');
    expect(x.entities.some((e) => e.type === 'actor' && /Hague/.test(e.name))).toBe(false);
    expect(byName(x, 'International Court of Justice')?.kind).toBe('organization');
  });

  it('a large non-capital city ("through Rotterdam", "ROTTERDAM —") is a place', () => {
    const x = extract('protest-dockworkers-strike');
    expect(byName(x, 'Rotterdam')?.type).toBe('place');
    expect(x.entities.some((e) => e.type === 'actor' && /Rotterdam/i.test(e.name))).toBe(false);
  });

  it('"in Port Vila" is a place; the wire in the dateline and company names ending in a trade word are organisations', () => {
    const x = extract('diplomacy-pacific-summit');
    expect(byName(x, 'Port Vila')?.type).toBe('place');
    expect(byName(x, 'Fixture Wire')?.kind).toBe('organization');
    const biz = extract('business-shipping-merger');
    for (const c of ['Fjordline Carriers', 'Zeeland Maritime']) expect(byName(biz, c)?.kind).toBe('organization');
    expect(byName(biz, 'Anders Holm')?.kind).toBe('person');
  });
});

describe('one happening, one event', () => {
  it('a protest told twice (same type, same protesters, same day) is one event', () => {
    const x = extract('protest-farmers-fuel');
    const monday = events(x).filter((e) => e.eventType === 'protest' && e.date === '2025-06-09');
    expect(monday).toHaveLength(1);
    expect(monday[0]!.mentions.length).toBeGreaterThanOrEqual(2);
  });

  it('a sentence-initial "Farmers" and a later "farmers" are one group, and "Farmers Association" is no group', () => {
    const x = extract('protest-farmers-fuel');
    expect(x.entities.filter((e) => e.kind === 'group').map((e) => e.name)).toEqual(['farmers']);
    expect(byName(x, 'Farmers Association')?.kind).toBe('organization');
  });

  it('keeps events apart when their dates differ', () => {
    const x = extract('protest-dockworkers-strike');
    const protests = events(x).filter((e) => e.eventType === 'protest' && e.status === 'occurred');
    expect(new Set(protests.map((e) => e.date)).size).toBe(protests.length);
    expect(protests.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the host of a meeting is where it happens, not who meets', () => {
  it('"will meet again in March in Apia, Samoa" does not make Samoa a participant', () => {
    const x = extract('diplomacy-pacific-summit');
    const meeting = events(x).find((e) => e.eventType === 'meeting')!;
    const samoa = byName(x, 'Samoa');
    expect(x.relations.some((r) => r.target === meeting.id && r.source === samoa?.id && r.type === 'PARTICIPATED_IN')).toBe(false);
    const apia = byName(x, 'Apia');
    expect(x.relations.some((r) => r.source === meeting.id && r.type === 'LOCATED_IN' && r.target === apia?.id)).toBe(true);
  });

  it('a country that acts in the sentence still takes part', () => {
    const x = extractArticle('Kenya will host talks with Ethiopia in Nairobi next week, the foreign ministry said.', { publishedAt: '2025-06-10' });
    const talks = events(x).find((e) => e.eventType === 'negotiation' || e.eventType === 'meeting')!;
    const took = x.relations.filter((r) => r.target === talks.id && r.type === 'PARTICIPATED_IN').map((r) => x.entities.find((e) => e.id === r.source)?.name);
    expect(took).toEqual(expect.arrayContaining(['Kenya', 'Ethiopia']));
    expect(talks.status).toBe('planned');
  });
});

describe('courts and unnamed speakers', () => {
  it('"The International Court of Justice ordered ..." is a legal event, and "the ruling" joins it', () => {
    const x = extract('court-hague-ruling');
    const ruling = events(x).find((e) => e.eventType === 'legal' && e.status === 'occurred');
    expect(ruling).toMatchObject({ date: '2025-10-15' });
    expect(ruling!.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['ordered', 'ruling']));
  });

  it('", the companies said" and ", officials said" give no named speaker', () => {
    const biz = extract('business-shipping-merger');
    expect(statementsBy(biz, 'Zeeland Maritime')).toHaveLength(0);
    expect(statementsBy(biz, 'Anders Holm')).toHaveLength(1);
    const disaster = extract('disaster-cyclone-relief');
    expect(statementsBy(disaster, 'Madagascar')).toHaveLength(0);
  });

  it('"the ruling party" is no court ruling', () => {
    const x = extractArticle('The ruling party won a majority in Sunday\'s vote, officials said.', { publishedAt: '2025-06-10' });
    expect(events(x).some((e) => e.eventType === 'legal')).toBe(false);
  });
});
