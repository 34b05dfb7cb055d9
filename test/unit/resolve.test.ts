import { describe, expect, it } from 'vitest';
import type { Entity, Extraction, Relation } from '../../server/extractors/contract.js';
import {
  canonicalId,
  daysApart,
  entityKeys,
  resolveArticleGraph,
  type ExistingEntity,
  type ExistingEvent,
  type ResolutionLookup,
} from '../../server/resolve/index.js';

// The graph as the resolver sees it: plain records standing in for what the read queries return.
function graphOf(entities: ExistingEntity[], events: ExistingEvent[] = []): ResolutionLookup & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async findEntities(ids, keys) {
      calls.push([...ids, ...keys]);
      return entities.filter((e) => ids.includes(e.id) || e.aliasKeys.some((k) => keys.includes(k)));
    },
    async findEvents(participantIds, wanted) {
      const types = wanted.map((w) => w.eventType);
      return events.filter((e) => e.eventType !== null && types.includes(e.eventType) && e.participantIds.some((p) => participantIds.includes(p)));
    },
  };
}

function entity(e: Partial<Entity> & Pick<Entity, 'id' | 'type' | 'name'>): Entity {
  return { aliases: [], mentions: [{ text: e.name, start: 0, end: e.name.length }], ...e };
}

function rel(source: string, type: Relation['type'], target: string): Relation {
  return { source, target, type, evidence: 'x', start: 0, end: 1, confidence: 0.8 };
}

function extraction(entities: Entity[], relations: Relation[] = []): Extraction {
  return { article: { title: null, source: null, author: null, url: null, publishedAt: null }, entities, relations };
}

const xiNode: ExistingEntity = {
  id: 'actor:person:xi-jinping',
  label: 'Actor',
  kind: 'person',
  name: 'Xi Jinping',
  aliasKeys: entityKeys({ type: 'actor', kind: 'person', name: 'Xi Jinping', aliases: ['Xi'] }),
  articleIds: ['other'],
};

describe('keys', () => {
  it('strips titles, initials, abbreviation dots and diacritics', () => {
    expect(entityKeys({ type: 'actor', kind: 'person', name: 'President Xi', aliases: [] })).toContain('xi');
    expect(entityKeys({ type: 'actor', kind: 'person', name: 'Steven T. Mnuchin', aliases: [] })).toEqual(
      expect.arrayContaining(['steven t mnuchin', 'steven mnuchin', 'surname:mnuchin']),
    );
    expect(entityKeys({ type: 'actor', kind: 'country', name: 'U.S.', aliases: ['the United States'] })).toEqual(['united states', 'us']);
    expect(entityKeys({ type: 'place', name: 'São Paulo', aliases: [] })).toEqual(['sao paulo']);
  });

  it('keeps titles in the names of organizations', () => {
    expect(entityKeys({ type: 'actor', kind: 'organization', name: 'Premier League', aliases: [] })).toEqual(['premier league']);
  });

  it('builds canonical ids per type', () => {
    expect(canonicalId({ id: 'actor:xi-jinping', type: 'actor', kind: 'person', name: 'Xi Jinping' })).toBe('actor:person:xi-jinping');
    expect(canonicalId({ id: 'issue:tariffs', type: 'issue', name: 'Tariffs' })).toBe('issue:tariffs');
    expect(canonicalId({ id: 'place:beijing', type: 'place', name: 'Beijing' })).toBe('place:beijing');
    expect(canonicalId({ id: 'event:2', type: 'event', name: 'Talks in Beijing', eventType: 'negotiation', date: '2019-02-15' })).toBe(
      'event:negotiation:2019-02-15:talks-in-beijing',
    );
    expect(canonicalId({ id: 'event:3', type: 'event', name: 'Statement', eventType: 'statement' })).toBe('event:statement:undated:statement');
  });

  it('measures the gap between dates of any precision', () => {
    expect(daysApart('2019-02-15', '2019-02-18')).toBe(3);
    expect(daysApart('2019-02', '2019-02-15')).toBe(0);
    expect(daysApart('2019-02-15', '2019-03-02')).toBe(15);
    expect(daysApart(undefined, '2019-02-15')).toBeUndefined();
  });
});

