// The Cytoscape canvas: applies a ViewGraph and the visible set to the elements (one batch per
// visual operation), folds relations into one edge per pair, lays out (off the main thread for
// large graphs; only the new nodes on expand), keeps labels apart, and highlights paths.
import cytoscape, { type Collection, type Core, type ElementDefinition, type NodeSingular, type Position } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { assignTiers, declutterLabels } from './labels.js';
import { LARGE_GRAPH, WORKER_LAYOUT_FROM, fcoseOptions, layoutInWorker, layoutRequest, warmLayoutWorker } from './layout.js';
import { stylesheet } from './style.js';
import { foldEdges, nodeSize } from './to-elements.js';
import type { ViewGraph } from './view-state.js';

cytoscape.use(fcose);

export { LARGE_GRAPH, fcoseOptions } from './layout.js';

export interface GraphViewHandlers {
  onNodeTap(id: string, additive: boolean): void;
  onNodeDoubleTap(id: string): void;
  /** `relations` are the ViewGraph edge ids folded into the tapped edge, strongest first. */
  onEdgeTap(id: string, relations: string[]): void;
  onBackgroundTap(): void;
}

export interface GraphViewOptions {
  /** Cytoscape's WebGL node renderer (3.31+), for very large graphs. */
  webgl?: boolean;
  /** null renderer for headless use (tests, benchmarks without drawing). */
  headless?: boolean;
}

export class GraphView {
  readonly cy: Core;
  private readonly headless: boolean;
  /** Positions computed before the first draw (precompute), used by the next sync. */
  private preset: Record<string, Position> | null = null;

  constructor(container: HTMLElement | undefined, handlers: GraphViewHandlers, options: GraphViewOptions = {}) {
    this.headless = options.headless ?? !container;
    this.cy = cytoscape({
      container: container ?? null,
      headless: options.headless ?? false,
      style: stylesheet(),
      elements: [],
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.4,
      // Selection lives in the app state (one or two nodes), shown with the "chosen" class.
      autounselectify: true,
      boxSelectionEnabled: false,
      // Measured in bench:web: motion blur costs frames on large graphs and buys nothing here.
      motionBlur: false,
      ...(options.webgl ? { renderer: { name: 'canvas', webgl: true } as never } : {}),
    });
    const cy = this.cy;
    if (!this.headless) warmLayoutWorker();
    // The canvas changes size when panels open and close; Cytoscape must be told.
    if (container && typeof ResizeObserver !== 'undefined') new ResizeObserver(() => cy.resize()).observe(container);
    cy.on('tap', 'node', (ev) => {
      const oe = ev.originalEvent as MouseEvent | undefined;
      handlers.onNodeTap(ev.target.id(), Boolean(oe && (oe.shiftKey || oe.ctrlKey || oe.metaKey)));
    });
    cy.on('dbltap', 'node', (ev) => handlers.onNodeDoubleTap(ev.target.id()));
    cy.on('tap', 'edge', (ev) => handlers.onEdgeTap(ev.target.id(), [...((ev.target.data('relations') as string[] | undefined) ?? [])]));
    cy.on('tap', (ev) => {
      if (ev.target === cy) handlers.onBackgroundTap();
    });
    // Zoomed in, the labels of the nodes in view are placed once the viewport settles.
    let settle: ReturnType<typeof setTimeout> | undefined;
    cy.on('viewport', () => {
      clearTimeout(settle);
      settle = setTimeout(() => this.declutter(), 180);
    });
    cy.on('mouseover', 'edge', (ev) => ev.target.addClass('hover'));
    cy.on('mouseout', 'edge', (ev) => ev.target.removeClass('hover'));
    cy.on('mouseover', 'node', (ev) => {
      ev.target.addClass('hover');
      ev.target.connectedEdges().addClass('hover');
    });
    cy.on('mouseout', 'node', (ev) => {
      ev.target.removeClass('hover');
      ev.target.connectedEdges().removeClass('hover');
    });
  }

