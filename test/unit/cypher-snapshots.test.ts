// Cypher-and-parameters snapshots of the read statements, the filter conditions and the write
// statements, in the style of neo4j/graphql's TCK tests: no database, and a change to how a
// query is built shows up as a readable diff in test/unit/__snapshots__/. Behaviour on a real
// Neo4j is the integration tier's job.
import { describe, expect, it } from 'vitest';
import { RELATION_TYPES } from '../../server/extractors/contract.js';
import { eventWindows } from '../../server/db/writes/lookups.js';
import { provenanceOf, summaryRows } from '../../server/db/writes/rows.js';
import * as writes from '../../server/db/writes/statements.js';
import { articleExistsStatement, countArticlesStatement, storedContentHashStatement } from '../../server/db/reads/articles.js';
import {
  articleFactCountsStatement,
  articlesByIdsStatement,
  entitiesByIdsStatement,
  listArticlesStatement,
  listEntitiesStatement,
  nameContains,
  searchEntitiesStatement,
} from '../../server/db/reads/entities.js';
import { openingViewStatement } from '../../server/db/reads/opening.js';
import * as storyReads from '../../server/db/reads/stories.js';
import * as storyWrites from '../../server/db/writes/stories.js';
import { actorConditions, eventConditions, issueConditions, placeConditions } from '../../server/db/reads/filters.js';
import {
  edgesByKeysStatement,
  evidenceOfEdgesStatement,
  changesSinceStatement,
  graphStatsStatement,
  neo4jVersionStatement,
  neighbourhoodCostStatement,
  neighbourhoodHubStatement,
  neighbourhoodWalkStatement,
  overviewStatement,
  relationsOverTimeStatement,
  shortestPathsStatement,
  timelineStatement,
  topEntitiesStatement,
} from '../../server/db/reads/subgraph.js';
import {
  adjacentEntitiesStatement,
  articlesMentioningStatement,
  entitiesOfArticlesStatement,
  evidenceOfEntitiesStatement,
  listStancesStatement,
  participantsOfEventsStatement,
  relatedEntitiesStatement,
  rolesOfActorsStatement,
  stancesOfStatement,
} from '../../server/db/reads/related.js';
import type { Statement } from '../../server/db/statement.js';
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

  it('entities and articles by id, and the counts an article shows', () => {
    expect(readable(entitiesByIdsStatement(['actor:person:xi-jinping']))).toMatchSnapshot();
    expect(readable(articlesByIdsStatement(['a1', 'a2']))).toMatchSnapshot();
    expect(readable(articleFactCountsStatement(['a1']))).toMatchSnapshot();
  });

  it('entity lists: one label, the conditions joined, a constant sort order, one page', () => {
    expect(readable(listEntitiesStatement('Actor', [nameContains('xi'), ...actorConditions({ kind: 'person' })], 'DEGREE', 20, 10))).toMatchSnapshot();
    expect(readable(listEntitiesStatement('Event', [], 'DATE', 0, 20))).toMatchSnapshot();
  });

  it('article lists add only the filters given', () => {
    expect(readable(listArticlesStatement({}, 0, 20))).toMatchSnapshot();
    expect(readable(listArticlesStatement({ source: 'Reuters', from: '2019-02', toHi: '2019-03-31', mentioning: 'issue:tariffs' }, 20, 20))).toMatchSnapshot();
  });

  it('search ranks the full-text index, optionally within labels', () => {
    expect(readable(searchEntitiesStatement('xi* AND jin*', ['Actor'], 0, 10))).toMatchSnapshot();
  });

  it('the opening view: hubs and the most reported recent events', () => {
    expect(readable(openingViewStatement(60, 15))).toMatchSnapshot();
  });

  it('nested fields: one statement answers a field for many parents', () => {
    const ids = ['actor:person:xi-jinping', 'actor:person:donald-trump'];
    const slice = { skip: 0, limit: 10 };
    expect(readable(relatedEntitiesStatement(ids, 'Event', { from: '2019', toHi: '2019-12-31' }, slice))).toMatchSnapshot();
    expect(readable(relatedEntitiesStatement(ids, 'Issue', { from: null, toHi: null }, slice))).toMatchSnapshot();
    expect(readable(articlesMentioningStatement(ids, slice))).toMatchSnapshot();
    expect(readable(entitiesOfArticlesStatement(['a1'], ['Actor'], slice))).toMatchSnapshot();
    expect(readable(evidenceOfEntitiesStatement(ids, { skip: 5, limit: 5 }))).toMatchSnapshot();
    expect(readable(participantsOfEventsStatement(['event:x']))).toMatchSnapshot();
    expect(readable(adjacentEntitiesStatement(['event:x'], 'Place'))).toMatchSnapshot();
    expect(readable(rolesOfActorsStatement(ids))).toMatchSnapshot();
    expect(readable(stancesOfStatement('actor', ids, slice))).toMatchSnapshot();
    expect(readable(stancesOfStatement('issue', ['issue:tariffs'], slice))).toMatchSnapshot();
  });

  it('relations over time, changes since, and the server version', () => {
    expect(readable(relationsOverTimeStatement('actor:person:xi-jinping', 'actor:person:donald-trump'))).toMatchSnapshot();
    expect(readable(changesSinceStatement('2019-02-01T00:00:00Z', 0, 20))).toMatchSnapshot();
    expect(readable(neo4jVersionStatement())).toMatchSnapshot();
  });

  it('article count, existence and stored hash', () => {
    expect([countArticlesStatement(), articleExistsStatement('a1'), storedContentHashStatement('a1')].map(readable)).toMatchSnapshot();
  });
});

