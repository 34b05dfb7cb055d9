// The explorer walk-through the end-to-end test runs against a real server seeded with the
// sample article: search, details with evidence, expand, filter, time slider, paths, ingest.
// Kept apart from the test file so it can also be pointed at a running server by hand.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface FlowOptions {
  baseUrl: string;
  ingestToken: string;
  /** A small article whose actors are not in the graph yet. */
  article: { title: string; source: string; publishedAt: string; text: string };
  /** Names the extractor should find in that article. */
  expectNewActors: string[];
  screenshotDir: string;
}

interface CyNode {
  id: string;
  label: string;
  type: string;
  shown: boolean;
}

async function nodesInView(page: Page): Promise<CyNode[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
    return cy.nodes().map((n) => ({ id: n.id(), label: String(n.data('label')), type: String(n.data('type')), shown: !n.hasClass('filtered') }));
  });
}

async function waitForNode(page: Page, pattern: RegExp, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (source) => {
      const cy = (window as unknown as { newsGraph?: { cy: import('cytoscape').Core } }).newsGraph?.cy;
      const re = new RegExp(source, 'i');
      return Boolean(cy?.nodes().some((n) => re.test(String(n.data('label')))));
    },
    pattern.source,
    { timeout },
  );
}

async function choose(page: Page, query: string, pattern: RegExp): Promise<void> {
  await page.locator('#search').fill('');
  await page.locator('#search').pressSequentially(query);
  const option = page.locator('#search-results .option', { hasText: pattern }).first();
  await option.waitFor({ timeout: 10_000 });
  await option.click();
}

export async function runExplorerFlow(browser: Browser, o: FlowOptions): Promise<void> {
  await mkdir(o.screenshotDir, { recursive: true });
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(o.screenshotDir, `${name}.png`) });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  try {
    // First view: the overview, laid out, no loading or error card.
    await page.goto(o.baseUrl);
    await page.locator('#overlay').waitFor({ state: 'hidden', timeout: 30_000 });
    await page.waitForFunction(() => /\d+ nodes/.test(document.getElementById('status')?.textContent ?? ''));
    assert.ok((await nodesInView(page)).length > 0, 'the overview shows nodes');
    await shot(page, '01-overview');

    // Search "Xi", pick Xi Jinping: details with his events and the evidence sentence.
    await page.keyboard.press('/');
    await page.keyboard.type('Xi');
    const xi = page.locator('#search-results .option', { hasText: /Xi Jinping/ }).first();
    await xi.waitFor({ timeout: 10_000 });
    await shot(page, '02-search-suggestions');
    await xi.click();
    await page.locator('#details-title', { hasText: 'Xi Jinping' }).waitFor();
    const evidence = page.locator('#evidence-panel blockquote', { hasText: /Lighthizer/ }).first();
    await evidence.waitFor({ timeout: 10_000 });
    const sentence = (await evidence.textContent()) ?? '';
    assert.match(sentence, /Mnuchin/, 'the Beijing meeting sentence names Mnuchin too');
    assert.ok(await evidence.locator('mark', { hasText: /Xi/ }).count(), "Xi's name is highlighted in the sentence");
    await page.locator('#evidence-panel .cite', { hasText: /Los Angeles Times/ }).first().waitFor();
    await shot(page, '03-details-evidence');

    // Expand: Lighthizer and Mnuchin come into view through the Beijing talks.
    const before = (await nodesInView(page)).length;
    await page.click('#expand-node');
    // Expansion is asynchronous; the URL records it once the neighbours are merged in.
    await page.waitForFunction(() => location.search.includes('expand='), undefined, { timeout: 20_000 });
    await waitForNode(page, /Lighthizer/);
    await waitForNode(page, /Mnuchin/);
    assert.ok((await nodesInView(page)).length >= before, 'expanding keeps what was shown');
    assert.match(page.url(), /expand=/, 'the expansion is in the URL');
    await page.waitForTimeout(800);
    await shot(page, '04-expanded');

    // Filter by type: events disappear and the URL says so.
    await page.locator('input[name="type-EVENT"]').uncheck();
    assert.equal((await nodesInView(page)).filter((n) => n.type === 'EVENT' && n.shown).length, 0, 'no event is shown');
    assert.match(page.url(), /notype=EVENT/);
    await shot(page, '05-filter-no-events');
    await page.locator('input[name="type-EVENT"]').check();

    // Time slider: pull the upper bound to the first month; later events are filtered out.
    const months = Number(await page.locator('#time-to').getAttribute('max'));
    if (months > 0) {
      await page.locator('#time-to').fill('0');
      assert.match(page.url(), /to=\d{4}-\d{2}/, 'the time range is in the URL');
      await shot(page, '06-time-range');
      await page.click('button:has-text("All time")');
    }

    // Connect Meng Wanzhou and Donald Trump: shortest paths are listed and lit up.
    await choose(page, 'Meng', /Meng/);
    await page.locator('#details-title', { hasText: /Meng/ }).waitFor();
    await page.click('#connect-node');
    await choose(page, 'Trump', /Trump/);
    await page.locator('#paths-result').waitFor({ timeout: 20_000 });
    const lit = await page.evaluate(() => (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy.edges('.path').length);
    assert.ok(lit > 0, 'a path between Meng Wanzhou and Donald Trump is highlighted');
    await page.waitForTimeout(600);
    await shot(page, '07-path-meng-trump');

    // Ingest a small article: its actors appear (through the subscription and the focus).
    await page.keyboard.press('Escape');
    await page.click('#add-article');
    await page.fill('#ingest-body', o.article.text);
    await page.fill('#ingest-title-input', o.article.title);
    await page.fill('#ingest-source', o.article.source);
    await page.fill('#ingest-date', o.article.publishedAt);
    await page.fill('#ingest-token', o.ingestToken);
    await page.click('#ingest-submit');
    await page.locator('#ingest-status.ok').waitFor({ timeout: 60_000 });
    await shot(page, '08-ingest-dialog');
    await page.click('#ingest-cancel');
    for (const name of o.expectNewActors) await waitForNode(page, new RegExp(name), 30_000);
    await page.waitForTimeout(800);
    await shot(page, '09-after-ingest');
    // The article's markup is shown as the text it is, in the evidence and in its citation.
    await choose(page, o.expectNewActors[0]!.split(' ').pop()!, new RegExp(o.expectNewActors[0]!));
    const quoted = page.locator('#evidence-panel blockquote', { hasText: '<script>' }).first();
    await quoted.waitFor({ timeout: 10_000 });
    assert.equal(await quoted.locator('script, img').count(), 0, 'no element was made from article text');
    assert.ok(await page.locator('#evidence-panel', { hasText: '<img src=x' }).count(), 'the markup in the text is shown literally');
    await shot(page, '10-markup-shown-as-text');
    assert.equal(await page.evaluate(() => (window as unknown as { xssFired?: boolean }).xssFired ?? false), false, 'article markup never runs');
    assert.deepEqual(errors, [], 'no page errors');
  } finally {
    await page.close();
  }
}
