// The story decision rule (server/resolve/stories.ts) and its data file, without a database.
import { describe, expect, it } from 'vitest';
import { loadLexicon, LexiconError } from '../../server/lexicons/load.js';
import { StoriesSchema } from '../../server/lexicons/schemas.js';
import { candidatesFromHits, decideStory, gapDays, scoreCandidate, storyQuery, storyText, STORY_RULE, type StoryCandidate, type StoryRule } from '../../server/resolve/stories.js';

const rule: StoryRule = {
  ...STORY_RULE,
  weights: { text: 0.5, entities: 0.3, time: 0.2 },
  threshold: 0.35,
  minText: 0.1,
  halfLifeDays: 3,
  maxGapDays: 60,
  unknownTime: 0.5,
};

const profile = { articleId: 'new', publishedAt: '2005-11-28', entityIds: ['place:qeshm', 'place:iran', 'actor:organization:usgs'] };
const candidate = (over: Partial<StoryCandidate>): StoryCandidate => ({
  storyId: 'story:a',
  firstDate: '2005-11-27',
  lastDate: '2005-11-27',
  entityIds: ['place:qeshm', 'place:iran'],
  text: 0.5,
  viaArticle: 'a',
  ...over,
});

describe('story decision rule', () => {
  it('joins the story that shares its place, its day and its words, and says what matched', () => {
    const d = decideStory(profile, [candidate({})], rule);
    expect(d.storyId).toBe('story:a');
    expect(d.matchedOn).toEqual(['text:0.5 via a', 'entities:place:iran|place:qeshm', 'time:1d']);
    // 0.5*0.5 + 0.3*(2/2) + 0.2*0.5^(1/3)
    expect(d.score).toBeCloseTo(0.25 + 0.3 + 0.2 * Math.pow(0.5, 1 / 3), 3);
  });

  it('starts a new story when no candidate reaches the threshold', () => {
    const d = decideStory(profile, [candidate({ text: 0.12, entityIds: ['place:bam'], firstDate: '2003-12-26', lastDate: '2003-12-26' })], rule);
    expect(d).toEqual({ storyId: null, score: 0, matchedOn: [] });
  });

  it('never joins on shared names alone when the texts are unlike (minText)', () => {
    const d = decideStory(profile, [candidate({ text: 0.05 })], { ...rule, threshold: 0.1 });
    expect(d.storyId).toBeNull();
  });

  it('never joins a story further away in time than maxGapDays, however alike', () => {
    const d = decideStory(profile, [candidate({ text: 1, firstDate: '2003-12-26', lastDate: '2003-12-27' })], rule);
    expect(d.storyId).toBeNull();
  });

  it('picks the best-scoring candidate, and the smaller story id on a tie', () => {
    const a = candidate({ storyId: 'story:b', text: 0.4 });
    const b = candidate({ storyId: 'story:c', text: 0.8 });
    expect(decideStory(profile, [a, b], rule).storyId).toBe('story:c');
    expect(decideStory(profile, [candidate({ storyId: 'story:z' }), candidate({ storyId: 'story:y' })], rule).storyId).toBe('story:y');
  });

  it('scores a missing date as unknownTime and a date inside the story range as the same day', () => {
    expect(scoreCandidate({ ...profile, publishedAt: null }, candidate({}), rule).time).toBe(0.5);
    expect(scoreCandidate(profile, candidate({ firstDate: '2005-11-20', lastDate: '2005-12-01' }), rule).time).toBe(1);
    expect(gapDays('2005-11-28', '2005-11-20', '2005-12-01')).toBe(0);
    expect(gapDays('2005-12-05', '2005-11-20', '2005-12-01')).toBe(4);
    expect(gapDays('2005-11', '2005-12-01', null)).toBe(30);
    expect(gapDays(null, '2005-12-01', null)).toBeNull();
  });

  it('weights come from the data: more weight on entities lets a shared-names candidate in', () => {
    const weak = candidate({ text: 0.15, firstDate: null, lastDate: null });
    expect(decideStory(profile, [weak], { ...rule, threshold: 0.5 }).storyId).toBeNull();
    expect(decideStory(profile, [weak], { ...rule, threshold: 0.5, weights: { text: 0.2, entities: 0.8, time: 0 } }).storyId).toBe('story:a');
  });
});

describe('candidates from full-text hits', () => {
  it('normalises by the article’s own score and keeps each story’s best article', () => {
    const hits = [
      { articleId: 'new', score: 10, storyId: null, firstDate: null, lastDate: null, entityIds: null },
      { articleId: 'a1', score: 6, storyId: 'story:a', firstDate: '2005-11-27', lastDate: '2005-11-28', entityIds: ['place:qeshm'] },
      { articleId: 'a2', score: 3, storyId: 'story:a', firstDate: '2005-11-27', lastDate: '2005-11-28', entityIds: ['place:qeshm'] },
      { articleId: 'b1', score: 2, storyId: 'story:b', firstDate: null, lastDate: null, entityIds: null },
      { articleId: 'loose', score: 5, storyId: null, firstDate: null, lastDate: null, entityIds: null },
    ];
    const c = candidatesFromHits('new', hits);
    expect(c.map((x) => [x.storyId, x.text, x.viaArticle])).toEqual([
      ['story:a', 0.6, 'a1'],
      ['story:b', 0.2, 'b1'],
    ]);
  });
});

describe('story text and query', () => {
  it('queries the distinct words of the title and lead, never Lucene syntax', () => {
    const text = storyText('Ten dead in "southern" Iran quake', 'A powerful earthquake (6.1) hit Qeshm: AND OR NOT* quake quake', rule);
    const q = storyQuery(text, rule);
    expect(q).toBe('ten dead southern iran quake powerful earthquake hit qeshm and not');
    expect(q).not.toMatch(/[^a-z0-9 \p{L}]/u);
  });

  it('caps the query at queryTerms words', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
    expect(storyQuery(words, { ...rule, queryTerms: 10 }).split(' ')).toHaveLength(10);
  });
});

describe('stories.json', () => {
  it('is refused when the weights do not sum to 1', () => {
    const bad = { ...STORY_RULE, weights: { text: 0.5, entities: 0.5, time: 0.5 } };
    expect(() => loadLexicon('stories.json', StoriesSchema, bad)).toThrow(LexiconError);
    expect(() => loadLexicon('stories.json', StoriesSchema, bad)).toThrow(/^stories\.json: weights: weights must sum to 1/);
  });
});
