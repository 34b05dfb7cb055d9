// The event taxonomy is data: checked at load, and a new type is one entry (no code change).
// Then what a reader expects of articles on happenings the old rules had no type for: quakes,
// fires, shootings, takeovers, bankruptcies, title fights, awards, studies, embargoes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle, extractFromArticle } from '../../server/rules/index.js';
import { articleFromCoreNlp } from '../../server/nlp/corenlp/article.js';
import type { Recording } from '../fixtures/corenlp/record.js';
import eventsData from '../../server/lexicons/events.json' with { type: 'json' };
import { loadTaxonomy, nounForms, TAXONOMY, verbForms } from '../../server/rules/taxonomy.js';
import type { Entity, Extraction } from '../../server/extractors/contract.js';

const dir = 'test/fixtures/articles';
function extract(name: string): Extraction {
  const text = readFileSync(`${dir}/${name}.txt`, 'utf8');
  const meta = JSON.parse(readFileSync(`${dir}/${name}.meta.json`, 'utf8'));
  return extractArticle(text, meta);
}
const events = (x: Extraction) => x.entities.filter((e) => e.type === 'event');
const ofType = (x: Extraction, t: string) => events(x).filter((e) => e.eventType === t);
const byName = (x: Extraction, name: string) => x.entities.find((e) => e.name === name);
function linked(x: Extraction, actor: string, type: string, event: Entity): boolean {
  const a = byName(x, actor);
  return x.relations.some((r) => r.source === a?.id && r.type === type && r.target === event.id);
}
type Data = { types: Record<string, Record<string, unknown>>; triggers: Array<{ type: string; re: string; noun?: boolean }> };
const clone = () => JSON.parse(JSON.stringify(eventsData)) as Data;

describe('the event taxonomy as data', () => {
  it('covers the ACE-style categories, with CAMEO only where CAMEO applies', () => {
    const cats = new Set(Object.values(TAXONOMY.types).map((t) => t.category));
    for (const c of ['life', 'movement', 'transaction', 'business', 'conflict', 'contact', 'personnel', 'justice', 'disaster', 'politics', 'sport', 'culture']) expect(cats).toContain(c);
    expect(TAXONOMY.types.earthquake).toMatchObject({ category: 'disaster', cameo: null, goldstein: null });
    expect(TAXONOMY.types.arrest).toMatchObject({ category: 'justice', cameo: '17', goldstein: -5 });
    expect(TAXONOMY.types.arrest!.roles.patient).toContain('nsubj:pass');
  });

  it('inflects trigger lemmas: verbs in every tense, nouns in the plural, the head of a phrase', () => {
    expect(verbForms('arrest')).toEqual(expect.arrayContaining(['arrested', 'arrests', 'arresting']));
    expect(verbForms('file for')).toContain('filed for');
    expect(verbForms('ban')).toContain('banned');
    expect(nounForms('earthquake')).toEqual(['earthquake', 'earthquakes']);
  });

  it('rejects an entry that names an unknown slot, half a CAMEO pair, a broken pattern or an unknown type', () => {
    const slot = clone();
    slot.types.earthquake = { ...slot.types.earthquake, name: ['Quake near {epicentre}'] };
    expect(() => loadTaxonomy(slot)).toThrow(/types\.earthquake\.name/);
    const cameo = clone();
    cameo.types.earthquake = { ...cameo.types.earthquake, cameo: '18' };
    expect(() => loadTaxonomy(cameo)).toThrow(/cameo and goldstein/);
    const re = clone();
    re.types.fire = { ...re.types.fire, forms: ['fire(('] };
    expect(() => loadTaxonomy(re)).toThrow(/regular expression/);
    const trig = clone();
    trig.triggers.push({ type: 'volcano', re: 'eruption' });
    expect(() => loadTaxonomy(trig)).toThrow(/unknown event type "volcano"/);
  });

  it('a new event type is one data entry: an eruption is found, named and placed with no code change', () => {
    const data = clone();
    data.types['volcanic-eruption'] = {
      category: 'disaster', label: 'Volcanic eruption', cameo: null, goldstein: null,
      verbs: ['erupt'], nouns: ['eruption'], name: ['Eruption in {place}'], locatable: true, regionalPlace: true,
    };
    const taxonomy = loadTaxonomy(data);
    const text = 'A volcano erupted in Sumatra on Monday, forcing villagers to flee. The eruption sent ash over Medan.';
    const x = extractArticle(text, { publishedAt: '2025-02-04' }, { taxonomy });
    const eruption = ofType(x, 'volcanic-eruption');
    expect(eruption).toHaveLength(1);
    expect(eruption[0]).toMatchObject({ name: 'Eruption in Sumatra', date: '2025-02-03', status: 'occurred' });
    expect(eruption[0]!.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['erupted', 'eruption']));
    // The built-in taxonomy knows no eruptions.
    expect(ofType(extractArticle(text, { publishedAt: '2025-02-04' }), 'volcanic-eruption')).toHaveLength(0);
  });
});

