// The registry checks every extraction against the contract, whichever extractor made it.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { ExtractionFailed, contractViolations } from '../../server/extractors/check.js';
import { failureOfExtractor } from '../../server/extractors/errors.js';
import type { Extraction } from '../../server/extractors/contract.js';
import { getExtractor, type StageRunner } from '../../server/extractors/registry.js';

const TEXT = 'Kenyan President William Ruto met Tanzanian officials in Nairobi on Tuesday.';
const ruto = { id: 'actor:william-ruto', type: 'actor' as const, kind: 'person' as const, name: 'William Ruto', aliases: [], mentions: [{ text: 'William Ruto', start: 17, end: 29 }] };
const nairobi = { id: 'place:nairobi', type: 'place' as const, name: 'Nairobi', aliases: [], mentions: [{ text: 'Nairobi', start: 57, end: 64 }] };
const extraction = (over: Partial<Extraction> = {}): Extraction => ({
  article: { title: null, source: null, author: null, url: null, publishedAt: null },
  entities: [ruto, nairobi],
  relations: [{ source: ruto.id, target: nairobi.id, type: 'LOCATED_IN', evidence: TEXT, start: 0, end: TEXT.length, confidence: 0.5 }],
  ...over,
});
const returning = (x: Extraction): StageRunner => ({ rules: async () => x, annotated: async () => x });

describe('the extraction contract check', () => {
  it('passes an extraction whose ids are unique, ends exist and spans are verbatim', () => {
    expect(contractViolations(TEXT, extraction())).toEqual([]);
  });

  it('names each broken rule', () => {
    const bad = extraction({
      entities: [ruto, ruto, { ...nairobi, mentions: [{ text: 'Nairobi', start: 56, end: 63 }] }],
      relations: [{ source: ruto.id, target: 'event:9', type: 'MET_WITH', evidence: 'met', start: 0, end: 3, confidence: 0.5 }],
    });
    expect(contractViolations(TEXT, bad)).toEqual([
      'entity id actor:william-ruto is used twice',
      'place:nairobi: mention "Nairobi" is not the text at 56..63',
      'relation actor:william-ruto MET_WITH event:9: points at an entity the extraction does not have',
      'relation actor:william-ruto MET_WITH event:9: evidence is not the text at 0..3',
    ]);
  });

  it('an event-role relation (PARTICIPATED_IN, STATED, TARGET_OF) must point at an event', () => {
    const talks = { id: 'event:1', type: 'event' as const, name: 'Talks', aliases: [], mentions: [{ text: 'met', start: 30, end: 33 }] };
    const fact = (target: string) => ({ source: ruto.id, target, type: 'PARTICIPATED_IN' as const, evidence: TEXT, start: 0, end: TEXT.length, confidence: 0.5 });
    expect(contractViolations(TEXT, extraction({ entities: [ruto, nairobi, talks], relations: [fact(talks.id)] }))).toEqual([]);
    expect(contractViolations(TEXT, extraction({ entities: [ruto, nairobi, talks], relations: [fact(nairobi.id)] }))).toEqual([
      'relation actor:william-ruto PARTICIPATED_IN place:nairobi: a PARTICIPATED_IN relation must point at an event',
    ]);
  });

  it('runs in the registry: an extractor that breaks it fails with ExtractionFailed (extraction-failed)', async () => {
    const extract = getExtractor('rules', loadConfig({}), { stages: returning(extraction({ entities: [ruto] })) });
    const err = await extract(TEXT, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionFailed);
    expect(err).toMatchObject({ extractor: 'rules' });
    // The error table gives it its API code and CLI reason, with its message shown.
    expect(failureOfExtractor(err)).toMatchObject({ kind: 'contract', code: 'EXTRACTION_FAILED', reason: 'extraction-failed', shown: true });
    expect((err as Error).message).toMatch(/rules extractor broke the extraction contract: .*does not have/);
  });

  it('hands a conforming extraction through unchanged', async () => {
    const x = extraction();
    expect(await getExtractor('rules', loadConfig({}), { stages: returning(x) })(TEXT, {})).toBe(x);
  });
});
