// Cypher-and-parameters snapshots of the read statements, the filter conditions and the write
// statements, in the style of neo4j/graphql's TCK tests: no database, and a change to how a
// query is built shows up as a readable diff in test/unit/__snapshots__/. Behaviour on a real
// Neo4j is the integration tier's job.
import { describe, expect, it } from 'vitest';
import { WRITE_STATEMENTS, eventWindows, summaryRows } from '../../server/db/writes/articles.js';
import { actorConditions, eventConditions, issueConditions, placeConditions } from '../../server/db/reads/filters.js';
import {
  edgesByKeysStatement,
  evidenceOfEdgesStatement,
  graphStatsStatement,
  neighbourhoodCostStatement,
  neighbourhoodHubStatement,
  neighbourhoodWalkStatement,
  overviewStatement,
  shortestPathsStatement,
  timelineStatement,
  topEntitiesStatement,
} from '../../server/db/reads/subgraph.js';
import { listStancesStatement } from '../../server/db/reads/related.js';
import type { Statement } from '../../server/db/reads/statement.js';
import type { ResolvedGraph } from '../../server/resolve/index.js';

/** Integers from neo4j.int() print as plain numbers; Cypher text is trimmed line by line. */
function readable(s: Statement) {
  const params = Object.fromEntries(
    Object.entries(s.params).map(([k, v]) => [k, v !== null && typeof v === 'object' && 'low' in v && 'high' in v ? `int(${String((v as unknown as { toNumber(): number }).toNumber())})` : v]),
  );
  return { cypher: s.cypher.split('\n').map((l) => l.trim()).filter(Boolean).join('\n'), params };
}

const key = { source: 'actor:person:xi-jinping', type: 'MET_WITH', target: 'actor:person:donald-trump' };

describe('read statements', () => {
  it('overview reads the degree index and the summary edges among the picked nodes', () => {
    expect(readable(overviewStatement(150))).toMatchSnapshot();
  });

  it('neighbourhood: the cost probe, the breadth-first walk and the hub variant', () => {
    expect(readable(neighbourhoodCostStatement('actor:country:united-states'))).toMatchSnapshot();
    expect(readable(neighbourhoodWalkStatement('actor:person:xi-jinping', 2, ['Actor', 'Event'], 100))).toMatchSnapshot();
    expect(readable(neighbourhoodHubStatement('actor:country:united-states', 2, null, 100))).toMatchSnapshot();
    expect(readable(neighbourhoodHubStatement('actor:country:united-states', 3, null, 50))).toMatchSnapshot();
  });

  it('an unknown depth is refused before any Cypher is built', () => {
    expect(() => neighbourhoodWalkStatement('x', 7, null, 10)).toThrow(RangeError);
  });

  it('edges and their evidence by key, paths', () => {
    expect(readable(edgesByKeysStatement([key]))).toMatchSnapshot();
    expect(readable(evidenceOfEdgesStatement([key], 2))).toMatchSnapshot();
    expect(readable(shortestPathsStatement('actor:person:robert-lighthizer', 'actor:person:donald-trump', 4, 3))).toMatchSnapshot();
  });

  it('timeline starts at the actor, or at the issue when no actor is given', () => {
    expect(readable(timelineStatement('actor:person:xi-jinping', null, '2019', '2019-12-31', 0, 20))).toMatchSnapshot();
    expect(readable(timelineStatement(null, 'issue:tariffs', null, null, 20, 20))).toMatchSnapshot();
  });

  it('stances start at whichever of actor and issue is given', () => {
    expect(readable(listStancesStatement(null, 'issue:tariffs', { skip: 0, limit: 20 }))).toMatchSnapshot();
    expect(readable(listStancesStatement('actor:person:xi-jinping', 'issue:tariffs', { skip: 10, limit: 10 }))).toMatchSnapshot();
  });

  it('stats and top entities come from counts and indexes', () => {
    expect(readable(graphStatsStatement())).toMatchSnapshot();
    expect(readable(topEntitiesStatement('Actor', 5))).toMatchSnapshot();
  });
});

describe('filter conditions', () => {
  it('actor, issue, event and place filters become constant conditions with parameters', () => {
    expect(actorConditions({ kind: 'person', event: 'event:x', issue: 'issue:tariffs', article: 'a1', nameContains: 'xi' })).toMatchSnapshot();
    expect(issueConditions({ actor: 'actor:person:xi-jinping', article: null, nameContains: null })).toMatchSnapshot();
    expect(eventConditions({ from: '2019-02', toHi: '2019-03-31', eventType: 'negotiation', status: 'planned', involving: 'a', concerning: 'b', at: 'c', article: 'd' })).toMatchSnapshot();
    expect(placeConditions({ article: null, nameContains: 'beijing' })).toMatchSnapshot();
    expect(actorConditions({})).toEqual([]);
  });
});

describe('write statements', () => {
  it('every write statement, by name', () => {
    expect(Object.fromEntries(Object.entries(WRITE_STATEMENTS).map(([k, v]) => [k, v.split('\n').map((l) => l.trim()).filter(Boolean).join('\n')]))).toMatchSnapshot();
  });

  it('an article folds its facts to one summary row per (source, type, target)', () => {
    const fact = (type: string, start: number, confidence: number) => ({ type, source: 'a', target: 'b', evidence: 'e', start, end: start + 1, confidence });
    const graph = { entities: [], facts: [fact('MET_WITH', 0, 0.5), fact('MET_WITH', 10, 0.9), fact('ACCUSED', 20, 0.4)] } as unknown as ResolvedGraph;
    expect(summaryRows(graph)).toEqual([
      { type: 'ACCUSED', source: 'a', target: 'b', evidenceCount: 1, confidence: 0.4 },
      { type: 'MET_WITH', source: 'a', target: 'b', evidenceCount: 2, confidence: 0.9 },
    ]);
  });

  it("event look-ups search each type's window around each date (three days by default), the months and years it touches, and undated events of those types", () => {
    expect(eventWindows([{ eventType: 'negotiation', date: '2019-02-28' }, { eventType: 'meeting', date: '2019-03' }, { eventType: 'acquisition', date: '2019-02-10', windowDays: 1 }, { eventType: 'arrest', date: null }])).toEqual({
      windows: [
        { eventType: 'negotiation', lo: '2019-02-25', hi: '2019-03-03' },
        { eventType: 'meeting', lo: '2019-02-26', hi: '2019-04-03' },
        { eventType: 'acquisition', lo: '2019-02-09', hi: '2019-02-11' },
      ],
      coarse: [
        { eventType: 'negotiation', date: '2019' },
        { eventType: 'negotiation', date: '2019-02' },
        { eventType: 'negotiation', date: '2019-03' },
        { eventType: 'meeting', date: '2019' },
        { eventType: 'meeting', date: '2019-02' },
        { eventType: 'meeting', date: '2019-03' },
        { eventType: 'meeting', date: '2019-04' },
        { eventType: 'acquisition', date: '2019' },
        { eventType: 'acquisition', date: '2019-02' },
      ],
      undatedTypes: ['acquisition', 'arrest', 'meeting', 'negotiation'],
    });
  });
});
