// The Cytoscape canvas: applies a ViewGraph and the visible set to the elements (one batch per
// visual operation), lays out, animates new nodes in, and highlights paths.
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { stylesheet } from './style.js';
import type { ViewGraph } from './view-state.js';

cytoscape.use(fcose);

/** Above this many nodes the view trades detail for speed (no animation, draft layout). */
export const LARGE_GRAPH = 600;

export interface GraphViewHandlers {
  onNodeTap(id: string, additive: boolean): void;
  onNodeDoubleTap(id: string): void;
  onEdgeTap(id: string): void;
  onBackgroundTap(): void;
}

export interface GraphViewOptions {
  /** Cytoscape's WebGL node renderer (3.31+), for very large graphs. */
  webgl?: boolean;
  /** null renderer for headless use (tests, benchmarks without drawing). */
  headless?: boolean;
}

export function fcoseOptions(nodeCount: number, incremental: boolean, animate: boolean): LayoutOptions {
  const large = nodeCount > LARGE_GRAPH;
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    randomize: !incremental,
    animate: animate && !large,
    animationDuration: 550,
    fit: !incremental,
    padding: 40,
    nodeDimensionsIncludeLabels: !large,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => (large ? 40 : 70),
    edgeElasticity: () => 0.45,
    gravity: 0.3,
    numIter: large ? 1200 : 2500,
    tile: true,
  } as unknown as LayoutOptions;
}

export class GraphView {
  readonly cy: Core;

  constructor(container: HTMLElement | undefined, handlers: GraphViewHandlers, options: GraphViewOptions = {}) {
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
      ...(options.webgl ? { renderer: { name: 'canvas', webgl: true } as never } : {}),
    });
    const cy = this.cy;
    // The canvas changes size when panels open and close; Cytoscape must be told.
    if (container && typeof ResizeObserver !== 'undefined') new ResizeObserver(() => cy.resize()).observe(container);
    cy.on('tap', 'node', (ev) => {
      const oe = ev.originalEvent as MouseEvent | undefined;
      handlers.onNodeTap(ev.target.id(), Boolean(oe && (oe.shiftKey || oe.ctrlKey || oe.metaKey)));
    });
    cy.on('dbltap', 'node', (ev) => handlers.onNodeDoubleTap(ev.target.id()));
    cy.on('tap', 'edge', (ev) => handlers.onEdgeTap(ev.target.id()));
    cy.on('tap', (ev) => {
      if (ev.target === cy) handlers.onBackgroundTap();
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
   * Makes the canvas show `graph`, with only `visible` nodes displayed. New nodes start at
   * `anchor` (the expanded node) or next to a neighbour already placed. Returns the added ids.
   */
  sync(graph: ViewGraph, visible: ReadonlySet<string>, anchor?: string): string[] {
    const cy = this.cy;
    const added: string[] = [];
    cy.batch(() => {
      cy.edges().filter((e) => !graph.edges.has(e.id())).remove();
      cy.nodes().filter((n) => !graph.nodes.has(n.id())).remove();
      const anchorNode = anchor ? cy.getElementById(anchor) : undefined;
      const toAdd: ElementDefinition[] = [];
      const fresh = [...graph.nodes.values()].filter((n) => {
        const existing = cy.getElementById(n.id);
        if (existing.empty()) return true;
        existing.data(n);
        return false;
      });
      // One pass over the edges finds, for each new node, a neighbour to start next to.
      const freshIds = new Set(fresh.map((n) => n.id));
      const placedNeighbour = new Map<string, string>();
      for (const e of graph.edges.values()) {
        if (freshIds.has(e.source) && !freshIds.has(e.target) && !placedNeighbour.has(e.source)) placedNeighbour.set(e.source, e.target);
        if (freshIds.has(e.target) && !freshIds.has(e.source) && !placedNeighbour.has(e.target)) placedNeighbour.set(e.target, e.source);
      }
      for (const n of fresh) {
        added.push(n.id);
        toAdd.push({ group: 'nodes', data: { ...n }, position: this.startPosition(placedNeighbour.get(n.id), anchorNode) });
      }
      for (const e of graph.edges.values()) {
        if (cy.getElementById(e.id).empty()) toAdd.push({ group: 'edges', data: { ...e } });
        else cy.getElementById(e.id).data(e);
      }
      cy.add(toAdd);
      cy.nodes().forEach((node) => {
        node.toggleClass('filtered', !visible.has(node.id()));
      });
      cy.nodes().toggleClass('compact', cy.nodes().length > LARGE_GRAPH);
    });
    // Large graphs: draw no edges while the user pans or zooms. Cytoscape reads these renderer
    // flags on every frame, though it only documents them as init options.
    const renderer = (cy as unknown as { renderer?: () => Record<string, unknown> | undefined }).renderer?.();
    if (renderer) renderer.hideEdgesOnViewport = cy.nodes().length > LARGE_GRAPH;
    return added;
  }

  private startPosition(neighbour: string | undefined, anchor: cytoscape.CollectionReturnValue | undefined): cytoscape.Position {
    const jitter = () => (Math.random() - 0.5) * 40;
    const near = anchor && anchor.nonempty() ? anchor : neighbour ? this.cy.getElementById(neighbour) : undefined;
    if (near && near.nonempty()) {
      const p = near.position();
      return { x: p.x + jitter() * 2, y: p.y + jitter() * 2 };
    }
    const ext = this.cy.extent();
    return { x: (ext.x1 + ext.x2) / 2 + jitter() * 5, y: (ext.y1 + ext.y2) / 2 + jitter() * 5 };
  }

  /** Lays out the shown elements; incremental keeps the picture and settles new nodes in. */
  layout(incremental: boolean, animate = true): Promise<void> {
    const shown = this.cy.elements().not('.filtered');
    const nodes = shown.nodes().length;
    if (nodes === 0) return Promise.resolve();
    const layout = shown.layout(fcoseOptions(nodes, incremental, animate));
    const done = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
    layout.run();
    return done;
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

  highlight(nodeIds: readonly string[], edgeIds: readonly string[]): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('path faded');
      if (nodeIds.length === 0) return;
      const on = this.byIds([...nodeIds, ...edgeIds]);
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
