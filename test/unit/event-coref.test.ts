import { describe, expect, it } from 'vitest';
import { EventCorefSchema } from '../../server/lexicons/schemas.js';
import { corefProbability, EVENT_COREF_MODEL, PAIR_FEATURES, pairEvidence, type EventReport } from '../../server/resolve/event-coref.js';

const report = (r: Partial<EventReport>): EventReport => ({ eventType: 'earthquake', date: null, reportDates: [], actorIds: [], placeIds: [], words: [], ...r });

describe('event pair features', () => {
  it('say what two reports share and where they conflict', () => {
    const a = report({ date: '2005-11-27', placeIds: ['place:qeshm'], actorIds: ['actor:organization:usgs'], words: ['the 6.1-magnitude quake'] });
    const b = report({ date: '2005-11-28', placeIds: ['place:qeshm'], actorIds: ['actor:person:frances-harrison'], words: ['Quake in Qeshm'] });
    const { features, matched } = pairEvidence(a, b, 3);
    expect(features).toMatchObject({ bias: 1, sameType: 1, sameDate: 0, nearDate: 1, reportedNear: 0, sharedPlace: 1, placeConflict: 0, sharedActor: 0, actorConflict: 1, sharedWord: 1, noArguments: 0 });
    expect(matched).toEqual(['type', 'date:1d', 'place:qeshm', 'word:quake']);
  });

  it('date undated reports by their publication dates, and mark pairs nothing dates', () => {
    const reported = pairEvidence(report({ reportDates: ['2013-03-14'] }), report({ reportDates: ['2013-03-15'] }), 3);
    expect(reported.features).toMatchObject({ reportedNear: 1, undatedUnknown: 0, noArguments: 1 });
    expect(reported.matched).toContain('reported:1d');
    expect(pairEvidence(report({}), report({}), 3).features).toMatchObject({ reportedNear: 0, undatedUnknown: 1 });
    expect(pairEvidence(report({ eventType: 'death' }), report({ eventType: 'attack' }), 3).features.sameType).toBe(0);
  });
});

describe('the learnt model', () => {
  it('weighs every feature and passes its schema', () => {
    expect(EventCorefSchema.safeParse(EVENT_COREF_MODEL).success).toBe(true);
    for (const f of PAIR_FEATURES) expect(EVENT_COREF_MODEL.weights[f], f).toEqual(expect.any(Number));
    expect(EventCorefSchema.safeParse({ ...EVENT_COREF_MODEL, threshold: 1.5 }).success).toBe(false);
  });

  it('takes two same-day reports of a quake at one place for one happening, and two undated ones with nothing shared for two', () => {
    const same = pairEvidence(report({ date: '2005-11-27', placeIds: ['place:qeshm'], words: ['quake'] }), report({ date: '2005-11-27', placeIds: ['place:qeshm'], words: ['earthquake', 'quake'] }), 3);
    expect(corefProbability(same.features)).toBeGreaterThan(EVENT_COREF_MODEL.threshold);
    const apart = pairEvidence(report({ eventType: 'death', actorIds: ['actor:person:a'], words: ['died'] }), report({ eventType: 'attack', actorIds: ['actor:person:b'], words: ['killed'] }), 3);
    expect(corefProbability(apart.features)).toBeLessThan(EVENT_COREF_MODEL.threshold);
  });
});
