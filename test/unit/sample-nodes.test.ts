// The hand-judging sampler (eval/sample-nodes.ts): a seed names one sample, sentences are cut
// around a mention's span, and its two reads are stable parameterised statements.
import { describe, expect, it } from 'vitest';
import { drawSample, formatNode, sentenceAround } from '../../eval/sample-nodes.js';
import { entityIdsOfLabelStatement, sampledNodesStatement } from '../../server/db/reads/sample.js';

const ids = Array.from({ length: 500 }, (_, i) => `actor:person:p${i}`);

describe('drawSample', () => {
  it('draws the same distinct ids for the same seed, and others for another seed', () => {
    const a = drawSample(ids, 40, 1);
    expect(a).toHaveLength(40);
    expect(new Set(a).size).toBe(40);
    expect(drawSample(ids, 40, 1)).toEqual(a);
    expect(drawSample(ids, 40, 2)).not.toEqual(a);
    expect(a).not.toEqual(ids.slice(0, 40));
  });

  it('returns every item once when asked for more than there are', () => {
    expect([...drawSample(ids.slice(0, 5), 40, 1)].sort()).toEqual(ids.slice(0, 5).sort());
  });
});

describe('sentenceAround', () => {
  const text = 'Headline here\nThe quake hit Bam. Dozens died in Qeshm on Sunday. Aid came.\nLast line';
  it('cuts the sentence holding the span, within its line', () => {
    const start = text.indexOf('Qeshm');
    expect(sentenceAround(text, start, start + 5)).toBe('Dozens died in Qeshm on Sunday.');
    const bam = text.indexOf('Bam');
    expect(sentenceAround(text, bam, bam + 3)).toBe('The quake hit Bam.');
    expect(sentenceAround(text, 0, 8)).toBe('Headline here');
    expect(sentenceAround(text, text.length - 4, text.length)).toBe('Last line');
  });
});

describe('the sampler reads', () => {
  it('are parameterised statements', () => {
    expect(entityIdsOfLabelStatement('Event')).toMatchSnapshot();
    const s = sampledNodesStatement(['event:earthquake:2005-11-27:qeshm'], 2, 3);
    expect(s.params['ids']).toEqual(['event:earthquake:2005-11-27:qeshm']);
    expect(s.cypher).not.toContain('qeshm');
    expect(s).toMatchSnapshot();
  });

  it('refuse a label outside the allow-list', () => {
    expect(() => entityIdsOfLabelStatement('Article' as never)).toThrow(RangeError);
  });
});

describe('formatNode', () => {
  it('prints an event with its participants, place and evidence', () => {
    const text = 'Quake kills 10 in Iran\nAn earthquake killed 10 people on Qeshm island on Sunday.';
    const at = text.indexOf('earthquake');
    const out = formatNode({
      entity: {
        id: 'event:earthquake:2005-11-27:qeshm', name: 'Earthquake in Qeshm', aliases: [], type: 'EVENT', kind: null, eventType: 'earthquake',
        date: '2005-11-27', status: 'OCCURRED', cameo: null, goldstein: null, amounts: [], placeKind: null, countryCode: null, latitude: null, longitude: null, degree: 1,
      },
      participants: [{ id: 'actor:country:iran', name: 'Iran', kind: 'country', role: 'TARGET_OF' }],
      places: [{ id: 'place:qeshm', name: 'Qeshm' }],
      articles: [{
        articleId: '20-1ecbplus', title: 'Quake kills 10 in Iran', source: 'reuters.com', publishedAt: '2005-11-28', resolvedBy: 'new', text,
        mentions: [{ text: 'earthquake', start: at, end: at + 10 }],
        evidence: [{ type: 'LOCATED_IN', source: 'event:earthquake:2005-11-27:qeshm', target: 'place:qeshm', sentence: text.split('\n')[1]! }],
      }],
    }, 0);
    expect(out).toContain('date: 2005-11-27');
    expect(out).toContain('participants: Iran [country] TARGET_OF');
    expect(out).toContain('places: Qeshm');
    expect(out).toContain('article 20-1ecbplus (reuters.com, 2005-11-28, new)');
    expect(out).toContain('mention: An earthquake killed 10 people on Qeshm island on Sunday.');
    expect(out).toContain('LOCATED_IN event:earthquake:2005-11-27:qeshm -> place:qeshm');
  });
});