describe('resolveArticleGraph', () => {
  it('creates canonical nodes when the graph knows nothing', async () => {
    const g = await resolveArticleGraph(
      'a1',
      extraction([entity({ id: 'actor:xi-jinping', type: 'actor', kind: 'person', name: 'Xi Jinping', aliases: ['Xi'] }), entity({ id: 'issue:tariffs', type: 'issue', name: 'Tariffs' })], [
        rel('actor:xi-jinping', 'INVOLVED_IN', 'issue:tariffs'),
      ]),
      graphOf([]),
    );
    expect(g.entities.map((e) => [e.id, e.label, e.resolvedBy, e.matchedOn])).toEqual([
      ['actor:person:xi-jinping', 'Actor', 'new', null],
      ['issue:tariffs', 'Issue', 'new', null],
    ]);
    expect(g.facts).toEqual([expect.objectContaining({ type: 'INVOLVED_IN', source: 'actor:person:xi-jinping', target: 'issue:tariffs' })]);
  });

  it('"Xi" and "President Xi" resolve by alias to the existing Xi Jinping, saying which key matched', async () => {
    for (const name of ['Xi', 'President Xi']) {
      const g = await resolveArticleGraph('a2', extraction([entity({ id: 'actor:xi', type: 'actor', kind: 'person', name })]), graphOf([xiNode]));
      expect(g.entities[0]).toMatchObject({ id: 'actor:person:xi-jinping', resolvedBy: 'alias', matchedOn: 'xi' });
    }
  });

  it('resolves by id first', async () => {
    const g = await resolveArticleGraph('a2', extraction([entity({ id: 'actor:xi-jinping', type: 'actor', kind: 'person', name: 'Xi Jinping' })]), graphOf([xiNode]));
    expect(g.entities[0]).toMatchObject({ id: xiNode.id, resolvedBy: 'id', matchedOn: xiNode.id });
  });

  it('never merges actors of different kinds or different labels', async () => {
    const g = await resolveArticleGraph(
      'a2',
      extraction([entity({ id: 'actor:xi', type: 'actor', kind: 'organization', name: 'Xi' }), entity({ id: 'place:xi', type: 'place', name: 'Xi' })]),
      graphOf([xiNode]),
    );
    expect(g.entities.map((e) => e.resolvedBy)).toEqual(['new', 'new']);
  });

  it('merges a bare surname with the one person who has it, and with neither of two', async () => {
    const person = (id: string, name: string): ExistingEntity => ({
      id,
      label: 'Actor',
      kind: 'person',
      name,
      aliasKeys: entityKeys({ type: 'actor', kind: 'person', name, aliases: [] }),
      articleIds: ['x'],
    });
    const lighthizer = entity({ id: 'actor:lighthizer', type: 'actor', kind: 'person', name: 'Lighthizer' });
    const one = await resolveArticleGraph('a3', extraction([lighthizer]), graphOf([person('actor:person:robert-lighthizer', 'Robert Lighthizer')]));
    expect(one.entities[0]).toMatchObject({ id: 'actor:person:robert-lighthizer', resolvedBy: 'alias', matchedOn: 'surname:lighthizer' });

    const trump = entity({ id: 'actor:trump', type: 'actor', kind: 'person', name: 'Trump' });
    const two = await resolveArticleGraph('a3', extraction([trump]), graphOf([person('actor:person:donald-trump', 'Donald Trump'), person('actor:person:ivanka-trump', 'Ivanka Trump')]));
    expect(two.entities[0]).toMatchObject({ id: 'actor:person:trump', resolvedBy: 'new' });

    const ivanka = entity({ id: 'actor:ivanka-trump', type: 'actor', kind: 'person', name: 'Ivanka Trump' });
    const full = await resolveArticleGraph('a3', extraction([ivanka]), graphOf([person('actor:person:donald-trump', 'Donald Trump')]));
    expect(full.entities[0]).toMatchObject({ id: 'actor:person:ivanka-trump', resolvedBy: 'new' });
  });

  const china: ExistingEntity = { id: 'actor:country:china', label: 'Actor', kind: 'country', name: 'China', aliasKeys: ['china'], articleIds: ['other'] };
  const talks = (date: string | undefined, extra: Entity[] = [], extraRels: Relation[] = []) =>
    extraction(
      [entity({ id: 'actor:china', type: 'actor', kind: 'country', name: 'China' }), entity({ id: 'event:1', type: 'event', name: 'Talks', eventType: 'negotiation', date }), ...extra],
      [rel('actor:china', 'PARTICIPATED_IN', 'event:1'), ...extraRels],
    );
  const existingTalks: ExistingEvent = {
    id: 'event:negotiation:2019-02-14:talks-in-beijing',
    eventType: 'negotiation',
    date: '2019-02-14',
    participantIds: ['actor:country:china', 'place:beijing'],
    articleIds: ['other'],
  };

  it('two people with one surname, each article also naming them by it alone, stay two', async () => {
    // Paul Thompson's article called him "Thompson" too; so does Tommy Thompson's.
    const paul: ExistingEntity = {
      id: 'actor:person:paul-thompson', label: 'Actor', kind: 'person', name: 'Paul Thompson',
      aliasKeys: entityKeys({ type: 'actor', kind: 'person', name: 'Paul Thompson', aliases: ['Thompson'] }), articleIds: ['x'],
    };
    const tommy = entity({ id: 'actor:tommy-thompson', type: 'actor', kind: 'person', name: 'Tommy Thompson', aliases: ['Thompson'] });
    const out = await resolveArticleGraph('a4', extraction([tommy]), graphOf([paul]));
    expect(out.entities[0]).toMatchObject({ id: 'actor:person:tommy-thompson', resolvedBy: 'new' });
    // The surname alone still finds the one Thompson the graph knows.
    const bare = entity({ id: 'actor:thompson', type: 'actor', kind: 'person', name: 'Thompson' });
    expect((await resolveArticleGraph('a5', extraction([bare]), graphOf([paul]))).entities[0]).toMatchObject({ id: 'actor:person:paul-thompson', resolvedBy: 'alias' });
  });

  it('merges an event of the same type, a shared actor and a date a day apart', async () => {
    const g = await resolveArticleGraph('a4', talks('2019-02-15'), graphOf([china], [existingTalks]));
    expect(g.entities.find((e) => e.label === 'Event')).toMatchObject({ id: existingTalks.id, resolvedBy: 'event-match', matchedOn: existingTalks.id });
  });

  it('keeps events apart when dates are far, missing, or the places differ', async () => {
    for (const ex of [
      talks('2019-03-15'),
      talks(undefined),
      talks('2019-02-15', [entity({ id: 'place:washington', type: 'place', name: 'Washington' })], [rel('event:1', 'LOCATED_IN', 'place:washington')]),
    ]) {
      const g = await resolveArticleGraph('a4', ex, graphOf([china], [existingTalks]));
      expect(g.entities.find((e) => e.label === 'Event')?.resolvedBy).toBe('new');
    }
  });

  it('gives same-named events of one article distinct ids, and an event whose id another article holds an article suffix', async () => {
    const ex = extraction([
      entity({ id: 'event:1', type: 'event', name: 'Statement', eventType: 'statement' }),
      entity({ id: 'event:2', type: 'event', name: 'Statement', eventType: 'statement' }),
    ]);
    const fresh = await resolveArticleGraph('a5', ex, graphOf([]));
    expect(fresh.entities.map((e) => e.id)).toEqual(['event:statement:undated:statement', 'event:statement:undated:statement-2']);

    const taken: ExistingEntity = { id: 'event:statement:undated:statement', label: 'Event', kind: null, name: 'Statement', aliasKeys: [], articleIds: ['other'] };
    const again = await resolveArticleGraph('a5', ex, graphOf([taken]));
    expect(again.entities[0]!.id).toMatch(/^event:statement:undated:statement-[0-9a-f]{8}$/);
    expect(again.entities[1]!.id).toBe('event:statement:undated:statement-2');

    // Re-resolving the article that owns the suffixed event finds it by id.
    const owned: ExistingEntity = { ...taken, id: again.entities[0]!.id, articleIds: ['a5'] };
    const third = await resolveArticleGraph('a5', ex, graphOf([taken, owned]));
    expect(third.entities[0]).toMatchObject({ id: owned.id, resolvedBy: 'id' });
  });

  it('folds two local entities that resolve to one node, and drops facts that became self-loops', async () => {
    const g = await resolveArticleGraph(
      'a6',
      extraction(
        [entity({ id: 'actor:xi-jinping', type: 'actor', kind: 'person', name: 'Xi Jinping' }), entity({ id: 'actor:xi', type: 'actor', kind: 'person', name: 'Xi' })],
        [rel('actor:xi', 'MET_WITH', 'actor:xi-jinping')],
      ),
      graphOf([xiNode]),
    );
    expect(g.entities).toHaveLength(1);
    expect(g.entities[0]).toMatchObject({ id: xiNode.id, localIds: ['actor:xi-jinping', 'actor:xi'] });
    expect(g.entities[0]!.mentions).toHaveLength(2);
    expect(g.facts).toEqual([]);
  });

  it('is deterministic', async () => {
    const ex = talks('2019-02-15');
    const a = await resolveArticleGraph('a7', ex, graphOf([china], [existingTalks]));
    const b = await resolveArticleGraph('a7', structuredClone(ex), graphOf([china], [existingTalks]));
    expect(b).toEqual(a);
  });
});

