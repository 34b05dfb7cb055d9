// What the map test reads off the page: the markers drawn (with the countries whose outline holds
// each), what the graph canvas shows, and the check that the two agree.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import countries from 'world-countries/countries.json' with { type: 'json' };

/** The markers drawn, and for each the countries whose outline holds its point. */
export async function markers(page: Page, numericCodes: string[]): Promise<{ id: string; type: string; lat: number; lon: number; articles: number; within: string[] }[]> {
  return page.evaluate((codes) => {
    const svgEl = document.querySelector<SVGSVGElement>('#map svg')!;
    return [...document.querySelectorAll<SVGGElement>('#map .marker')].map((m) => {
      const point = svgEl.createSVGPoint();
      point.x = Number(m.dataset.ax);
      point.y = Number(m.dataset.ay);
      const within = codes.filter((c) => [...document.querySelectorAll<SVGPathElement>(`#map path[data-country="${c}"]`)].some((p) => p.isPointInFill(point)));
      return { id: m.dataset.id!, type: m.dataset.type!, lat: Number(m.dataset.lat), lon: Number(m.dataset.lon), articles: Number(m.dataset.articles), within };
    });
  }, numericCodes);
}

/** The places and events the graph canvas shows (not filtered out), with coordinates or not. */
export function graphShown(page: Page): Promise<{ id: string; located: boolean }[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy;
    return cy
      .nodes()
      .filter((n) => !n.hasClass('filtered') && ['PLACE', 'EVENT'].includes(String(n.data('type'))))
      .map((n) => ({ id: n.id(), located: typeof n.data('lat') === 'number' }));
  });
}

export function graphIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { newsGraph: { cy: import('cytoscape').Core } }).newsGraph.cy.nodes().map((n) => n.id()));
}

/** On the map, what is on the graph shows exactly where the graph shows it (and has coordinates). */
export async function expectMapMatchesGraph(page: Page, what: string): Promise<void> {
  const onGraph = new Set(await graphIds(page));
  const shown = (await graphShown(page)).filter((n) => n.located).map((n) => n.id).sort();
  const drawn = await page.evaluate(() => [...document.querySelectorAll<SVGGElement>('#map .marker')].map((m) => m.dataset.id!));
  expect(drawn.filter((id) => onGraph.has(id)).sort(), what).toEqual(shown);
}

export const numericOf = (alpha2: string) => countries.find((c) => c.cca2 === alpha2)?.ccn3;