  /**
   * For a large first picture on an empty canvas: lays `graph` out in the worker before
   * anything is drawn, so the next sync places every node where it belongs and the canvas is
   * drawn once, laid out. Returns false (nothing done) when the picture is small, the canvas is
   * not empty, or there is no worker; the caller then lays out after the sync.
   */
  async precompute(graph: ViewGraph, visible: ReadonlySet<string>): Promise<boolean> {
    if (this.headless || this.cy.nodes().length > 0 || visible.size < WORKER_LAYOUT_FROM) return false;
    let maxDegree = 0;
    for (const id of visible) maxDegree = Math.max(maxDegree, graph.nodes.get(id)?.degree ?? 0);
    const nodes = [...visible].map((id) => {
      const size = nodeSize(graph.nodes.get(id)?.degree ?? 0, maxDegree);
      return { id, w: size, h: size, x: 0, y: 0 };
    });
    const edges = foldEdges(graph.edges.values())
      .filter((p) => p.strong && visible.has(p.source) && visible.has(p.target))
      .map((p) => ({ source: p.source, target: p.target }));
    const positions = await layoutRequest({ nodes, edges, incremental: false });
    this.preset = positions;
    return positions !== null;
  }

  /**
   * Makes the canvas show `graph`, with only `visible` nodes displayed and one edge per pair of
   * nodes. New nodes start around `anchor` (the expanded node) or next to a neighbour already
   * placed. Returns the added node ids.
   */
  sync(graph: ViewGraph, visible: ReadonlySet<string>, anchor?: string): string[] {
    const cy = this.cy;
    const added: string[] = [];
    const pairs = foldEdges(graph.edges.values());
    const pairIds = new Set(pairs.map((p) => p.id));
    let maxDegree = 0;
    for (const n of graph.nodes.values()) if (visible.has(n.id)) maxDegree = Math.max(maxDegree, n.degree);
    const compact = graph.nodes.size > LARGE_GRAPH;
    cy.batch(() => {
      cy.edges().filter((e) => !pairIds.has(e.id())).remove();
      cy.nodes().filter((n) => !graph.nodes.has(n.id())).remove();
      const toAdd: ElementDefinition[] = [];
      const fresh = [...graph.nodes.values()].filter((n) => {
        const existing = cy.getElementById(n.id);
        if (existing.empty()) return true;
        existing.data({ ...n, size: nodeSize(n.degree, maxDegree) });
        return false;
      });
      const preset = this.preset;
      this.preset = null;
      const positions = this.startPositions(
        fresh.filter((n) => !preset?.[n.id]).map((n) => n.id),
        graph,
        anchor,
      );
      if (preset) for (const [id, p] of Object.entries(preset)) positions.set(id, p);
      for (const n of fresh) {
        added.push(n.id);
        // Unlabelled until declutter places its label: nothing is measured for labels never drawn.
        toAdd.push({ group: 'nodes', data: { ...n, size: nodeSize(n.degree, maxDegree) }, position: positions.get(n.id)!, classes: compact ? 'label-off compact' : 'label-off' });
      }
      for (const p of pairs) {
        const existing = cy.getElementById(p.id);
        // Classes at creation: one style pass for the new elements, not a second one to add them.
        if (existing.empty()) toAdd.push({ group: 'edges', data: { ...p }, classes: compact ? 'compact' : '' });
        else existing.data(p);
      }
      cy.add(toAdd);
      cy.nodes().forEach((node) => {
        node.toggleClass('filtered', !visible.has(node.id()));
      });
      if (cy.elements('.compact').length !== (compact ? cy.elements().length : 0)) cy.elements().toggleClass('compact', compact);
    });
    // Large graphs: while the user pans or zooms, draw a texture of the last frame and no edges.
    // Cytoscape reads these renderer flags on every frame, though it documents them as init options.
    const renderer = (cy as unknown as { renderer?: () => Record<string, unknown> | undefined }).renderer?.();
    if (renderer) {
      const large = cy.nodes().length > LARGE_GRAPH;
      renderer.hideEdgesOnViewport = large;
      renderer.textureOnViewport = large;
    }
    assignTiers(cy);
    this.declutter();
    return added;
  }

