// Articles built to make extraction blow up: a 400- or 800-sentence chain of meetings that
// merges into one event, one sentence naming 500 people, and one sentence repeated 800 times.
// What they produce must grow with the article, not with the square of its participants, and
// every relation between two actors must cite a sentence that names both.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../server/rules/index.js';
import type { Entity, Extraction } from '../../server/extractors/contract.js';
import { meetingChain, surname } from '../helpers/pathological.js';

function crowd(n: number): string {
  const firsts = ['Ivan', 'Olga', 'Pavel', 'Marta', 'Jonas', 'Elena', 'Tomas', 'Ines'];
  return `${Array.from({ length: n }, (_, i) => `Minister ${firsts[i % 8]} ${surname(i)}ov`).join(', ')} met in Vienna on Tuesday to discuss tariffs.`;
}

const names = (e: Entity) => [e.name, ...e.aliases, ...e.mentions.map((m) => m.text)].filter((n) => n.length > 1);

/** Relations between two actors whose evidence does not name both of them. */
function unsupported(x: Extraction) {
  const byId = new Map(x.entities.map((e) => [e.id, e]));
  return x.relations.filter((r) => {
    const a = byId.get(r.source)!;
    const b = byId.get(r.target)!;
    if (a.type !== 'actor' || b.type !== 'actor') return false;
    return !names(a).some((n) => r.evidence.includes(n)) || !names(b).some((n) => r.evidence.includes(n));
  });
}

const count = (x: Extraction, type: string) => x.relations.filter((r) => r.type === type).length;

describe('extraction on pathological articles', () => {
  it('a 35 KB chain of 400 meetings relates each sentence\'s two people, not all 800 pairwise', () => {
    const text = meetingChain(400);
    expect(Buffer.byteLength(text)).toBeGreaterThan(35_000);
    const started = Date.now();
    const x = extractArticle(text, { publishedAt: '2024-03-05' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(x.entities.filter((e) => e.type === 'actor').length).toBeGreaterThanOrEqual(800);
    expect(count(x, 'MET_WITH')).toBeLessThanOrEqual(400);
    expect(count(x, 'MET_WITH')).toBeGreaterThanOrEqual(399);
    expect(x.relations.length).toBeLessThan(10 * 400);
    expect(unsupported(x)).toEqual([]);
  });

  it('a 71 KB chain of 800 meetings grows linearly too', () => {
    const text = meetingChain(800);
    expect(Buffer.byteLength(text)).toBeGreaterThan(71_000);
    const x = extractArticle(text, { publishedAt: '2024-03-05' });
    expect(count(x, 'MET_WITH')).toBeLessThanOrEqual(800);
    expect(x.relations.length).toBeLessThan(10 * 800);
    expect(unsupported(x)).toEqual([]);
  });

  it('one sentence naming 500 people yields a bounded number of pairwise relations', () => {
    const x = extractArticle(crowd(500), { publishedAt: '2024-03-05' });
    const pairwise = x.relations.filter((r) => r.type === 'MET_WITH' || r.type === 'RELATED_TO');
    // The text is cut into sentence-sized pieces, and at most MAX_PER_SENTENCE (8) people of one
    // piece are paired: 28 pairs of each kind per piece, not 124,750.
    const perSentence = new Map<string, number>();
    for (const r of pairwise) perSentence.set(`${r.type}@${r.start}`, (perSentence.get(`${r.type}@${r.start}`) ?? 0) + 1);
    expect(Math.max(...perSentence.values())).toBeLessThanOrEqual(28);
    expect(pairwise.length).toBeLessThan(500);
    expect(x.relations.length).toBeLessThan(2_000);
    expect(unsupported(x)).toEqual([]);
  });

  it('the same sentence repeated 800 times is one meeting of two people', () => {
    const text = Array.from({ length: 800 }, () => 'Minister Ivan Petrov met Chancellor Olga Brandt in Vienna on Tuesday to discuss tariffs.').join(' ');
    const x = extractArticle(text, { publishedAt: '2024-03-05' });
    expect(x.entities.filter((e) => e.type === 'actor').length).toBeLessThanOrEqual(3);
    expect(count(x, 'MET_WITH')).toBe(1);
    expect(x.relations.length).toBeLessThan(20);
    expect(unsupported(x)).toEqual([]);
  });
});
