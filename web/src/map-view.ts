// The map canvas: an SVG world (drawn once) with a marker per place and event of a MapPicture,
// selection shown as on the graph, wheel/drag zoom. Markers keep their size on screen at any
// zoom, and carry their id and coordinates as data attributes for tests and assistive tools.
import { svg } from './dom.js';
import { placeLabels } from './map-labels.js';
import { describePicture, mapPicture, type MapPicture, type Marker } from './map-markers.js';
import type { NodeData } from './to-elements.js';
import type { Filters, ViewGraph } from './view-state.js';
import { MAP_SIZE, worldGeometry } from './map-projection.js';
import { bindZoom, boxAround, clampBox, WORLD, type Box } from './map-zoom.js';
import { NODE_LOOKS } from './style.js';

export interface MapViewHandlers {
  onMarkerTap(id: string, additive: boolean): void;
  onBackgroundTap(): void;
}

/** How many markers are labelled at rest, largest first where labels do not collide (the selected always are). */
export const MAP_LABELS = 30;

export class MapView {
  readonly svg: SVGSVGElement;
  private readonly viewport = svg('g', { class: 'map-viewport' });
  private readonly markerLayer = svg('g', { class: 'map-markers' });
  /** Above every marker, so no marker hides a label. */
  private readonly labelLayer = svg('g', { class: 'map-labels' });
  private box: Box = WORLD;
  private picture: MapPicture = { markers: [], unplaced: 0 };
  private selected: readonly string[] = [];
  private drawn = new Map<string, { key: string; el: SVGGElement }>();