describe('events named like headlines, never by a bare verb', () => {
  const all = [
    'disaster-earthquake-aceh', 'disaster-earthquake-peru', 'disaster-warehouse-fire', 'crime-office-shooting', 'business-takeover-bankruptcy',
    'sport-title-fight', 'culture-award-album', 'politics-arms-embargo', 'courts-fraud-trial', 'arrest-cyber-fraud', 'protest-dockworkers-strike',
  ];
  it('no event of these articles is named by a lone lower-case or capitalised trigger word', () => {
    for (const f of all) for (const e of events(extract(f))) expect(e.name, `${f}: ${e.name}`).toMatch(/\s/);
  });
});

describe('a quake told by its headline, its lead and later sentences', () => {
  const x = extract('disaster-earthquake-aceh');
  it('is one earthquake in Aceh on the day it struck, whatever it is called ("the quake", "the tremor")', () => {
    const quakes = ofType(x, 'earthquake');
    expect(quakes).toHaveLength(1);
    expect(quakes[0]).toMatchObject({ name: 'Earthquake in Aceh', date: '2025-11-18', status: 'occurred' });
    expect(quakes[0]!.cameo).toBeUndefined();
    expect(quakes[0]!.mentions.map((m) => m.text.toLowerCase())).toEqual(expect.arrayContaining(['earthquake', 'quake', 'tremor']));
  });
  it('does not make the wire in the dateline take part', () => {
    expect(x.relations.some((r) => r.source === byName(x, 'Fixture Wire')?.id)).toBe(false);
  });
  it('a second outlet dates the same quake from "the earthquake that shook Aceh on Tuesday"', () => {
    const q = ofType(extract('disaster-earthquake-aceh-second-outlet'), 'earthquake');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ name: 'Earthquake in Aceh', date: '2025-11-18' });
  });
  it('a quake elsewhere is its own earthquake, in its own place', () => {
    expect(ofType(extract('disaster-earthquake-peru'), 'earthquake')[0]).toMatchObject({ name: 'Earthquake in Arequipa', date: '2025-11-19' });
  });
});

describe('a warehouse fire', () => {
  const x = extract('disaster-warehouse-fire');
  it('is one fire in Rotterdam: the blaze, the evacuation it forced and the firefighters who fought it', () => {
    const fires = ofType(x, 'fire');
    expect(fires).toHaveLength(1);
    expect(fires[0]).toMatchObject({ name: 'Fire in Rotterdam', date: '2025-06-15' });
    expect(ofType(x, 'fighting')).toHaveLength(0);
  });
});

describe('an office shooting', () => {
  const x = extract('crime-office-shooting');
  it('is one shooting in Denver, an arrest of the named suspect and the charges against him', () => {
    expect(ofType(x, 'shooting')).toHaveLength(1);
    expect(ofType(x, 'shooting')[0]).toMatchObject({ name: 'Shooting in Denver', date: '2025-04-10' });
    const arrests = ofType(x, 'arrest');
    expect(arrests).toHaveLength(1);
    expect(arrests[0]!.name).toBe('Arrest of Kyle Brandt');
    expect(linked(x, 'Kyle Brandt', 'TARGET_OF', arrests[0]!)).toBe(true);
    expect(ofType(x, 'charge')[0]).toMatchObject({ name: 'Charges against Kyle Brandt', date: '2025-04-11' });
  });
});

describe('a takeover and a bankruptcy', () => {
  const x = extract('business-takeover-bankruptcy');
  it('names the company taken over and keeps the price; "agreed to buy" is no mere agreement', () => {
    const t = ofType(x, 'acquisition');
    expect(t).toHaveLength(1);
    expect(t[0]!.name).toMatch(/^Takeover of Nordic Freight/);
    expect(t[0]!.amounts?.some((a) => a.value === 1.2e9)).toBe(true);
    expect(ofType(x, 'agreement')).toHaveLength(0);
  });
  it('"files for bankruptcy" in the headline and the lead is one filing, placed in Stockholm', () => {
    const b = ofType(x, 'bankruptcy');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ name: 'Trelleborg Lines files for bankruptcy in Stockholm', date: '2025-10-06' });
  });
});

