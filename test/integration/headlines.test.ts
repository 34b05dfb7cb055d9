// Headlines and upper-case lines through the real CoreNLP: the tagger reads a Title-Case or
// upper-case line as one long organisation; the body decides which of its words are names.
import { describe, expect, it } from 'vitest';
import { getExtractor } from '../../server/extractors/registry.js';
import { testConfig } from '../helpers/neo4j.js';

const BODY = 'Actress Lindsay Lohan has checked into a rehabilitation centre in Malibu, her publicist said on Friday.\n' +
  'Lohan, 21, was arrested in July after a car chase in Santa Monica.\n';

async function actorsOf(text: string) {
  const extract = getExtractor('corenlp', testConfig({ LOG_LEVEL: 'silent' }));
  const out = await extract(text, {});
  return out.entities.filter((e) => e.type === 'actor').map((e) => ({ id: e.id, kind: e.kind, mentions: e.mentions.map((m) => m.text) }));
}

describe('caseless lines read against the body', () => {
  it('a Title-Case headline is not an organisation; its name is the body\'s person', { timeout: 60_000 }, async () => {
    const actors = await actorsOf(`Lindsay Lohan Checks Into Rehab\n\n${BODY}`);
    expect(actors.map((a) => a.id)).not.toContain('actor:lindsay-lohan-checks-into-rehab');
    const lohan = actors.find((a) => a.id === 'actor:lindsay-lohan');
    expect(lohan?.kind).toBe('person');
    // The headline's mention joined the body's person.
    expect(lohan?.mentions.filter((m) => m === 'Lindsay Lohan').length).toBeGreaterThanOrEqual(2);
    expect(actors.every((a) => !/checks|rehab/i.test(a.id))).toBe(true);
  });

  it('an upper-case headline keeps the names the body confirms and nothing longer', { timeout: 60_000 }, async () => {
    const actors = await actorsOf(`LINDSAY LOHAN CHECKS INTO REHAB IN MALIBU\n\n${BODY}`);
    expect(actors.every((a) => !/checks|rehab/i.test(a.id))).toBe(true);
    expect(actors.find((a) => a.id === 'actor:lindsay-lohan')?.mentions).toContain('LINDSAY LOHAN');
  });

  it('a sentence-case headline and a list of names keep what the tagger found', { timeout: 60_000 }, async () => {
    const actors = await actorsOf(`Lohan enters rehab clinic in Malibu\n\nDeportivo Coruna 1 Real Madrid 1\n\n${BODY}`);
    const names = actors.flatMap((a) => a.mentions);
    expect(names).toContain('Real Madrid');
  });
});
