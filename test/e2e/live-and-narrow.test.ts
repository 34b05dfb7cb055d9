// The explorer's "finished feel" end to end, against the real server (server/main.ts serving the
// built web view) over the test database seeded with the sample, in Debian's Chromium: live
// updates reach a second open view and leave it again on removal, the page works on a phone-sized
// screen, a lost database shows an error that says so, and the keyboard and labels work.
// The server reaches Neo4j through a TCP proxy so the database can be cut without touching it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { startFaultProxy, type FaultProxy } from '../integration/fault-proxy.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { launchChromium } from './explorer-flow.js';
import { startServer, type RunningServer } from '../helpers/process.js';

const TOKEN = 'e2e-live-token-0123456789abcdef';
const prefix = uniquePrefix('e2e-live');
const sampleId = `${prefix}-sample`;
const SHOTS = path.join(PROJECT_ROOT, 'test-results', 'e2e');

// Invented surnames, unique to this run, so the article's people exist only through it.
const tag = Math.random().toString(36).replace(/[^a-z]/g, '').padEnd(4, 'q').slice(0, 4);
const president = `Taneti Qorv${tag}`;
const visitor = `Baron Zend${tag}`;
const liveArticle = {
  title: `Kiribati and Nauru sign a shipping accord ${prefix}`,
  source: 'Pacific Wire',
  publishedAt: '2019-03-02',
  text:
    `Kiribati and Nauru signed a shipping accord in Tarawa on Friday. ` +
    `Kiribati President ${president} said the accord would lower freight costs. ` +
    `Nauru President ${visitor} met Qorv${tag} after the signing. ` +
    `Chinese President Xi Jinping welcomed the accord.\n`,
};

// Another one, added and removed while a view has lost its live connection.
const offlineArticle = {
  id: `${prefix}-offline`,
  title: `Tonga and Samoa open a ferry route ${prefix}`,
  text:
    `Tonga and Samoa opened a ferry route in Apia on Monday. ` +
    `Tonga Prime Minister Akilisi Pohv${tag} said the route would help traders. ` +
    `Samoa Prime Minister Tuila Mavx${tag} met Pohv${tag} at the port.\n`,
};
const offlinePeople = [`Akilisi Pohv${tag}`, `Tuila Mavx${tag}`];

// The id the server derives for it (the dialog sends none), so the test can remove it.
const liveId = prepareArticle(
  { text: liveArticle.text, meta: { title: liveArticle.title, source: liveArticle.source, publishedAt: liveArticle.publishedAt }, origin: 'input' },
  { maxBytes: 2_000_000 },
).id;

let db: Db;
let proxy: FaultProxy;
let server: RunningServer;
let baseUrl: string;
let browser: Browser;


async function gql<T>(query: string, variables: Record<string, unknown> = {}, auth = false): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}


interface ViewNode {
  id: string;
  label: string;
}

function labelsIn(page: Page): Promise<ViewNode[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
    return cy.nodes().map((n) => ({ id: n.id(), label: String(n.data('label')) }));
  });
}

function waitForLabel(page: Page, text: string, present: boolean, timeout = 20_000): Promise<unknown> {
  return page.waitForFunction(
    ([t, want]) => {
      const cy = (window as unknown as { newsGraph?: { cy: import('cytoscape').Core } }).newsGraph?.cy;
      if (!cy) return false;
      return cy.nodes().some((n) => String(n.data('label')) === t) === want;
    },
    [text, present] as const,
    { timeout },
  );
}

async function openExplorer(width: number, height: number, url = baseUrl): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('#overlay').waitFor({ state: 'hidden', timeout: 30_000 });
  await page.waitForFunction(() => /\d+ nodes/.test(document.getElementById('status')?.textContent ?? ''));
  return { page, errors };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const config = testConfig();
  db = openTestDb();
  const sampleText = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
  const sampleMeta = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.meta.json'), 'utf8')) as Record<string, string>;
  await ingestArticleInput(db, { id: sampleId, text: sampleText, meta: { ...sampleMeta, language: 'en' }, origin: 'e2e' }, { extractor: getExtractor('rules', config) });

  const build = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);

  const target = new URL(config.neo4j.uri.replace(/^[a-z+]+:/, 'http:'));
  proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 7687) });
  server = await startServer({ NEO4J_URI: proxy.uri, INGEST_TOKEN: TOKEN });
  baseUrl = server.baseUrl;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  proxy?.restore();
  await server?.stop();
  await proxy?.close();
  if (db) {
    await removeArticle(db, liveId);
    await removeArticle(db, offlineArticle.id);
    await removeArticle(db, sampleId);
    await closeDb(db);
  }
});

