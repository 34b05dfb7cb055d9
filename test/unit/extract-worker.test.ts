// The worker-thread extractor gives exactly the in-process extraction, and the caller's event
// loop keeps turning while a large article is extracted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { extractArticle } from '../../server/rules/index.js';
import { createWorkerExtractor } from '../../server/extractors/pool.js';

const sample = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
const meta = { title: 'US-China trade talks', publishedAt: '2019-02-15', source: 'Los Angeles Times' };
const pool = createWorkerExtractor(2);
afterAll(() => pool.close());

describe('worker-thread extractor', () => {
  it('returns the same extraction as the in-process extractor', async () => {
    expect(await pool.extract(sample, meta)).toEqual(extractArticle(sample, meta));
  });

  it('serves concurrent requests, each with its own answer', async () => {
    const texts = ['Kenyan President William Ruto met Tanzanian officials in Nairobi on Tuesday.', sample, 'Germany and France agreed on new tariffs.'];
    const answers = await Promise.all(texts.map((t) => pool.extract(t, meta)));
    answers.forEach((a, i) => expect(a).toEqual(extractArticle(texts[i]!, meta)));
  });

  it('leaves the event loop free while a large article is extracted', { timeout: 60_000 }, async () => {
    const large = Array.from({ length: 40 }, () => sample).join('\n\n');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const extraction = await pool.extract(large, meta);
      expect(extraction.entities.length).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    // In-process, the synchronous extraction would have let no timer run before it finished.
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses work after close with a clear message', async () => {
    const other = createWorkerExtractor(1);
    await other.close();
    await expect(other.extract(sample, meta)).rejects.toThrow(/closed/);
  });
});
