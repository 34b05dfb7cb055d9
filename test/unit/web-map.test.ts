// The map's pure parts: the projection and the bundled countries, which graph nodes become
// markers under the view's filters, their sizes, and the zoom box arithmetic.
import { describe, expect, it } from 'vitest';
import { CHAR_WIDTH, placeLabels, type LabelCandidate } from '../../web/src/map-labels.js';
import { describePicture, mapPicture, markerRadius, MARKER_RADIUS } from '../../web/src/map-markers.js';
import { MAP_SIZE, project, unproject, worldGeometry } from '../../web/src/map-projection.js';
import { boxAround, clampBox, MAX_ZOOM, WORLD, zoomAbout } from '../../web/src/map-zoom.js';
import type { EdgeData, NodeData } from '../../web/src/to-elements.js';
import { defaultFilters, emptyGraph, mergeGraph } from '../../web/src/view-state.js';

const node = (id: string, type: NodeData['type'], extra: Partial<NodeData> = {}): NodeData => ({ id, label: id, type, degree: 1, ...extra });
const edge = (id: string, source: string, target: string, type = 'RELATED_TO'): EdgeData => ({
  id, source, target, type, label: type.toLowerCase(), evidenceCount: 1, articleCount: 1, sources: [], confidence: 0.5, family: 'fact',
});

// Beijing and Washington as the gazetteer (GeoNames) places them.
const BEIJING = { lat: 39.9075, lon: 116.39723 };
const WASHINGTON = { lat: 38.89511, lon: -77.03637 };

const graph = mergeGraph(emptyGraph(), {
  nodes: [
    node('xi', 'ACTOR', { kind: 'PERSON' }),
    node('tariffs', 'ISSUE'),
    node('place:beijing', 'PLACE', { ...BEIJING, articleCount: 4 }),
    node('event:talks', 'EVENT', { ...BEIJING, eventType: 'MEETING', date: '2019-02-15', articleCount: 4 }),
    node('event:visit', 'EVENT', { ...BEIJING, eventType: 'VISIT', date: '2019-01-10', articleCount: 1 }),
    node('event:deadline', 'EVENT', { ...WASHINGTON, eventType: 'DEADLINE', date: '2019-03-01', articleCount: 2 }),
    node('event:nowhere', 'EVENT', { eventType: 'STATEMENT', date: '2019-02-15', articleCount: 1 }),
  ],
  edges: [edge('e1', 'event:talks', 'tariffs', 'CONCERNS'), edge('e2', 'xi', 'event:talks', 'PARTICIPATED_IN'), edge('e3', 'event:talks', 'place:beijing', 'AT')],
}).graph;

const ids = (p: ReturnType<typeof mapPicture>) => p.markers.map((m) => m.id).sort();

describe('map projection', () => {
  it('puts the east to the right of the west and the north above the south', () => {
    const beijing = project(BEIJING.lon, BEIJING.lat)!;
    const washington = project(WASHINGTON.lon, WASHINGTON.lat)!;
    const sydney = project(151.2, -33.87)!;
    expect(beijing[0]).toBeGreaterThan(washington[0]);
    expect(sydney[1]).toBeGreaterThan(beijing[1]);
    for (const [x, y] of [beijing, washington, sydney]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_SIZE.width);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_SIZE.height);
    }
  });

  it('inverts its own projection and refuses positions that are not on Earth', () => {
    const [x, y] = project(BEIJING.lon, BEIJING.lat)!;
    const [lon, lat] = unproject(x, y)!;
    expect(lon).toBeCloseTo(BEIJING.lon, 6);
    expect(lat).toBeCloseTo(BEIJING.lat, 6);
    expect(project(200, 10)).toBeNull();
    expect(project(10, -91)).toBeNull();
    expect(project(Number.NaN, 0)).toBeNull();
  });

  it('draws every country of the bundled Natural Earth map, keyed by ISO numeric code', () => {
    const world = worldGeometry();
    expect(world.countries.length).toBeGreaterThan(170);
    const china = world.countries.find((c) => c.id === '156');
    expect(china?.name).toBe('China');
    expect(china?.d.length).toBeGreaterThan(100);
    expect(world.sphere).toMatch(/^M/);
  });
});