describe('web explorer: live updates, narrow screens, errors and keyboard', () => {
  it(
    'an article added in one view appears in another open view with a notice, and its removal takes away what only it supported',
    async () => {
      const a = await openExplorer(1280, 800);
      const b = await openExplorer(1280, 800);
      await b.page.locator('#live.on').waitFor({ timeout: 15_000 });

      // View A adds the article through its dialog.
      await a.page.click('#add-article');
      await a.page.fill('#ingest-body', liveArticle.text);
      await a.page.fill('#ingest-title-input', liveArticle.title);
      await a.page.fill('#ingest-source', liveArticle.source);
      await a.page.fill('#ingest-date', liveArticle.publishedAt);
      await a.page.fill('#ingest-token', TOKEN);
      await a.page.click('#ingest-submit');
      await a.page.locator('#ingest-status.ok').waitFor({ timeout: 60_000 });
      await a.page.click('#ingest-cancel');

      // View B, never reloaded, shows the article's people and says what happened.
      await waitForLabel(b.page, president, true);
      await waitForLabel(b.page, visitor, true);
      await b.page.locator('#toasts .toast', { hasText: liveArticle.title }).first().waitFor({ timeout: 5_000 });
      await b.page.waitForTimeout(800);
      await shot(b.page, 'live-01-second-view-after-ingest');

      // Xi Jinping is also in the sample: he must stay when the article goes.
      const before = await labelsIn(b.page);
      expect(before.map((n) => n.label), 'the article brought Xi Jinping into view B').toContain('Xi Jinping');

      const removed = await gql<{ removeArticle: { removed: boolean } }>(
        'mutation($id: ID!) { removeArticle(id: $id) { removed } }',
        { id: liveId },
        true,
      );
      expect(removed.removeArticle.removed).toBe(true);
      await waitForLabel(b.page, president, false);
      await waitForLabel(b.page, visitor, false);
      await b.page.locator('#toasts .toast', { hasText: /removed/i }).first().waitFor({ timeout: 5_000 });
      const after = await labelsIn(b.page);
      expect(after.map((n) => n.label)).toContain('Xi Jinping');
      // Every node still shown exists in the graph.
      for (const n of after.filter((x) => before.some((y) => y.id === x.id))) {
        const { node } = await gql<{ node: { id: string } | null }>('query($id: ID!) { node(id: $id) { id } }', { id: n.id });
        expect(node, `${n.label} is still in the graph`).not.toBeNull();
      }
      await shot(b.page, 'live-02-second-view-after-removal');
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      await a.page.close();
      await b.page.close();
    },
    180_000,
  );

  it(
    'a view that lost its live connection catches up on what was added and removed meanwhile once it is back',
    async () => {
      // The browser reaches the server through a TCP proxy that can cut its connections.
      const port = Number(new URL(baseUrl).port);
      const web = await startFaultProxy({ host: '127.0.0.1', port });
      const { page, errors } = await openExplorer(1280, 800, `http://127.0.0.1:${web.port}`);
      const context = { setOffline: async (off: boolean) => (off ? web.cut() : web.restore()) };
      await page.locator('#live.on').waitFor({ timeout: 15_000 });
      await context.setOffline(true);
      await page.locator('#live:not(.on)').waitFor({ timeout: 15_000 });

      const ingest = await gql<{ ingestArticle: { outcome: string } }>(
        'mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome } }',
        { input: { id: offlineArticle.id, title: offlineArticle.title, text: offlineArticle.text, source: 'Pacific Wire', publishedAt: '2019-03-04' } },
        true,
      );
      expect(ingest.ingestArticle.outcome).toBe('NEW');
      await page.waitForTimeout(500);
      for (const name of offlinePeople) await waitForLabel(page, name, false, 1000);

      await context.setOffline(false);
      await page.locator('#live.on').waitFor({ timeout: 20_000 });
      for (const name of offlinePeople) await waitForLabel(page, name, true);
      await page.locator('#toasts .toast', { hasText: offlineArticle.title }).first().waitFor({ timeout: 5_000 });
      await page.waitForTimeout(600);
      await shot(page, 'live-03-caught-up-after-reconnect');

      await context.setOffline(true);
      await page.locator('#live:not(.on)').waitFor({ timeout: 15_000 });
      const removed = await gql<{ removeArticle: { removed: boolean } }>('mutation($id: ID!) { removeArticle(id: $id) { removed } }', { id: offlineArticle.id }, true);
      expect(removed.removeArticle.removed).toBe(true);
      await context.setOffline(false);
      await page.locator('#live.on').waitFor({ timeout: 20_000 });
      for (const name of offlinePeople) await waitForLabel(page, name, false, 30_000);
      expect(await labelsIn(page).then((ns) => ns.length)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
      await web.close();
    },
    180_000,
  );

  it(
    'on a 390×844 screen there is no horizontal scrolling, search and graph show, filters open from their button and details open and close',
    async () => {
      const { page, errors } = await openExplorer(390, 844);
      await page.waitForTimeout(600);
      await shot(page, 'narrow-01-overview');
      const overflow = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.inner);
      // Nothing in the bars is cut off at the right edge either (the body clips overflow).
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('.topbar *, .toolbar *')]
          .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(clipped).toEqual([]);

      const inViewport = async (selector: string) => {
        const box = await page.locator(selector).boundingBox();
        return Boolean(box && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= 390 + 0.5 && box.y < 844);
      };
      expect(await page.locator('#search').isVisible()).toBe(true);
      expect(await inViewport('#search')).toBe(true);
      expect(await inViewport('#cy')).toBe(true);
      const cyBox = (await page.locator('#cy').boundingBox())!;
      expect(cyBox.height).toBeGreaterThan(300);

      // Filters: hidden at first, the toggle shows them, the toggle hides them again.
      expect(await page.locator('#sidebar').isVisible()).toBe(false);
      await page.click('#toggle-filters');
      await page.waitForTimeout(400);
      expect(await page.locator('#sidebar').isVisible()).toBe(true);
      expect(await inViewport('#sidebar')).toBe(true);
      expect(await page.locator('#toggle-filters').getAttribute('aria-expanded')).toBe('true');
      await shot(page, 'narrow-02-filters-open');
      await page.locator('#sidebar input[type="checkbox"]').first().click();
      await page.locator('#sidebar input[type="checkbox"]').first().click();
      // Share and export, hidden from the narrow top bar, are at the end of the drawer.
      const png = page.locator('#sidebar button', { hasText: 'Download PNG' });
      await png.scrollIntoViewIfNeeded();
      expect(await png.isVisible()).toBe(true);
      expect(await inViewport('#sidebar button:has-text("Download PNG")')).toBe(true);
      const download = page.waitForEvent('download', { timeout: 10_000 });
      await png.click();
      expect((await download).suggestedFilename()).toBe('news-graph.png');
      await shot(page, 'narrow-02b-drawer-end');
      await page.click('#toggle-filters');
      await page.waitForTimeout(400);
      expect(await page.locator('#sidebar').isVisible()).toBe(false);

      // Click a node on the canvas: the details panel opens over the graph and closes again.
      const point = await page.evaluate(() => {
        const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
        const rect = cy.container()!.getBoundingClientRect();
        const inside = cy.nodes(':visible').filter((n) => {
          const p = n.renderedPosition();
          return p.x > 20 && p.y > 20 && p.x < rect.width - 20 && p.y < rect.height * 0.4;
        });
        const n = (inside.length ? inside : cy.nodes(':visible')).first();
        if (inside.length === 0) cy.center(n);
        const p = n.renderedPosition();
        return { x: rect.left + p.x, y: rect.top + p.y, label: String(n.data('label')) };
      });
      await page.mouse.click(point.x, point.y);
      await page.locator('#details').waitFor({ state: 'visible', timeout: 10_000 });
      await page.locator('#details-title').waitFor();
      await page.locator('#details .panel-body, #details section, #details p').first().waitFor({ timeout: 10_000 });
      expect(await inViewport('#details')).toBe(true);
      await page.waitForTimeout(500);
      await shot(page, 'narrow-03-details');
      const again = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
      expect(again.scroll).toBeLessThanOrEqual(again.inner);
      await page.locator('#details button[aria-label="Close details"]').first().click();
      await page.locator('#details').waitFor({ state: 'hidden' });

      // Search suggestions and the Add-article dialog fit the screen too.
      await page.locator('#search').pressSequentially('Xi');
      await page.locator('#search-results .option').first().waitFor({ timeout: 10_000 });
      expect(await inViewport('#search-results')).toBe(true);
      await shot(page, 'narrow-04-search');
      await page.keyboard.press('Escape');
      await page.click('#add-article');
      await page.locator('#ingest-dialog').waitFor({ state: 'visible' });
      expect(await inViewport('#ingest-dialog')).toBe(true);
      expect(await inViewport('#ingest-submit')).toBe(true);
      await shot(page, 'narrow-05-add-article');
      await page.click('#ingest-cancel');
      await page.locator('#ingest-dialog').waitFor({ state: 'hidden' });
      expect(errors).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it(
    '/ focuses the search box, Esc clears it, and every button, input and select has an accessible name',
    async () => {
      const { page, errors } = await openExplorer(1280, 800);
      // The drawer's copies of share and export belong to narrow screens only.
      expect(await page.locator('#sidebar button', { hasText: 'Download PNG' }).isVisible()).toBe(false);
      await page.locator('#cy').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
      await page.keyboard.type('Xi');
      await page.locator('#search-results .option').first().waitFor({ timeout: 10_000 });
      expect(await page.locator('#search').inputValue()).toBe('Xi');
      await page.keyboard.press('Escape');
      expect(await page.locator('#search').inputValue()).toBe('');
      expect(await page.locator('#search-results').isVisible()).toBe(false);

      // Open the panels that add controls, so their buttons are checked too.
      await page.keyboard.press('/');
      await page.keyboard.type('Xi');
      await page.locator('#search-results .option', { hasText: /Xi Jinping/ }).first().click();
      await page.locator('#details-title', { hasText: 'Xi Jinping' }).waitFor({ timeout: 10_000 });

      const unnamed = await page.locator('button, input, select, textarea').evaluateAll((els) =>
        els
          .map((el) => {
            const e = el as HTMLInputElement;
            const byIds = (e.getAttribute('aria-labelledby') ?? '')
              .split(/\s+/)
              .filter(Boolean)
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ');
            const fromLabels = [...(e.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
            const own = e.tagName === 'BUTTON' ? (e.textContent ?? '') : '';
            const name = [e.getAttribute('aria-label') ?? '', byIds, fromLabels, own, e.getAttribute('title') ?? ''].join(' ').trim();
            return name ? null : e.outerHTML.slice(0, 160);
          })
          .filter((x): x is string => x !== null),
      );
      expect(unnamed).toEqual([]);
      // Icon-only buttons say what they do, not just their symbol.
      expect(await page.locator('#toggle-filters').getAttribute('aria-label')).toMatch(/filter/i);
      expect(errors).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it(
    'when the database goes away the page says so instead of showing a blank graph or a spinner',
    async () => {
      proxy.cut();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(baseUrl);
        const card = page.locator('#overlay.error [role="alert"]');
        await card.waitFor({ timeout: 30_000 });
        const text = (await card.textContent()) ?? '';
        expect(text).toMatch(/database/i);
        expect(text).toMatch(/npm run db:start/);
        expect(await page.locator('#overlay.error button', { hasText: /try again/i }).isVisible()).toBe(true);
        await shot(page, 'db-down-01-error');

        // Once the database is back, "Try again" loads the graph without a reload.
        proxy.restore();
        await page.waitForTimeout(500);
        await page.locator('#overlay.error button', { hasText: /try again/i }).click();
        await page.locator('#overlay').waitFor({ state: 'hidden', timeout: 30_000 });
        await page.waitForFunction(() => /\d+ nodes/.test(document.getElementById('status')?.textContent ?? ''));
        await page.close();
      } finally {
        proxy.restore();
      }
    },
    120_000,
  );
});
