// What the map draws: the places and events the graph view shows (the same filters, time range,
// issue and hidden nodes, through visibleNodeIds), plus the map's own layer of places, each at its
// coordinates and sized by its articles. Pure, so it is tested without a browser.
import { project } from './map-projection.js';
import type { NodeData } from './to-elements.js';
import { mergeGraph, visibleNodeIds, type Filters, type ViewGraph } from './view-state.js';

export interface Marker {
  id: string;
  label: string;
  type: 'PLACE' | 'EVENT';
  lat: number;
  lon: number;
  articleCount: number;
  /** Where the coordinates fall on the map (map units). */
  ax: number;
  ay: number;
  /**
   * Where the marker is drawn relative to its anchor, in screen pixels like its radius: 0 0, or
   * beside it when several share one point. Pixels, so the map keeps them apart at any zoom.
   */
  dx: number;
  dy: number;
  r: number;
}

export interface MapPicture {
  /** Largest first, so small markers are drawn on top and stay clickable. */
  markers: Marker[];
  /** Places and events shown on the graph that the map cannot place (no coordinates). */
  unplaced: number;
}

/**
 * Marker radius in screen pixels: one article is the smallest, the most reported marker shown the
 * largest, the area growing with articles in between; all alike when every count is the same.
 */
export const MARKER_RADIUS = { min: 5, max: 14, alike: 7 } as const;

export function markerRadius(articles: number, maxArticles: number): number {
  if (maxArticles <= 1) return MARKER_RADIUS.alike;
  const t = Math.sqrt((Math.max(1, Math.min(articles, maxArticles)) - 1) / (maxArticles - 1));
  return MARKER_RADIUS.min + t * (MARKER_RADIUS.max - MARKER_RADIUS.min);
}

/**
 * The markers for `graph` under `filters` and `hidden`. `layer` adds places the graph has not
 * loaded; they pass the same filters (an issue filter keeps only what touches the issue, which
 * they cannot, since the graph holds none of their edges).
 */
export function mapPicture(graph: ViewGraph, layer: readonly NodeData[], filters: Filters, hidden: ReadonlySet<string>): MapPicture {
  const all = layer.length ? mergeGraph(graph, { nodes: layer.filter((n) => !graph.nodes.has(n.id)), edges: [] }).graph : graph;
  const visible = visibleNodeIds(all, filters, hidden);
  const placed: Omit<Marker, 'r' | 'dx' | 'dy'>[] = [];
  let unplaced = 0;
  for (const id of visible) {
    const n = all.nodes.get(id);
    if (!n || (n.type !== 'PLACE' && n.type !== 'EVENT')) continue;
    const at = n.lat !== undefined && n.lon !== undefined ? project(n.lon, n.lat) : null;
    if (!at) {
      if (graph.nodes.has(id)) unplaced++;
      continue;
    }
    placed.push({ id, label: n.label, type: n.type, lat: n.lat!, lon: n.lon!, articleCount: Math.max(1, n.articleCount ?? 1), ax: at[0], ay: at[1] });
  }
  const maxArticles = Math.max(1, ...placed.map((m) => m.articleCount));
  const markers = spread(placed.map((m) => ({ ...m, dx: 0, dy: 0, r: markerRadius(m.articleCount, maxArticles) })));
  markers.sort((a, b) => b.r - a.r || a.id.localeCompare(b.id));
  return { markers, unplaced };
}

/** The status line under the map. */
export function describePicture(picture: MapPicture): string {
  const count = (type: Marker['type']) => picture.markers.filter((m) => m.type === type).length;
  const places = count('PLACE');
  const events = count('EVENT');
  return `${places} place${places === 1 ? '' : 's'}, ${events} event${events === 1 ? '' : 's'} on the map${picture.unplaced ? ` · ${picture.unplaced} without coordinates` : ''}`;
}

/**
 * Markers on one point (a city and the events held there) would hide each other: the places
 * stay on the point and the events go round it on a ring, in id order so the picture is stable.
 */
function spread(markers: Marker[]): Marker[] {
  const groups = new Map<string, Marker[]>();
  for (const m of markers) {
    const key = `${Math.round(m.ax / 2)}:${Math.round(m.ay / 2)}`;
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => (a.type === b.type ? a.id.localeCompare(b.id) : a.type === 'PLACE' ? -1 : 1));
    const centre = group.filter((m) => m.type === 'PLACE').slice(0, 1);
    const ring = group.filter((m) => !centre.includes(m));
    const hub = Math.max(0, ...centre.map((m) => m.r));
    const widest = Math.max(...ring.map((m) => m.r));
    // Far enough out that neighbours on the ring do not overlap either.
    const radius = Math.max(hub + widest + 2, ring.length > 1 ? (widest + 1) / Math.sin(Math.PI / ring.length) : 0);
    ring.forEach((m, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / ring.length;
      m.dx = radius * Math.cos(a);
      m.dy = radius * Math.sin(a);
    });
  }
  return markers;
}
