// Every extractor failure maps in one table (server/extractors/errors.ts) to its API code and CLI
// reason. Here a model server that is down (a closed local port) is driven through the extract CLI
// as a child process; no database or Java is needed. The API's side of the same failure is
// test/integration/extractor-errors.test.ts (the real app on the real database).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskError } from '../../server/errors.js';
import { EXTRACTOR_FAILURES, ExtractionFailedError, extractOrFail, failureOfExtractor } from '../../server/extractors/errors.js';
import { LlmExtractorError } from '../../server/extractors/llm/errors.js';
import { NlpError } from '../../server/nlp/errors.js';
import { freePort, runExtractCli } from '../helpers/process.js';

const TEXT = 'Chancellor Olga Brandt of Ruritania met trade envoys in Vienna on Tuesday.';

let llmUrl: string;
let dir: string;
beforeAll(async () => {
  llmUrl = `http://127.0.0.1:${await freePort()}/v1`;
  dir = await mkdtemp(path.join(tmpdir(), 'extractor-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the extractor error table', () => {
  it('gives every typed failure its API code and CLI reason, and anything else extraction-failed', () => {
    expect(failureOfExtractor(new NlpError('NLP_UNAVAILABLE', 'down'))).toMatchObject({ code: 'NLP_UNAVAILABLE', reason: 'nlp-unavailable', gone: 'the NLP server' });
    expect(failureOfExtractor(new NlpError('NLP_TIMEOUT', 'slow'))).toMatchObject({ code: 'NLP_TIMEOUT', reason: 'nlp-timeout' });
    expect(failureOfExtractor(new LlmExtractorError('unreachable', 'down'))).toMatchObject({ code: 'EXTRACTOR_UNAVAILABLE', reason: 'extractor-unavailable', gone: 'the model server' });
    expect(failureOfExtractor(new LlmExtractorError('http-error', '503'))).toMatchObject({ code: 'EXTRACTOR_UNAVAILABLE', reason: 'extractor-unavailable' });
    expect(failureOfExtractor(new LlmExtractorError('timeout', 'slow'))).toMatchObject({ code: 'EXTRACTOR_TIMEOUT', reason: 'extractor-timeout' });
    expect(failureOfExtractor(new LlmExtractorError('invalid-response', 'prose'))).toMatchObject({ code: 'EXTRACTION_FAILED', reason: 'extraction-failed' });
    expect(failureOfExtractor(new TypeError('x is undefined'))).toMatchObject({ code: 'EXTRACTION_FAILED', reason: 'extraction-failed', shown: false });
    for (const row of Object.values(EXTRACTOR_FAILURES)) expect(row.reason).toBe(row.code.toLowerCase().replace(/_/g, '-'));
  });

  it('an untyped extractor failure is EXTRACTION_FAILED in the API, with its text hidden and logged', async () => {
    const err = await extractOrFail(() => Promise.reject(new Error('password=hunter2 in /srv/secret'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionFailedError);
    const logged: unknown[] = [];
    const masked = maskError(new GraphQLError('x', { originalError: err as Error, path: ['ingestArticle'] }), (_m, e) => logged.push(e));
    expect(masked.extensions['code']).toBe('EXTRACTION_FAILED');
    expect(masked.message).not.toMatch(/hunter2/);
    expect(logged).toHaveLength(1);
  });
});

describe('a model server that is down', () => {
  it('is reason extractor-unavailable in the CLI\'s batch lines, and EXTRACTOR_UNAVAILABLE for one article', async () => {
    const batch = path.join(dir, 'batch.jsonl');
    await writeFile(batch, `${JSON.stringify({ id: 'a', text: TEXT })}\n`);
    const env = { ...process.env, EXTRACTOR: 'llm', LLM_BASE_URL: llmUrl };
    const lines = await runExtractCli([batch], env);
    expect(lines.code).toBe(3); // a component (the model server) is unavailable
    expect(JSON.parse(lines.stdout.trim())).toMatchObject({ id: 'a', error: { reason: 'extractor-unavailable' } });
    const single = path.join(dir, 'one.txt');
    await writeFile(single, TEXT);
    const one = await runExtractCli([single], env);
    expect(one.code).toBe(3);
    expect(one.stderr).toMatch(/^error: EXTRACTOR_UNAVAILABLE: LLM endpoint .* is unreachable/m);
  });
});