describe('one node per happening across articles', () => {
  const aceh: ExistingEntity = { id: 'place:aceh', label: 'Place', kind: null, name: 'Aceh', aliasKeys: ['aceh'], articleIds: ['wire'] };
  const quake = (date: string | undefined, place: string, publishedAt: string | null = null) => {
    const x = extraction(
      [entity({ id: 'event:1', type: 'event', name: `Earthquake in ${place}`, eventType: 'earthquake', date }), entity({ id: `place:${place.toLowerCase()}`, type: 'place', name: place })],
      [rel('event:1', 'LOCATED_IN', `place:${place.toLowerCase()}`)],
    );
    x.article.publishedAt = publishedAt;
    return x;
  };
  const wireQuake: ExistingEvent = { id: 'event:earthquake:2025-11-18:earthquake-in-aceh', eventType: 'earthquake', date: '2025-11-18', participantIds: ['place:aceh'], articleIds: ['wire'], publishedAt: ['2025-11-18'] };

  it('two outlets reporting the quake in Aceh on the same day share one event node, through the place alone', async () => {
    const g = await resolveArticleGraph('daily', quake('2025-11-18', 'Aceh'), graphOf([aceh], [wireQuake]));
    expect(g.entities.find((e) => e.label === 'Event')).toMatchObject({ id: wireQuake.id, resolvedBy: 'event-match', matchedOn: wireQuake.id });
  });

  it('an undated report matches by its publication date, within the window of the type', async () => {
    const next = await resolveArticleGraph('daily', quake(undefined, 'Aceh', '2025-11-19'), graphOf([aceh], [wireQuake]));
    expect(next.entities.find((e) => e.label === 'Event')?.id).toBe(wireQuake.id);
    const weeks = await resolveArticleGraph('daily', quake(undefined, 'Aceh', '2025-12-09'), graphOf([aceh], [wireQuake]));
    expect(weeks.entities.find((e) => e.label === 'Event')?.resolvedBy).toBe('new');
  });

  it('a quake elsewhere on the same day stays apart', async () => {
    const arequipa: ExistingEntity = { ...aceh, id: 'place:arequipa', name: 'Arequipa', aliasKeys: ['arequipa'] };
    const g = await resolveArticleGraph('peru', quake('2025-11-18', 'Arequipa'), graphOf([aceh, arequipa], [wireQuake]));
    expect(g.entities.find((e) => e.label === 'Event')?.resolvedBy).toBe('new');
  });

  const brandt: ExistingEntity = { id: 'actor:person:kyle-brandt', label: 'Actor', kind: 'person', name: 'Kyle Brandt', aliasKeys: ['kyle brandt'], articleIds: ['x'] };
  const trialOf = (date: string, type = 'trial') =>
    extraction(
      [entity({ id: 'actor:kyle-brandt', type: 'actor', kind: 'person', name: 'Kyle Brandt' }), entity({ id: 'event:1', type: 'event', name: 'Trial of Kyle Brandt', eventType: type, date })],
      [rel('actor:kyle-brandt', 'TARGET_OF', 'event:1')],
    );
  it('two trials of one person months apart stay two events; a takeover reported ten days later is one (its window is two weeks)', async () => {
    const first: ExistingEvent = { id: 'event:trial:2025-04-01:trial-of-kyle-brandt', eventType: 'trial', date: '2025-04-01', participantIds: [brandt.id], articleIds: ['x'] };
    expect((await resolveArticleGraph('y', trialOf('2025-09-15'), graphOf([brandt], [first]))).entities.find((e) => e.label === 'Event')?.resolvedBy).toBe('new');
    expect((await resolveArticleGraph('y', trialOf('2025-04-02'), graphOf([brandt], [first]))).entities.find((e) => e.label === 'Event')?.id).toBe(first.id);
    const deal: ExistingEvent = { id: 'event:acquisition:2025-04-01:takeover', eventType: 'acquisition', date: '2025-04-01', participantIds: [brandt.id], articleIds: ['x'] };
    expect((await resolveArticleGraph('y', trialOf('2025-04-11', 'acquisition'), graphOf([brandt], [deal]))).entities.find((e) => e.label === 'Event')?.id).toBe(deal.id);
  });
});