  /**
   * Start positions of new nodes: those of an expanded node on a ring around it (the most
   * connected first), others next to a neighbour already placed, the rest near the centre.
   */
  private startPositions(ids: readonly string[], graph: ViewGraph, anchor: string | undefined): Map<string, Position> {
    const out = new Map<string, Position>();
    if (ids.length === 0) return out;
    const fresh = new Set(ids);
    const placedNeighbour = new Map<string, string>();
    for (const e of graph.edges.values()) {
      if (fresh.has(e.source) && !fresh.has(e.target) && !placedNeighbour.has(e.source)) placedNeighbour.set(e.source, e.target);
      if (fresh.has(e.target) && !fresh.has(e.source) && !placedNeighbour.has(e.target)) placedNeighbour.set(e.target, e.source);
    }
    const anchorNode = anchor ? this.cy.getElementById(anchor) : undefined;
    const jitter = () => (Math.random() - 0.5) * 40;
    const ring: string[] = [];
    for (const id of ids) {
      if (anchorNode?.nonempty() && id !== anchor) ring.push(id);
      else {
        const near = placedNeighbour.has(id) ? this.cy.getElementById(placedNeighbour.get(id)!) : undefined;
        if (near?.nonempty()) {
          const p = near.position();
          out.set(id, { x: p.x + jitter() * 2, y: p.y + jitter() * 2 });
        } else {
          const ext = this.cy.extent();
          out.set(id, { x: (ext.x1 + ext.x2) / 2 + jitter() * 5, y: (ext.y1 + ext.y2) / 2 + jitter() * 5 });
        }
      }
    }
    if (anchorNode?.nonempty() && ring.length) {
      ring.sort((a, b) => (graph.nodes.get(b)?.degree ?? 0) - (graph.nodes.get(a)?.degree ?? 0));
      const c = anchorNode.position();
      // Rings of growing radius, each holding as many nodes as fit at ~46 units apart.
      let placed = 0;
      for (let r = 110; placed < ring.length; r += 70) {
        const fit = Math.max(6, Math.floor((2 * Math.PI * r) / 46));
        const inRing = ring.slice(placed, placed + fit);
        inRing.forEach((id, i) => {
          const a = (2 * Math.PI * i) / inRing.length + r / 97;
          out.set(id, { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) });
        });
        placed += inRing.length;
      }
    }
    return out;
  }

  /** Lays out the shown elements; incremental keeps the picture and settles new nodes in. */
  async layout(incremental: boolean, animate = true): Promise<void> {
    // The layout pulls along the drawn backbone only, so the hubs of a dense corpus do not clump.
    const shown = this.cy.elements().not('.filtered').not('edge[!strong]');
    const nodes = shown.nodes().length;
    if (nodes === 0) return;
    if (!this.headless && nodes >= WORKER_LAYOUT_FROM) {
      const positions = await layoutInWorker(shown, incremental);
      if (positions) {
        await this.applyPositions(shown, positions, animate && nodes <= LARGE_GRAPH, !incremental);
        this.declutter();
        return;
      }
    }
    await this.runFcose(shown, fcoseOptions(nodes, incremental, animate));
    this.declutter();
  }

  /**
   * Settles only the nodes `ids` (just added) in: a short layout over them and the placed
   * nodes they touch, which stay exactly where they are. The rest of the picture does not move.
   */
  async layoutNew(ids: readonly string[], animate = true): Promise<void> {
    if (ids.length === 0) return;
    const fresh = this.byIds(ids).nodes().not('.filtered');
    if (fresh.empty()) return this.declutter();
    const around = fresh.neighborhood().nodes().not(fresh).not('.filtered');
    const eles = fresh.union(around).union(fresh.connectedEdges().filter((e) => Boolean(e.data('strong')) && !e.source().hasClass('filtered') && !e.target().hasClass('filtered')));
    const held = new Map(around.map((n) => [n.id(), { ...(n as NodeSingular).position() }]));
    const start = new Map(fresh.map((n) => [n.id(), { ...(n as NodeSingular).position() }]));
    const options = {
      ...fcoseOptions(eles.nodes().length, true, false),
      quality: 'default',
      fixedNodeConstraint: held.size ? [...held].map(([nodeId, position]) => ({ nodeId, position })) : undefined,
      numIter: 800,
      fit: false,
      animate: false,
    };
    await this.runFcose(eles, options as never);
    // fcose keeps the fixed nodes in place relative to each other but may shift the whole
    // result: undo the shift, then put the held nodes back exactly.
    let dx = 0;
    let dy = 0;
    around.forEach((n) => {
      const p = (n as NodeSingular).position();
      const h = held.get(n.id())!;
      dx += p.x - h.x;
      dy += p.y - h.y;
    });
    if (held.size) {
      dx /= held.size;
      dy /= held.size;
    }
    const final: Record<string, Position> = {};
    fresh.forEach((n) => {
      const p = (n as NodeSingular).position();
      final[n.id()] = { x: p.x - dx, y: p.y - dy };
    });
    this.cy.batch(() => {
      around.forEach((n) => {
        (n as NodeSingular).position(held.get(n.id())!);
      });
      fresh.forEach((n) => {
        (n as NodeSingular).position(animate ? start.get(n.id())! : final[n.id()]!);
      });
    });
    if (animate && fresh.length <= LARGE_GRAPH) await this.applyPositions(fresh, final, true, false);
    else if (animate) this.cy.batch(() => fresh.forEach((n) => void (n as NodeSingular).position(final[n.id()]!)));
    this.declutter();
  }

  private runFcose(eles: Collection, options: cytoscape.LayoutOptions): Promise<void> {
    const layout = eles.layout(options);
    const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
    layout.run();
    return done;
  }

  private applyPositions(eles: Collection, positions: Record<string, Position>, animate: boolean, fit: boolean): Promise<void> {
    const layout = eles.layout({ name: 'preset', positions: (n: NodeSingular) => positions[n.id()] ?? (n as NodeSingular).position(), animate, animationDuration: 400, fit, padding: 40 } as never);
    const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
    layout.run();
    return done;
  }

  /** Fits the shown elements at once (after a precomputed first picture). */
  fitNow(): void {
    this.cy.fit(this.cy.elements().not('.filtered'), 40);
  }

  /** Re-decides which labels are drawn (after anything moved or the shown set changed). */
  declutter(): void {
    declutterLabels(this.cy);
  }

  /** Fades new nodes in (they start transparent where sync placed them). */
  fadeIn(ids: readonly string[]): void {
    if (ids.length === 0 || ids.length > LARGE_GRAPH) return;
    const cy = this.cy;
    const nodes = this.byIds(ids);
    cy.batch(() => nodes.addClass('entering'));
    requestAnimationFrame(() => cy.batch(() => nodes.removeClass('entering')));
  }

  select(ids: readonly string[]): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.nodes('.chosen').removeClass('chosen');
      cy.nodes('.second').removeClass('second');
      ids.forEach((id, i) => {
        const node = cy.getElementById(id);
        if (node.empty()) return;
        node.addClass('chosen');
        if (i === 1) node.addClass('second');
      });
    });
  }

  centerOn(id: string, animate = true): void {
    const node = this.cy.getElementById(id) as NodeSingular;
    if (node.empty()) return;
    const zoom = Math.min(Math.max(this.cy.zoom(), 0.7), 1.3);
    if (animate) this.cy.animate({ center: { eles: node }, zoom }, { duration: 400 });
    else this.cy.center(node);
  }

  /** Lights up nodes and relations (ViewGraph edge ids, shown through their folded pair). */
  highlight(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('path faded');
      if (nodeIds.length === 0) return;
      const relations = new Set(edgeIds);
      const pairs = cy.edges().filter((e) => ((e.data('relations') as string[] | undefined) ?? []).some((r) => relations.has(r)));
      const on = this.byIds(nodeIds).union(pairs);
      cy.elements().not(on).addClass('faded');
      on.addClass('path');
    });
  }

  markFresh(ids: readonly string[]): void {
    const cy = this.cy;
    const nodes = this.byIds(ids);
    cy.batch(() => nodes.addClass('fresh'));
    setTimeout(() => cy.batch(() => nodes.removeClass('fresh')), 4000);
  }

  private byIds(ids: readonly string[]): cytoscape.CollectionReturnValue {
    const wanted = new Set(ids);
    return this.cy.elements().filter((el) => wanted.has(el.id()));
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements().not('.filtered'), padding: 40 } }, { duration: 300 });
  }

  positions(): Record<string, { x: number; y: number }> {
    const out: Record<string, { x: number; y: number }> = {};
    this.cy.nodes().forEach((n) => {
      const p = n.position();
      out[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
    });
    return out;
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob;
  }
}