describe('sport, culture and policy', () => {
  it('a title fight: the winner wins the title', () => {
    const x = extract('sport-title-fight');
    expect(ofType(x, 'title')[0]).toMatchObject({ name: 'Daniel Okafor wins title', date: '2025-05-10' });
  });
  it('an award and the album released months before', () => {
    const x = extract('culture-award-album');
    expect(ofType(x, 'award')[0]).toMatchObject({ name: 'Award for Mara Lind', date: '2025-11-07' });
    expect(ofType(x, 'culture-release')[0]).toMatchObject({ name: 'Release by Mara Lind', date: '2025-03' });
  });
  it('an embargo is named by who imposes it on whom', () => {
    const x = extract('politics-arms-embargo');
    expect(ofType(x, 'embargo')[0]!.name).toBe('European Union embargo on China');
  });
});

describe('modality', () => {
  const meta = { publishedAt: '2025-03-12' };
  it('"did not meet" and "no one died" are no event, "denied ordering the attack" is denied, "will visit" is planned', () => {
    // What did not happen is no happening (issue #18): no node for it.
    const neg = extractArticle('The two ministers did not meet in Geneva on Tuesday, officials of France and Spain said.', meta);
    expect(ofType(neg, 'meeting')).toEqual([]);
    const none = extractArticle('Governor Marta Rojas of Chile said no one had died in the port of Antofagasta on Saturday.', meta);
    expect(ofType(none, 'death')).toEqual([]);
    const den = extractArticle('General Omar Bashir of Sudan denied ordering the attack on the village of Tawila on Monday.', meta);
    expect(ofType(den, 'attack')[0]?.status).toBe('denied');
    const plan = extractArticle('Prime Minister Keir Starmer of Britain will visit Kenya next week.', meta);
    expect(ofType(plan, 'visit')[0]).toMatchObject({ status: 'planned', name: 'Visit of Keir Starmer to Kenya' });
    const sign = extractArticle('France and Spain never signed the fisheries accord in Geneva in 2019.', meta);
    expect(ofType(sign, 'agreement')).toEqual([]);
  });
});

describe('the same stories over CoreNLP’s parse (recorded annotations)', () => {
  const parsed = (name: string): Extraction => {
    const text = readFileSync(`${dir}/${name}.txt`, 'utf8');
    const meta = JSON.parse(readFileSync(`${dir}/${name}.meta.json`, 'utf8'));
    const rec = JSON.parse(readFileSync(`test/fixtures/corenlp/${name}.json`, 'utf8')) as Recording;
    return extractFromArticle(articleFromCoreNlp(text, rec.pieces), meta);
  };
  it('one quake per happening, dated; the suspect arrested and charged; one bankruptcy filing', () => {
    expect(ofType(parsed('disaster-earthquake-aceh'), 'earthquake')).toMatchObject([{ name: 'Earthquake in Aceh', date: '2025-11-18' }]);
    expect(ofType(parsed('disaster-earthquake-aceh-second-outlet'), 'earthquake')).toMatchObject([{ name: 'Earthquake in Aceh', date: '2025-11-18' }]);
    const shooting = parsed('crime-office-shooting');
    expect(ofType(shooting, 'arrest').map((e) => e.name)).toEqual(['Arrest of Kyle Brandt']);
    expect(ofType(shooting, 'charge').map((e) => e.name)).toEqual(['Charges against Kyle Brandt']);
    expect(ofType(parsed('business-takeover-bankruptcy'), 'bankruptcy')).toMatchObject([{ name: 'Trelleborg Lines files for bankruptcy in Stockholm', date: '2025-10-06' }]);
  });
  it('a relative date keeps the clause’s tense: "is expected to visit on Thursday" is the coming Thursday, "released the album in March" the past March', () => {
    expect(ofType(parsed('disaster-earthquake-aceh-second-outlet'), 'visit')[0]).toMatchObject({ status: 'planned', date: '2025-11-20' });
    expect(ofType(parsed('culture-award-album'), 'culture-release')[0]).toMatchObject({ status: 'occurred', date: '2025-03' });
  });
});
