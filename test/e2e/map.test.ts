// The map mode end to end: the real server serving the built web view over the test database,
// seeded with the sample article through the real pipeline, in Debian's Chromium. The map is
// checked against GraphQL (where the sample's places and events are) and against the graph canvas
// (what the filters and the time range show), and its details and "Show on graph" against the graph.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { startServer, type RunningServer } from '../helpers/process.js';
import { launchChromium } from './explorer-flow.js';
import { expectMapMatchesGraph, graphIds, markers, numericOf } from './map-probe.js';

const prefix = uniquePrefix('e2e-map');
const sampleId = `${prefix}-sample`;
// A second report from Beijing, so marker sizes have article counts to differ by.
const followUp = {
  id: `${prefix}-follow-up`,
  text: 'Chinese and American trade negotiators met again in Beijing on Saturday. Chinese Vice Premier Liu He said the talks in Beijing had made progress.\n',
  meta: { title: `Talks in Beijing continue ${prefix}`, source: 'Wire', publishedAt: '2019-02-16', language: 'en' },
};
const SHOTS = path.join(PROJECT_ROOT, 'test-results', 'e2e');

let db: Db;
let server: RunningServer;
let baseUrl: string;
let browser: Browser;

interface Located {
  id: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
  articleCount: number;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

/** The sample's places and events as GraphQL has them; an event's country is its place's. */
async function sampleLocations(): Promise<{ places: Located[]; events: Located[] }> {
  const data = await gql<{
    places: { edges: { node: Located }[] };
    events: { edges: { node: Omit<Located, 'countryCode'> & { places: { countryCode: string | null }[] } }[] };
  }>(
    `query($a: ID!) {
      places(filter: { article: $a }, first: 100) { edges { node { id name latitude longitude countryCode articleCount } } }
      events(filter: { article: $a }, first: 100) { edges { node { id name latitude longitude articleCount places { countryCode } } } }
    }`,
    { a: sampleId },
  );
  return {
    places: data.places.edges.map((e) => e.node),
    events: data.events.edges.map(({ node: { places, ...e } }) => ({ ...e, countryCode: places.find((p) => p.countryCode)?.countryCode ?? null })),
  };
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const config = testConfig();
  db = openTestDb();
  const sampleText = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
  const sampleMeta = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.meta.json'), 'utf8')) as Record<string, string>;
  await ingestArticleInput(db, { id: sampleId, text: sampleText, meta: { ...sampleMeta, language: 'en' }, origin: 'e2e' }, { extractor: getExtractor('rules', config) });
  await ingestArticleInput(db, { ...followUp, origin: 'e2e' }, { extractor: getExtractor('rules', config) });
  const build = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  server = await startServer({ NEO4J_URI: config.neo4j.uri });
  baseUrl = server.baseUrl;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (db) {
    await removeArticle(db, followUp.id);
    await removeArticle(db, sampleId);
    await closeDb(db);
  }
});

