// What CoreNLP is sent in place of characters that cost it minutes and are never words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RUN, maskForCoreNlp } from '../../server/nlp/corenlp/mask.js';

describe('maskForCoreNlp', () => {
  it('keeps the UTF-16 length, so every offset CoreNLP answers is one into the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const masked = maskForCoreNlp(s);
        expect(masked.length).toBe(s.length);
        // Only blanking: every character either stays or became spaces.
        for (let i = 0; i < s.length; i++) if (masked[i] !== ' ') expect(masked[i]).toBe(s[i]);
      }),
    );
  });

  it('leaves ordinary news text as it is, symbols news writes included', () => {
    const text = 'Brent rose 2.5% to $81.20 (€74) on Tuesday; it was −3 °C in Kyiv. Café © Reuters™, 5 × 3 ≠ «ok» — “quoted” ½ £';
    expect(maskForCoreNlp(text)).toBe(text.replace('≠', ' '));
  });

  it('blanks emoji, pictographs, unassigned and private-use code points', () => {
    expect(maskForCoreNlp('Fans cheered 🎉 as \u{B2B00}\uE000 Messi ✔ scored ∑')).toBe('Fans cheered    as     Messi   scored  ');
  });

  it(`blanks a run of more than ${MAX_RUN} characters without a space, and keeps long URLs shorter than that`, () => {
    const url = `https://example.com/${'a'.repeat(150)}`;
    const run = 'ap'.repeat(MAX_RUN);
    expect(maskForCoreNlp(`See ${url} now`)).toBe(`See ${url} now`);
    expect(maskForCoreNlp(`Before ${run} after`)).toBe(`Before ${' '.repeat(run.length)} after`);
  });
});