describe('map markers', () => {
  it('are the places and events the graph shows that have coordinates; the others are counted, not drawn', () => {
    const p = mapPicture(graph, [], defaultFilters(), new Set());
    expect(ids(p)).toEqual(['event:deadline', 'event:talks', 'event:visit', 'place:beijing']);
    expect(p.unplaced).toBe(1);
    expect(describePicture(p)).toBe('1 place, 3 events on the map · 1 without coordinates');
    const beijing = p.markers.find((m) => m.id === 'place:beijing')!;
    const at = project(BEIJING.lon, BEIJING.lat)!;
    expect([beijing.ax, beijing.ay]).toEqual(at);
    expect(beijing).toMatchObject({ lat: BEIJING.lat, lon: BEIJING.lon, type: 'PLACE', articleCount: 4 });
  });

  it('follow the graph view’s filters: types, event types, the time range, an issue and hidden nodes', () => {
    const noPlaces = mapPicture(graph, [], { ...defaultFilters(), hiddenTypes: ['PLACE'] }, new Set());
    expect(ids(noPlaces)).toEqual(['event:deadline', 'event:talks', 'event:visit']);
    const february = mapPicture(graph, [], { ...defaultFilters(), from: '2019-02', to: '2019-02' }, new Set());
    expect(ids(february)).toEqual(['event:talks', 'place:beijing']);
    const noMeetings = mapPicture(graph, [], { ...defaultFilters(), hiddenEventTypes: ['MEETING'] }, new Set());
    expect(ids(noMeetings)).not.toContain('event:talks');
    const tariffs = mapPicture(graph, [], { ...defaultFilters(), issue: 'tariffs' }, new Set());
    expect(ids(tariffs)).toEqual(['event:talks', 'place:beijing']);
    const hidden = mapPicture(graph, [], defaultFilters(), new Set(['event:visit']));
    expect(ids(hidden)).not.toContain('event:visit');
  });

  it('add the map’s own places, which the issue filter leaves out since the graph holds none of their edges', () => {
    const layer = [node('place:washington', 'PLACE', { ...WASHINGTON, articleCount: 1 }), node('place:beijing', 'PLACE', { ...BEIJING, articleCount: 9 })];
    const p = mapPicture(graph, layer, defaultFilters(), new Set());
    expect(ids(p)).toContain('place:washington');
    // The graph's own copy of a node wins over the layer's.
    expect(p.markers.find((m) => m.id === 'place:beijing')?.articleCount).toBe(4);
    expect(ids(mapPicture(graph, layer, { ...defaultFilters(), issue: 'tariffs' }, new Set()))).not.toContain('place:washington');
  });

  it('grow with articles between bounds, and events sharing a place go round it without overlapping', () => {
    expect(markerRadius(1, 1)).toBe(MARKER_RADIUS.alike);
    expect(markerRadius(1, 2)).toBe(MARKER_RADIUS.min);
    expect(markerRadius(2, 2)).toBe(MARKER_RADIUS.max);
    expect(markerRadius(100, 100)).toBe(MARKER_RADIUS.max);
    expect(markerRadius(2, 100)).toBeLessThan(markerRadius(25, 100));
    expect(markerRadius(25, 100)).toBeLessThan(markerRadius(99, 100));
    const p = mapPicture(graph, [], defaultFilters(), new Set());
    const at = (id: string) => p.markers.find((m) => m.id === id)!;
    const place = at('place:beijing');
    expect([place.dx, place.dy]).toEqual([0, 0]);
    const talks = at('event:talks');
    const visit = at('event:visit');
    expect([talks.ax, talks.ay]).toEqual([place.ax, place.ay]);
    // Offsets and radii are both screen pixels, so this holds at any zoom.
    const gap = (a: typeof talks, b: typeof talks) => Math.hypot(a.dx - b.dx, a.dy - b.dy) - a.r - b.r;
    expect(gap(talks, place)).toBeGreaterThan(0);
    expect(gap(visit, place)).toBeGreaterThan(0);
    expect(gap(talks, visit)).toBeGreaterThan(0);
    // Larger first, so the small ones are drawn on top.
    expect(p.markers.map((m) => m.r)).toEqual([...p.markers.map((m) => m.r)].sort((a, b) => b - a));
  });
});

describe('map zoom', () => {
  it('zooms about a point that stays put, within the world and the closest zoom', () => {
    const b = zoomAbout(WORLD, 2, 700, 150);
    expect(b.w).toBe(WORLD.w / 2);
    // The point keeps its place relative to the box.
    expect((700 - b.x) / b.w).toBeCloseTo(700 / WORLD.w, 9);
    expect(zoomAbout(WORLD, 0.5, 100, 100)).toEqual(WORLD);
    expect(zoomAbout(WORLD, 1e6, 100, 100).w).toBeCloseTo(WORLD.w / MAX_ZOOM, 9);
    expect(clampBox({ x: -50, y: 900, w: 100, h: 1 })).toEqual({ x: 0, y: WORLD.h - (100 * WORLD.h) / WORLD.w, w: 100, h: (100 * WORLD.h) / WORLD.w });
  });

  it('fits a box around points with the world’s aspect ratio, or the world when there are none', () => {
    expect(boxAround([])).toEqual(WORLD);
    const b = boxAround([{ x: 700, y: 150 }, { x: 720, y: 160 }]);
    expect(b.w / b.h).toBeCloseTo(WORLD.w / WORLD.h, 9);
    expect(b.x).toBeLessThan(700);
    expect(b.x + b.w).toBeGreaterThan(720);
  });
});

describe('map labels', () => {
  const at = (id: string, x: number, y: number, r: number, chosen = false): LabelCandidate => ({ id, x, y, r, text: id, chosen });

  it('label the largest markers first and skip a label that would cover one already placed', () => {
    // Dallas's label would run over Fort Worth's, 30 px to its right on the same line.
    const shown = placeLabels([at('Dallas', 100, 100, 6), at('Fort Worth', 130, 102, 9), at('Houston', 110, 160, 7)], 10);
    expect([...shown].sort()).toEqual(['Fort Worth', 'Houston']);
  });

  it('leave out a label that would cover another marker', () => {
    // Arlington sits where Dallas's label would go.
    const shown = placeLabels([at('Dallas', 100, 100, 9), at('Arlington', 125, 100, 4)], 10);
    expect(shown.has('Dallas')).toBe(false);
    expect(shown.has('Arlington')).toBe(true);
  });

  it('always label the chosen markers, and stop at the budget', () => {
    const crowd = Array.from({ length: 50 }, (_, i) => at(`p${String(i).padStart(2, '0')}`, (i % 10) * 200, Math.floor(i / 10) * 40, 5));
    expect(placeLabels(crowd, 12).size).toBe(12);
    const chosen = at('Chosen', 2, 1, 5, true);
    const shown = placeLabels([...crowd, chosen], 12);
    expect(shown.has('Chosen')).toBe(true);
    // The chosen label is placed first: p00, whose label it covers, is not.
    expect(shown.has('p00')).toBe(false);
    expect(CHAR_WIDTH * 'Chosen'.length).toBeGreaterThan(30);
  });
});
