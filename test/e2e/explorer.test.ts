// The explorer end to end: the real server (server/main.ts, as `npm start` runs it) serving the
// built web view and GraphQL over the test database, seeded with the sample article, driven in
// Debian's Chromium through the whole walk-through of test/e2e/explorer-flow.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { launchChromium, runExplorerFlow } from './explorer-flow.js';
import { startServer, type RunningServer } from '../helpers/process.js';

const TOKEN = 'e2e-ingest-token-0123456789';
const prefix = uniquePrefix('e2e');
const sampleId = `${prefix}-sample`;
const ingestedTitle = `Vanuatu and Tuvalu sign fisheries pact ${prefix}`;

// The article the flow pastes into the ingest dialog, with markup that must never run.
const ingested = {
  title: `${ingestedTitle} <img src=x onerror="window.xssFired=true">`,
  source: 'Pacific Wire <script>window.xssFired=true</script>',
  publishedAt: '2019-03-01',
  text:
    `Vanuatu and Tuvalu signed a fisheries agreement in Port Vila on Friday. ` +
    `Vanuatu Prime Minister Charlot Salwai said the pact <script>window.xssFired=true</script> would protect tuna stocks. ` +
    `Tuvalu Prime Minister Enele Sopoaga met Salwai <img src=x onerror="window.xssFired=true"> after the signing.\n`,
};
// The id the server derives for it (the dialog sends none), so the test can remove it after.
const ingestedId = prepareArticle(
  { text: ingested.text, meta: { title: ingested.title, source: ingested.source, publishedAt: ingested.publishedAt }, origin: 'input' },
  { maxBytes: 2_000_000 },
).id;

let db: Db;
let server: RunningServer;
let baseUrl: string;
let browser: Browser;



beforeAll(async () => {
  const config = testConfig();
  db = openTestDb();
  const sampleText = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
  const sampleMeta = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.meta.json'), 'utf8')) as Record<string, string>;
  await ingestArticleInput(db, { id: sampleId, text: sampleText, meta: { ...sampleMeta, language: 'en' }, origin: 'e2e' }, { extractor: getExtractor('rules', config) });

  const build = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);

  server = await startServer({ NEO4J_URI: config.neo4j.uri, INGEST_TOKEN: TOKEN });
  baseUrl = server.baseUrl;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (db) {
    await removeArticle(db, ingestedId);
    await removeArticle(db, sampleId);
    await closeDb(db);
  }
});

describe('web explorer in Chromium', () => {
  it(
    'shows the overview, searches, explains with evidence, expands, filters, connects, and ingests an article whose markup never runs',
    async () => {
      await runExplorerFlow(browser, {
        baseUrl,
        ingestToken: TOKEN,
        article: ingested,
        expectNewActors: ['Charlot Salwai', 'Enele Sopoaga'],
        screenshotDir: path.join(PROJECT_ROOT, 'test-results', 'e2e'),
      });
    },
    240_000,
  );
});