  constructor(container: HTMLElement, handlers: MapViewHandlers) {
    const world = worldGeometry();
    this.svg = svg('svg', { class: 'map-svg', viewBox: `0 0 ${MAP_SIZE.width} ${MAP_SIZE.height}`, preserveAspectRatio: 'xMidYMid meet', role: 'img', 'aria-label': 'World map of the places and events shown' });
    const land = svg('g', { class: 'map-countries' });
    for (const c of world.countries) {
      const path = svg('path', { d: c.d, class: 'country', 'data-country': c.id });
      const title = svg('title');
      title.textContent = c.name;
      path.append(title);
      land.append(path);
    }
    this.viewport.append(svg('path', { d: world.sphere, class: 'sphere' }), svg('path', { d: world.graticule, class: 'graticule' }), land, this.markerLayer, this.labelLayer);
    this.svg.append(this.viewport);
    container.append(this.svg);
    // Hidden, opened, or resized by the side panels: markers are sized in pixels, so redraw.
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.draw()).observe(this.svg);
    const zoom = bindZoom(this.svg, () => this.box, (b) => this.setBox(b));
    this.svg.addEventListener('click', (ev) => {
      if (zoom.moved()) return;
      const target = ev.target as Element;
      const id = target.closest('.marker')?.getAttribute('data-id') ?? target.closest('.marker-label')?.getAttribute('data-for');
      if (id) handlers.onMarkerTap(id, ev.shiftKey || ev.ctrlKey || ev.metaKey);
      else handlers.onBackgroundTap();
    });
    this.svg.addEventListener('keydown', (ev) => {
      const id = (ev.target as Element).closest('.marker')?.getAttribute('data-id');
      if (!id || (ev.key !== 'Enter' && ev.key !== ' ')) return;
      ev.preventDefault();
      handlers.onMarkerTap(id, ev.shiftKey);
    });
  }

  /** Draws what `graph` and `layer` show under `filters` and `hidden`; returns the status line. */
  render(graph: ViewGraph, layer: readonly NodeData[], filters: Filters, hidden: ReadonlySet<string>, selected: readonly string[]): string {
    this.picture = mapPicture(graph, layer, filters, hidden);
    this.selected = selected;
    this.draw();
    return describePicture(this.picture);
  }

  /** Zooms to the markers shown (the whole world when there are none). */
  fit(): void {
    this.setBox(boxAround(this.picture.markers.map((m) => ({ x: m.ax, y: m.ay }))));
  }

  /** Zooms to the marker `id` (to a sixth of the world's width, or closer if already there). */
  centerOn(id: string): boolean {
    const m = this.picture.markers.find((x) => x.id === id);
    if (!m) return false;
    const w = Math.min(this.box.w, WORLD.w / 6);
    const h = (w * WORLD.h) / WORLD.w;
    this.setBox(clampBox({ x: m.ax - w / 2, y: m.ay - h / 2, w, h }));
    return true;
  }

  /** Shows the whole world. */
  reset(): void {
    this.setBox(WORLD);
  }

  get currentBox(): Box {
    return this.box;
  }

  private setBox(b: Box): void {
    this.box = b;
    this.svg.setAttribute('viewBox', `${b.x} ${b.y} ${b.w} ${b.h}`);
    this.draw();
  }

  private draw(): void {
    // Map units per screen pixel at this zoom and size: markers keep one size on screen.
    const rect = this.svg.getBoundingClientRect();
    const scale = Math.min(rect.width / this.box.w, rect.height / this.box.h);
    const k = scale > 0 ? 1 / scale : this.box.w / WORLD.w;
    const labelled = placeLabels(
      this.picture.markers.map((m) => ({ id: m.id, x: (m.ax - this.box.x) / k + m.dx, y: (m.ay - this.box.y) / k + m.dy, r: m.r, text: m.label, chosen: this.selected.includes(m.id) })),
      MAP_LABELS,
    );
    const nodes: SVGGElement[] = [];
    const labels: SVGTextElement[] = [];
    const drawn = new Map<string, { key: string; el: SVGGElement }>();
    for (const m of this.picture.markers) {
      const chosen = this.selected.indexOf(m.id);
      if (labelled.has(m.id)) labels.push(this.label(m, k));
      // A marker that has not changed keeps its element (and the keyboard focus on it).
      const key = `${m.label}|${m.ax}|${m.ay}|${m.dx}|${m.dy}|${m.r}|${m.articleCount}|${k}|${chosen}`;
      const old = this.drawn.get(m.id);
      const el = old?.key === key ? old.el : this.marker(m, k, chosen);
      drawn.set(m.id, { key, el });
      nodes.push(el);
    }
    this.drawn = drawn;
    const current = this.markerLayer.children;
    if (current.length !== nodes.length || nodes.some((el, i) => current[i] !== el)) this.markerLayer.replaceChildren(...nodes);
    this.labelLayer.replaceChildren(...labels);
  }

  private label(m: Marker, k: number): SVGTextElement {
    const text = svg('text', { class: 'marker-label', 'data-for': m.id, x: m.r + 3, y: 4, transform: `translate(${m.ax + m.dx * k} ${m.ay + m.dy * k}) scale(${k})` });
    text.textContent = m.label;
    return text;
  }

  private marker(m: Marker, k: number, chosen: number): SVGGElement {
    const look = NODE_LOOKS[m.type]!;
    const cls = `marker ${m.type.toLowerCase()}${chosen === 0 ? ' chosen' : chosen === 1 ? ' second' : ''}`;
    const g = svg('g', {
      class: cls,
      'data-id': m.id,
      'data-type': m.type,
      'data-lat': m.lat,
      'data-lon': m.lon,
      'data-articles': m.articleCount,
      'data-ax': m.ax,
      'data-ay': m.ay,
      role: 'button',
      tabindex: 0,
      'aria-label': `${m.label} (${look.label.toLowerCase()}, ${m.articleCount} article${m.articleCount === 1 ? '' : 's'})`,
    });
    const x = m.ax + m.dx * k;
    const y = m.ay + m.dy * k;
    if (m.dx !== 0 || m.dy !== 0) g.append(svg('line', { class: 'leader', x1: m.ax, y1: m.ay, x2: x, y2: y, 'stroke-width': k }));
    const at = svg('g', { transform: `translate(${x} ${y}) scale(${k})` });
    const r = m.r;
    const shape =
      m.type === 'PLACE'
        ? svg('circle', { r, fill: look.color })
        : svg('path', { d: `M0 ${-r * 1.2}L${r * 1.2} 0L0 ${r * 1.2}L${-r * 1.2} 0Z`, fill: look.color });
    shape.setAttribute('class', 'shape');
    const title = svg('title');
    title.textContent = m.label;
    at.append(shape, title);
    g.append(at);
    return g;
  }
}