describe('filter conditions', () => {
  it('actor, issue, event and place filters become constant conditions with parameters', () => {
    expect(actorConditions({ kind: 'person', event: 'event:x', issue: 'issue:tariffs', article: 'a1', nameContains: 'xi' })).toMatchSnapshot();
    expect(issueConditions({ actor: 'actor:person:xi-jinping', article: null, nameContains: null })).toMatchSnapshot();
    expect(eventConditions({ from: '2019-02', toHi: '2019-03-31', eventType: 'negotiation', status: 'planned', involving: 'a', concerning: 'b', at: 'c', article: 'd', country: 'US', near: { lat: 38.9, lon: -77.04, km: 50 } })).toMatchSnapshot();
    expect(placeConditions({ article: null, nameContains: 'beijing' })).toMatchSnapshot();
    expect(actorConditions({})).toEqual([]);
  });
});

describe('write statements', () => {
  const provenance = provenanceOf('a1', { source: 'Test Wire', publishedAt: '2019-02-15' });
  const fold = (row: { source: string; target: string }) => ({ ...row, evidenceCount: 1, confidence: 0.5 });
  /** Each write statement, built from sample rows. */
  const WRITE_STATEMENTS = {
    FIND_ENTITIES: writes.findEntitiesStatement(['actor:person:xi-jinping'], ['xi jinping'], 'a1'),
    FIND_EVENTS: writes.findEventsStatement(['actor:person:xi-jinping'], 'a1', eventWindows([{ eventType: 'meeting', date: '2019-02-28' }])),
    LOCK_ARTICLE: writes.lockArticleStatement('a1'),
    DELETE_EVIDENCE: writes.deleteEvidenceStatement('a1'),
    RESUMMARISE: writes.resummariseStatement([key]),
    DELETE_MENTIONS: writes.deleteMentionsStatement('a1'),
    UPSERT_ARTICLE: writes.upsertArticleStatement({
      id: 'a1', now: '2019-02-16T00:00:00.000Z', title: 'T', source: 'Test Wire', author: null, url: null, publishedAt: '2019-02-15', contentHash: 'h', text: 'x', language: 'en',
    }),
    UPSERT_ENTITIES: writes.upsertEntitiesStatement('a1', [], '2019-02-16T00:00:00.000Z'),
    ADD_ALIASES: writes.addAliasesStatement([{ id: 'actor:person:xi-jinping', aliases: ['Xi'], aliasKeys: ['xi'], before: 'Xi' }]),
    PAIRS_LINKED: writes.pairsLinkedStatement([{ a: key.target, b: key.source }]),
    MERGE_FACTS: writes.mergeFactsStatement([{ ...fold(key), type: 'MET_WITH' }], provenance),
    CREATE_EVIDENCE: writes.createEvidenceStatement([{ ...key, type: 'MET_WITH', evidence: 'Xi met Trump.', start: 0, end: 13, confidence: 0.5 }], provenance),
    ADD_DEGREES: writes.addDegreesStatement([{ id: key.source, delta: 1 }]),
    REFRESH_ALIASES: writes.refreshAliasesStatement([key.source]),
    DELETE_ORPHANS: writes.deleteOrphansStatement([key.source]),
    DELETE_UNUSED_KEYS: writes.deleteUnusedKeysStatement(['xi']),
    DELETE_ARTICLE: writes.deleteArticleStatement('a1'),
    RECORD_REMOVAL: writes.recordRemovalStatement('a1', 'T', '2019-02-17T00:00:00.000Z'),
  };

  it('every write statement, by name', () => {
    expect(Object.fromEntries(Object.entries(WRITE_STATEMENTS).map(([k, v]) => [k, readable(v).cypher]))).toMatchSnapshot();
  });

  it('every write statement takes its values as parameters', () => {
    expect(Object.fromEntries(Object.entries(WRITE_STATEMENTS).map(([k, v]) => [k, readable(v).params]))).toMatchSnapshot();
  });

  it('facts of every type merge in one statement, each type written only from the allow-list', () => {
    const text = WRITE_STATEMENTS.MERGE_FACTS.cypher;
    for (const type of RELATION_TYPES) expect(text).toContain(`WHERE f.type = '${type}'\n  MERGE (s)-[r:${type}]->(t)`);
    expect(text.match(/MERGE \(s\)-\[r:/g)).toHaveLength(RELATION_TYPES.length);
    expect(() => writes.mergeFactsStatement([{ ...fold(key), type: 'NOT_A_TYPE' as 'MET_WITH' }], provenance)).toThrow(RangeError);
  });

  it('an article folds its facts to one summary row per (source, type, target)', () => {
    const fact = (type: string, start: number, confidence: number) => ({ type, source: 'a', target: 'b', evidence: 'e', start, end: start + 1, confidence });
    const graph = { entities: [], facts: [fact('MET_WITH', 0, 0.5), fact('MET_WITH', 10, 0.9), fact('ACCUSED', 20, 0.4)] } as unknown as ResolvedGraph;
    expect(summaryRows(graph)).toEqual([
      { type: 'ACCUSED', source: 'a', target: 'b', evidenceCount: 1, confidence: 0.4 },
      { type: 'MET_WITH', source: 'a', target: 'b', evidenceCount: 2, confidence: 0.9 },
    ]);
  });

  it("event look-ups search each type's window around each date (three days by default), the months and years it touches, and undated events of those types reported in it", () => {
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
      undated: [
        { eventType: 'negotiation', from: '2019-01-26', lo: '2019-02-25', hi: '2019-03-03' },
        { eventType: 'meeting', from: '2019-01-27', lo: '2019-02-26', hi: '2019-04-03' },
        { eventType: 'acquisition', from: '2019-01-10', lo: '2019-02-09', hi: '2019-02-11' },
      ],
    });
  });
});

