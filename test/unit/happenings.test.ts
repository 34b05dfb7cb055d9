// One node per happening within an article, over recorded CoreNLP annotations of a fixture
// article (test/fixtures/articles/disaster-earthquake-background.txt, published on a Sunday):
// the quake of the headline and lead, told again as "the quake", "Saturday's quake" and "the
// initial tremor", is one event; an older quake with its own date is another.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromArticle } from '../../server/rules/index.js';
import type { Entity, Extraction } from '../../server/extractors/contract.js';
import { articleFromCoreNlp } from '../../server/nlp/corenlp/article.js';
import { fixtureTexts, publishedAtOf, RECORDINGS, type Recording } from '../fixtures/corenlp/record.js';

function extract(name: string): { text: string; out: Extraction } {
  const file = fixtureTexts().find((f) => f.name === name)!.file;
  const text = readFileSync(file, 'utf8');
  const rec = JSON.parse(readFileSync(path.join(RECORDINGS, `${name}.json`), 'utf8')) as Recording;
  return { text, out: extractFromArticle(articleFromCoreNlp(text, rec.pieces), { publishedAt: publishedAtOf(file) ?? undefined }) };
}

const events = (out: Extraction, type?: string) => out.entities.filter((e) => e.type === 'event' && (!type || e.eventType === type));
const at = (text: string, phrase: string, word: string) => text.indexOf(phrase) + phrase.indexOf(word);
const holds = (e: Entity, start: number) => e.mentions.some((m) => m.start === start);

describe('one event per happening within an article', () => {
  const { text, out } = extract('disaster-earthquake-background');
  const quakes = events(out, 'earthquake');
  const main = quakes.find((e) => holds(e, at(text, 'A strong earthquake', 'earthquake')))!;
  const older = quakes.find((e) => holds(e, at(text, 'An 8.8-magnitude quake', 'quake')))!;

  it('later mentions of the type with nothing of their own are the happening of the headline and lead', () => {
    expect(main).toBeDefined();
    for (const [phrase, word] of [
      ['earthquake hits northern Chile', 'earthquake'],
      ['The 6.8-magnitude quake', 'quake'],
      ['The quake, which struck', 'quake'],
      ["Saturday's quake", 'quake'],
      ['The initial tremor', 'tremor'],
    ] as const) expect(holds(main, at(text, phrase, word)), phrase).toBe(true);
    // "Saturday's quake" dates it: the Saturday before publication (Sunday 6 April 2014).
    expect(main.date).toBe('2014-04-05');
  });

  it('a mention with a date of its own from well before the news is another happening, and lends the main one nothing', () => {
    expect(older).toBeDefined();
    expect(older).not.toBe(main);
    expect(older.date).toBe('2010-02');
    expect(main.amounts?.map((a) => a.value)).not.toContain(500);
  });

  it('what a happening did is its consequence, linked to it, and not an attack of its own', () => {
    // "An 8.8-magnitude quake killed more than 500 people": deaths in that quake.
    expect(events(out, 'attack')).toEqual([]);
    const killed = at(text, 'quake killed', 'killed');
    const deaths = events(out, 'death').find((e) => holds(e, killed))!;
    expect(deaths).toBeDefined();
    expect(deaths.date).toBe('2010-02');
    expect(out.relations).toContainEqual(expect.objectContaining({ type: 'PART_OF', source: deaths.id, target: older.id }));
    expect(older.amounts?.map((a) => a.value)).toContain(500);
    expect(main.amounts?.map((a) => a.value)).toContain(12);
  });

  it('"no one had died" is no event', () => {
    const none = at(text, 'no one had died', 'died');
    expect(events(out).filter((e) => holds(e, none))).toEqual([]);
  });

  it('the outlet, its correspondent and whom a statement was told to take part in nothing', () => {
    const eventIds = new Set(events(out).map((e) => e.id));
    const actorId = (name: string) => out.entities.find((e) => e.type === 'actor' && e.name === name)?.id;
    // "The BBC's Lucas Herrera in Santiago says residents fled", "..., he says", "Ms Rojas told Reuters".
    for (const name of ['BBC', 'Lucas Herrera', 'Reuters']) {
      const id = actorId(name);
      expect(id, name).toBeDefined();
      expect(out.relations.filter((r) => r.source === id && eventIds.has(r.target)), name).toEqual([]);
    }
    // The residents who fled still did.
    const fled = events(out).find((e) => holds(e, at(text, 'residents fled', 'fled')))!;
    expect(out.relations.some((r) => r.target === fled.id && r.type === 'PARTICIPATED_IN')).toBe(true);
  });

  it('takes its place from the verb it is the subject of, in its own sentence ("the quake hit the port city of Antofagasta")', () => {
    const place = out.entities.find((e) => e.type === 'place' && e.name === 'Antofagasta');
    expect(out.relations).toContainEqual(expect.objectContaining({ type: 'LOCATED_IN', source: main.id, target: place?.id }));
    // The older quake stays where its own sentence puts it, not in Antofagasta.
    expect(out.relations.some((r) => r.type === 'LOCATED_IN' && r.source === older.id && r.target === place?.id)).toBe(false);
  });
});

