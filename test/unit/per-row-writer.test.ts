// The benchmark's per-row baseline: the writer's row-list statements go one row at a time, the
// rest unchanged, and the writer sees one answer per statement as if it had been sent whole.
import { describe, expect, it } from 'vitest';
import { perRow } from '../../bench/per-row-writer.js';
import type { Statement } from '../../server/db/statement.js';
import { provenanceOf } from '../../server/db/writes/rows.js';
import type { Ran } from '../../server/db/writes/run.js';
import { deleteOrphansStatement, deleteUnusedKeysStatement, mergeFactsStatement } from '../../server/db/writes/statements.js';

function recording() {
  const sent: Statement[] = [];
  const run = async (s: Statement): Promise<Ran> => {
    sent.push(s);
    return { records: [], counters: { nodesCreated: 0, relationshipsCreated: 1, nodesDeleted: 0, relationshipsDeleted: 0 } };
  };
  return { sent, run };
}

describe('per-row baseline', () => {
  it('sends each fact of a merge as its own statement and adds up what they changed', async () => {
    const { sent, run } = recording();
    const facts = [
      { type: 'MET_WITH' as const, source: 'a', target: 'b', evidenceCount: 1, confidence: 0.5 },
      { type: 'ACCUSED' as const, source: 'a', target: 'c', evidenceCount: 2, confidence: 0.9 },
    ];
    const whole = mergeFactsStatement(facts, provenanceOf('x', { source: 'Wire' }));
    const res = await perRow(run)(whole);
    expect(sent.map((s) => s.params['facts'])).toEqual([[facts[0]], [facts[1]]]);
    expect(sent.every((s) => s.cypher === whole.cypher && s.params['outlet'] === 'Wire')).toBe(true);
    expect(res.counters.relationshipsCreated).toBe(2);
  });

  it('splits orphan deletion by id but leaves the key clean-up whole', async () => {
    const { sent, run } = recording();
    await perRow(run)(deleteOrphansStatement(['a', 'b', 'c']));
    await perRow(run)(deleteUnusedKeysStatement(['k1', 'k2']));
    expect(sent.map((s) => s.params['ids'] ?? s.params['keys'])).toEqual([['a'], ['b'], ['c'], ['k1', 'k2']]);
  });
});
