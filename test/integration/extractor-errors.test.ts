// The API's side of the extractor error table (server/extractors/errors.ts): with EXTRACTOR=llm and a
// model server that is down (a closed local port), the real app on the real database answers the
// ingest mutation EXTRACTOR_UNAVAILABLE, naming the setting to check, and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, readQuery, type Db } from '../../server/db/driver.js';
import { createApp } from '../../server/graphql/yoga.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { freePort } from '../helpers/process.js';

const TOKEN = 'integration-test-token-0123456789';

let db: Db;
let llmUrl: string;
beforeAll(async () => {
  db = openTestDb();
  llmUrl = `http://127.0.0.1:${await freePort()}/v1`;
});
afterAll(async () => {
  await closeDb(db);
});

describe('a model server that is down', () => {
  it('is EXTRACTOR_UNAVAILABLE from the ingest mutation, naming LLM_BASE_URL, and nothing is written', async () => {
    const config = testConfig({ EXTRACTOR: 'llm', LLM_BASE_URL: llmUrl, INGEST_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
    const title = uniquePrefix('llm-down');
    const text = `Chancellor Olga Brandt of Ruritania met trade envoys in Vienna on Tuesday (${title}).`;
    const logged: unknown[] = [];
    const app = createApp(config, db, { log: (_m, err) => logged.push(err) });
    try {
      const res = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          query: 'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome } }',
          variables: { input: { text, title } },
        }),
      });
      const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      expect(body.errors?.map((e) => e.extensions?.['code'])).toEqual(['EXTRACTOR_UNAVAILABLE']);
      expect(body.errors?.[0]?.message).toMatch(/LLM_BASE_URL.*Nothing was written\.$/);
      expect(logged).toEqual([]); // an expected failure, not a masked one
      const rows = await readQuery<{ n: number }>(db, 'MATCH (a:Article {title: $title}) RETURN count(a) AS n', { title });
      expect(Number(rows.records[0]?.get('n'))).toBe(0);
    } finally {
      await app.close();
    }
  });
});