describe('story statements', () => {
  it('story writes and reads, by name', () => {
    const now = '2026-01-01T00:00:00.000Z';
    const snap = {
      detach: storyWrites.detachStoryStatement('a1'),
      setText: storyWrites.setStoryTextStatement('a1', 'Quake\nA quake hit'),
      candidates: storyWrites.storyCandidatesStatement('quake hit qeshm', 31),
      storyEvents: storyWrites.storyEventsStatement('story:a0', 'a1', ['earthquake'], 50, 60),
      join: storyWrites.joinStoryStatement({ articleId: 'a1', storyId: 'story:a0', score: 0.6, matchedOn: ['text:0.5 via a0'], resolvedBy: 'story-match', now }),
      joined: storyWrites.storyJoinedStatement('story:a0', 'a1', now),
      recount: storyWrites.recountStoriesStatement(['story:a0'], { storyEntities: 40, mainEvents: 5, summaryArticles: 50 }),
      refresh: storyWrites.refreshStoriesStatement(['story:a0'], now),
      list: storyReads.listStoriesStatement({ from: '2005-11', toHi: '2005-12~', mentioning: null }, 0, 20),
      byIds: storyReads.findStoriesByIdsStatement(['story:a0']),
      ofArticles: storyReads.storyIdsOfArticlesStatement(['a1']),
      ofEvents: storyReads.storyIdsOfEventsStatement(['event:earthquake:2005-11-27:qeshm']),
      events: storyReads.storyEventsStatement('story:a0', 0, 50),
      articles: storyReads.storyArticlesStatement('story:a0', 0, 20),
      actors: storyReads.storyActorsStatement('story:a0', 10),
    };
    expect(snap).toMatchSnapshot();
  });
});
