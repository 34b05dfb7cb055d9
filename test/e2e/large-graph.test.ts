// The opening view of a larger graph, in Chromium against the real server: a few hundred
// generated articles (bench/corpus.ts) in the test database, and the first picture bounded in
// nodes and edges, with events, sizes within bounds, and no two drawn labels overlapping.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { BACKBONE, NODE_SIZE } from '../../web/src/to-elements.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { startServer, type RunningServer } from '../helpers/process.js';
import { launchChromium } from './explorer-flow.js';

// web/src/main.ts OPENING (not imported: main.ts starts the page when loaded).
const OPENING = { hubs: 50, events: 15 };
const ARTICLES = 150;
const prefix = uniquePrefix('e2e-large');
const SHOTS = path.join(PROJECT_ROOT, 'test-results', 'e2e');
const corpus = generateCorpus({ count: ARTICLES, idPrefix: prefix, seed: 7 });

let db: Db;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const config = testConfig();
  db = openTestDb();
  const extractor = getExtractor('rules', config);
  for (const article of corpus) await ingestArticleInput(db, article, { extractor });
  const build = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  server = await startServer({ NEO4J_URI: config.neo4j.uri, SEED_ON_EMPTY: 'false' });
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (db) {
    for (const a of corpus) await removeArticle(db, a.id!);
    await closeDb(db);
  }
}, 600_000);

interface Picture {
  nodes: number;
  events: number;
  drawnEdges: number;
  sizes: number[];
  labels: { id: string; x1: number; y1: number; x2: number; y2: number }[];
}

/** What the canvas shows at its current zoom: drawn labels are those not hidden and not too small. */
function picture(page: Page): Promise<Picture> {
  return page.evaluate(() => {
    const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
    const shown = cy.nodes().not('.filtered');
    const zoom = cy.zoom();
    const labels = shown
      .filter((n) => !n.hasClass('label-off') && parseFloat(n.style('font-size')) * zoom >= parseFloat(n.style('min-zoomed-font-size')))
      .map((n) => {
        const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true } as never);
        return { id: n.id(), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
      });
    return {
      nodes: shown.length,
      events: shown.filter('[type = "EVENT"]').length,
      drawnEdges: cy.edges().filter((e) => e.visible()).length,
      sizes: shown.map((n) => n.width()),
      labels,
    };
  });
}

function overlapping(labels: Picture['labels']): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) out.push(`${a.id} × ${b.id}`);
    }
  return out;
}

describe('the opening view of a larger graph', () => {
  it('shows a bounded picture of hubs and the latest events, with bounded sizes and no overlapping labels', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(server.baseUrl);
      await page.locator('#overlay').waitFor({ state: 'hidden', timeout: 30_000 });
      // Laid out and labelled: tiers are given on sync, labels decided after the layout.
      await page.waitForFunction(() => {
        const cy = (window as unknown as { newsGraph?: { cy: import('cytoscape').Core } }).newsGraph?.cy;
        return Boolean(cy && cy.nodes('.tier-1').length > 0 && /\d+ nodes/.test(document.getElementById('status')?.textContent ?? ''));
      });
      await page.waitForTimeout(1500);
      const p = await picture(page);
      await page.screenshot({ path: path.join(SHOTS, 'large-01-opening.png') });

      expect(p.nodes).toBeGreaterThan(20);
      expect(p.nodes).toBeLessThanOrEqual(OPENING.hubs + OPENING.events);
      expect(p.events, 'the latest events are in the opening view').toBeGreaterThan(0);
      expect(p.drawnEdges, 'one drawn edge per pair, on the backbone').toBeLessThanOrEqual(p.nodes * BACKBONE);
      for (const s of p.sizes) {
        expect(s).toBeGreaterThanOrEqual(NODE_SIZE.min);
        expect(s).toBeLessThanOrEqual(NODE_SIZE.max);
      }
      expect(p.labels.length, 'some labels are drawn').toBeGreaterThan(10);
      expect(overlapping(p.labels), 'no two drawn labels overlap').toEqual([]);

      // Zoomed out, only the top-ranked labels stay drawn, still apart.
      await page.evaluate(() => {
        const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
        cy.zoom({ level: cy.zoom() * 0.4, renderedPosition: { x: 640, y: 400 } });
      });
      await page.waitForTimeout(600);
      const far = await picture(page);
      await page.screenshot({ path: path.join(SHOTS, 'large-02-zoomed-out.png') });
      expect(far.labels.length).toBeGreaterThan(0);
      expect(far.labels.length).toBeLessThan(p.labels.length);
      expect(overlapping(far.labels)).toEqual([]);

      // Expanding the best connected actor adds its neighbours around it and moves nothing else.
      const before = await page.evaluate(() => {
        const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
        cy.fit(undefined, 40);
        const hub = cy.nodes('[type = "ACTOR"]').max((n) => Number(n.data('degree'))).ele;
        hub.emit('dbltap');
        return { hub: hub.id(), count: cy.nodes().length, positions: Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()])) };
      });
      await page.waitForFunction(() => location.search.includes('expand='), undefined, { timeout: 30_000 });
      await page.waitForTimeout(1500);
      const after = await page.evaluate(() => {
        const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
        return Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()]));
      });
      await page.screenshot({ path: path.join(SHOTS, 'large-03-expanded.png') });
      expect(Object.keys(after).length).toBeGreaterThan(before.count);
      const moved = Object.entries(before.positions).filter(([id, p]) => after[id] && Math.hypot(after[id]!.x - p.x, after[id]!.y - p.y) > 1);
      expect(moved.map(([id]) => id), 'nodes shown before the expansion stay put').toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