describe('one node per happening inside a story (the pairwise model)', () => {
  const qeshm: ExistingEntity = { id: 'place:qeshm', label: 'Place', kind: null, name: 'Qeshm', aliasKeys: ['qeshm'], articleIds: ['bbc'] };
  // The first report named the island; this one names only the province: no shared participant.
  const first: ExistingEvent = {
    id: 'event:earthquake:2005-11-27:earthquake-in-qeshm', eventType: 'earthquake', date: '2005-11-27', participantIds: ['place:qeshm'],
    articleIds: ['bbc'], aliases: ['quake', 'earthquake', 'Earthquake in Qeshm'],
  };
  const report = (date: string, place: string, name = 'quake') =>
    extraction(
      [entity({ id: 'event:1', type: 'event', name: `Earthquake in ${place}`, aliases: [name], eventType: 'earthquake', date }), entity({ id: 'place:1', type: 'place', name: place })],
      [rel('event:1', 'LOCATED_IN', 'place:1')],
    );
  const inStory = (events: ExistingEvent[]): ResolutionLookup & { asked: string[][] } => {
    const asked: string[][] = [];
    return { ...graphOf([qeshm]), asked, async findStoryEvents(entityIds, types) { asked.push([...entityIds, '|', ...types]); return events.filter((e) => types.includes(e.eventType!)); } };
  };

  it('a report of the same quake in the same story is the same node, and matchedOn says what matched', async () => {
    const lookup = inStory([first]);
    const g = await resolveArticleGraph('reuters', report('2005-11-27', 'Hormozgan'), lookup);
    const ev = g.entities.find((e) => e.label === 'Event')!;
    expect(ev).toMatchObject({ id: first.id, resolvedBy: 'story-event' });
    expect(ev.matchedOn).toMatch(/^event:earthquake:2005-11-27:earthquake-in-qeshm \(type, date:0d, word:earthquake, word:quake, p=0\.\d\d\)$/);
    expect(lookup.asked).toEqual([['place:hormozgan', '|', 'earthquake']]);
  });

  it('without the story the same pair stays apart (no shared participant)', async () => {
    const g = await resolveArticleGraph('reuters', report('2005-11-27', 'Hormozgan'), graphOf([qeshm], [first]));
    expect(g.entities.find((e) => e.label === 'Event')?.resolvedBy).toBe('new');
  });

  it('a story event dated beyond the window of the type is another happening (Bam, December 2003)', async () => {
    const g = await resolveArticleGraph('reuters', report('2003-12-26', 'Bam'), inStory([first]));
    expect(g.entities.find((e) => e.label === 'Event')?.resolvedBy).toBe('new');
  });
});