describe('web explorer: the map', () => {
  it(
    "draws the world offline with the sample's places and events at their coordinates, follows the graph's filters and time range, and keeps the selection on the way back to the graph",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      const requested: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(baseUrl);
      await page.locator('#overlay').waitFor({ state: 'hidden', timeout: 30_000 });
      await page.waitForFunction(() => /\d+ nodes/.test(document.getElementById('status')?.textContent ?? ''));

      // The toggle: the world is drawn from the bundle, and nothing is fetched from elsewhere.
      await page.click('#mode-map');
      await page.locator('#map svg').waitFor();
      await page.waitForFunction(() => /on the map/.test(document.getElementById('status')?.textContent ?? ''));
      expect(await page.locator('#map path.country').count()).toBeGreaterThan(170);
      expect(await page.locator('#cy').evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
      expect(page.url()).toMatch(/view=map/);
      const origin = new URL(baseUrl).origin;
      expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), 'no request leaves the server').toEqual([]);

      // The sample's places and events with coordinates are markers there, inside their country.
      const { places, events } = await sampleLocations();
      const located = [...places, ...events].filter((p) => p.latitude !== null && p.longitude !== null);
      expect(places.filter((p) => p.latitude !== null).length, 'the gazetteer placed the sample places').toBeGreaterThanOrEqual(3);
      expect(events.filter((e) => e.latitude !== null).length, 'events carry their place\'s coordinates').toBeGreaterThanOrEqual(2);
      const onGraph = new Set(await graphIds(page));
      const codes = [...new Set(located.map((p) => (p.countryCode ? numericOf(p.countryCode) : undefined)).filter((c): c is string => Boolean(c)))];
      const drawn = new Map((await markers(page, codes)).map((m) => [m.id, m]));
      for (const p of located) {
        // Places are on the map whether or not the graph has loaded them; events as on the graph.
        if (!places.includes(p) && !onGraph.has(p.id)) continue;
        const m = drawn.get(p.id);
        expect(m, `${p.name} is a marker`).toBeDefined();
        expect(m!.lat).toBeCloseTo(p.latitude!, 6);
        expect(m!.lon).toBeCloseTo(p.longitude!, 6);
        expect(m!.articles, `${p.name} is sized by its articles`).toBe(p.articleCount);
        const country = p.countryCode ? numericOf(p.countryCode) : undefined;
        // Seas and points off the coarse coastline hold no country.
        if (country && !/sea|ocean|gulf/i.test(p.name)) expect(m!.within, `${p.name} lies in ${p.countryCode}`).toContain(country);
      }
      await expectMapMatchesGraph(page, 'unfiltered');
      // Beijing, in both articles, is drawn larger than Washington, in one.
      const beijing = places.find((p) => p.name === 'Beijing')!;
      const washington = places.find((p) => p.name === 'Washington')!;
      expect([beijing.articleCount, washington.articleCount]).toEqual([2, 1]);
      const size = (id: string) => page.locator(`#map .marker[data-id="${id}"] .shape`).evaluate((el) => el.getBoundingClientRect().width);
      expect(await size(beijing.id)).toBeGreaterThan((await size(washington.id)) + 2);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, 'map-01-world.png') });

      // The same filters: no places, then one event type off, then an early time range.
      await page.locator('input[name="type-PLACE"]').uncheck();
      expect(await page.locator('#map .marker[data-type="PLACE"]').count()).toBe(0);
      await expectMapMatchesGraph(page, 'places off');
      await page.locator('input[name="type-PLACE"]').check();
      const eventType = await page.locator('input[name^="event-"]').first().getAttribute('name');
      await page.locator(`input[name="${eventType}"]`).uncheck();
      await expectMapMatchesGraph(page, `${eventType} off`);
      await page.locator(`input[name="${eventType}"]`).check();
      const lastMonth = Number(await page.locator('#time-to').getAttribute('max'));
      expect(lastMonth, 'the sample spans several months').toBeGreaterThan(1);
      const eventsBefore = await page.locator('#map .marker[data-type="EVENT"]').count();
      await page.locator('#time-to').fill(String(Math.floor(lastMonth / 2)));
      expect(page.url()).toMatch(/to=\d{4}-\d{2}/);
      await expectMapMatchesGraph(page, 'time range');
      expect(await page.locator('#map .marker[data-type="EVENT"]').count(), 'the time range hides later events').toBeLessThan(eventsBefore);
      await page.click('button:has-text("All time")');
      await expectMapMatchesGraph(page, 'all time again');

      // Click a marker: the same details panel as on the graph, with "Show on graph".
      const event = located.find((e) => events.includes(e) && onGraph.has(e.id))!;
      expect(event, 'an event on the graph has coordinates').toBeDefined();
      await page.locator(`#map .marker[data-id="${event.id}"] .shape`).click();
      await page.locator('#details-title', { hasText: event.name }).waitFor({ timeout: 10_000 });
      await page.locator('#evidence-panel blockquote').first().waitFor({ timeout: 10_000 });
      expect(await page.locator(`#map .marker.chosen[data-id="${event.id}"]`).count()).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, 'map-02-details.png') });

      await page.locator('#show-on-graph').click();
      await page.waitForFunction(() => !document.body.classList.contains('map-mode'));
      expect(await page.locator('#map').isHidden()).toBe(true);
      expect(await page.locator('#mode-graph').getAttribute('aria-pressed')).toBe('true');
      const chosen = await page.evaluate(() => (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy.nodes('.chosen').map((n) => n.id()));
      expect(chosen).toEqual([event.id]);
      await page.locator('#details-title', { hasText: event.name }).waitFor();
      expect(new URL(page.url()).searchParams.get('node')).toBe(event.id);
      expect(page.url()).not.toMatch(/view=map/);
      await page.screenshot({ path: path.join(SHOTS, 'map-03-back-on-graph.png') });

      // And back: "Show on map" zooms to the event, still selected, its marker the same size on screen.
      const shapeWidth = () => page.locator(`#map .marker[data-id="${event.id}"] .shape`).evaluate((el) => el.getBoundingClientRect().width);
      const viewBox = () => page.locator('#map svg').evaluate((el) => el.getAttribute('viewBox')!.split(' ').map(Number));
      await page.locator('#show-on-map').click();
      await page.waitForFunction(() => document.body.classList.contains('map-mode'));
      await page.locator(`#map .marker.chosen[data-id="${event.id}"]`).waitFor();
      const [x, y, w, h] = await viewBox();
      expect(w, 'zoomed in').toBeLessThan(960 / 4);
      const anchor = drawn.get(event.id)!;
      const [ax, ay] = await page.locator(`#map .marker[data-id="${event.id}"]`).evaluate((el) => [Number((el as SVGGElement).dataset.ax), Number((el as SVGGElement).dataset.ay)]);
      expect(ax).toBeGreaterThan(x!);
      expect(ax).toBeLessThan(x! + w!);
      expect(ay).toBeGreaterThan(y!);
      expect(ay).toBeLessThan(y! + h!);
      expect(anchor.lat).toBeCloseTo(event.latitude!, 6);
      await page.screenshot({ path: path.join(SHOTS, 'map-05-show-on-map.png') });
      const zoomedWidth = await shapeWidth();
      await page.click('#world');
      expect((await viewBox())[2]).toBe(960);
      expect(Math.abs((await shapeWidth()) - zoomedWidth), 'markers keep their size on screen').toBeLessThan(0.5);
      // The wheel zooms about the pointer: Beijing stays under it. A drag pans and keeps the selection.
      const centre = async (id: string) => {
        const r = (await page.locator(`#map .marker[data-id="${id}"] .shape`).boundingBox())!;
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      };
      const before = await centre(beijing.id);
      await page.mouse.move(before.x, before.y);
      await page.mouse.wheel(0, -500);
      await page.waitForFunction(() => Number(document.querySelector('#map svg')!.getAttribute('viewBox')!.split(' ')[2]) < 960);
      const after = await centre(beijing.id);
      expect(Math.hypot(after.x - before.x, after.y - before.y), 'Beijing stays under the pointer').toBeLessThan(3);
      const [panX] = await viewBox();
      await page.mouse.move(before.x, before.y + 150);
      await page.mouse.down();
      await page.mouse.move(before.x + 120, before.y + 160, { steps: 5 });
      await page.mouse.up();
      expect((await viewBox())[0], 'the drag panned the map').toBeLessThan(panX!);
      expect(await page.locator(`#map .marker.chosen[data-id="${event.id}"]`).count(), 'a drag is not a click on the background').toBe(1);
      await page.click('#fit');
      const [fx, fy, fw, fh] = await viewBox();
      const anchors = await page.evaluate(() => [...document.querySelectorAll<SVGGElement>('#map .marker')].map((m) => [Number(m.dataset.ax), Number(m.dataset.ay)] as const));
      for (const [px, py] of anchors) {
        expect(px >= fx! && px <= fx! + fw! && py >= fy! && py <= fy! + fh!, 'Fit frames every marker').toBe(true);
      }
      expect(errors).toEqual([]);
      await page.close();
    },
    180_000,
  );

  it(
    'opens from a shared link on a phone-sized screen, with the view switch clear of the tools and no horizontal scrolling',
    async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/?view=map`);
      await page.locator('#overlay').waitFor({ state: 'hidden', timeout: 30_000 });
      await page.waitForFunction(() => /on the map/.test(document.getElementById('status')?.textContent ?? ''));
      await page.locator('#map .marker').first().waitFor();
      expect(await page.locator('#mode-map').getAttribute('aria-pressed')).toBe('true');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const switchBox = (await page.locator('.mode-switch').boundingBox())!;
      for (const tool of await page.locator('.toolbar button:visible').all()) {
        const b = (await tool.boundingBox())!;
        const apart = b.x + b.width <= switchBox.x || switchBox.x + switchBox.width <= b.x || b.y + b.height <= switchBox.y || switchBox.y + switchBox.height <= b.y;
        expect(apart, `${await tool.textContent()} is clear of the view switch`).toBe(true);
      }
      await page.screenshot({ path: path.join(SHOTS, 'map-04-narrow.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );
});
