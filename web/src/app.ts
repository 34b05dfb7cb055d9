// The explorer's one state object and how it reaches the screen: the canvas, the filter panel,
// the status line, the buttons that depend on it, and the URL that mirrors it.
import { byId } from './dom.js';
import type { FilterPanel } from './filters-ui.js';
import type { GraphView } from './graph-view.js';
import type { MapView } from './map-view.js';
import type { PanelActions } from './panels.js';
import { toEdgeData, toNodeData, type GraphResult, type NodeData } from './to-elements.js';
import { decodeState, emptyGraph, encodeState, visibleNodeIds, type Expansion, type Filters, type ViewGraph, type ViewMode, type ViewState } from './view-state.js';

export interface AppState {
  graph: ViewGraph;
  expansions: Expansion[];
  hidden: Set<string>;
  filters: Filters;
  /** Up to two selected nodes. */
  selected: string[];
  path: [string, string] | null;
  /** Waiting for the second node of a "Connect to…". */
  picking: string | null;
  mode: ViewMode;
  /** The map's own places (map-layer.ts), drawn beside the graph's; null until first loaded. */
  mapLayer: NodeData[] | null;
}

export interface App {
  state: AppState;
  /** What the URL asked for when the page opened. */
  initial: ViewState;
  params: URLSearchParams;
  view: GraphView;
  /** The world map, loaded with its own chunk (map data, d3-geo) when first opened. */
  map: MapView | null;
  loadMap: () => Promise<MapView>;
  filterPanel: FilterPanel;
  /** What the details panel's buttons do; set once every module exists. */
  actions: PanelActions;
}

export function initialState(search: string): { state: AppState; initial: ViewState } {
  const initial = decodeState(search);
  return {
    initial,
    state: { graph: emptyGraph(), expansions: [], hidden: new Set(initial.hidden), filters: initial.filters, selected: [], path: null, picking: null, mode: initial.mode, mapLayer: null },
  };
}

export function toData(g: GraphResult) {
  return { nodes: g.nodes.map(toNodeData), edges: g.edges.map(toEdgeData) };
}

function syncUrl(app: App): void {
  const { state, params } = app;
  const query = encodeState({
    selected: state.selected[0] ?? null,
    expanded: state.expansions.map((e) => e.id),
    hidden: [...state.hidden],
    filters: state.filters,
    path: state.path,
    mode: state.mode,
  });
  const renderer = params.get('renderer');
  const full = renderer ? `${query}${query ? '&' : ''}renderer=${encodeURIComponent(renderer)}` : query;
  history.replaceState(null, '', full ? `?${full}` : location.pathname);
}

/** Shows the state; new nodes start around `anchor`. Returns the ids of the nodes added. */
export function render(app: App, anchor?: string): string[] {
  const { state, view } = app;
  const visible = visibleNodeIds(state.graph, state.filters, state.hidden);
  const added = view.sync(state.graph, visible, anchor);
  app.filterPanel.update(state.graph, state.filters);
  const between = view.cy.edges().filter((e) => visible.has(e.source().id()) && visible.has(e.target().id()));
  const drawn = between.filter((e) => Boolean(e.data('strong'))).length;
  const more = between.length - drawn;
  const hiddenCount = state.graph.nodes.size - visible.size;
  if (state.mode === 'map' && app.map) byId('status').textContent = app.map.render(state.graph, state.mapLayer ?? [], state.filters, state.hidden, state.selected);
  else byId('status').textContent = `${visible.size} nodes, ${drawn} edges${more ? ` (+${more} on hover)` : ''}${hiddenCount ? ` · ${hiddenCount} filtered or hidden` : ''}${state.expansions.length ? ` · ${state.expansions.length} expansion(s)` : ''}`;
  byId<HTMLButtonElement>('undo').disabled = state.expansions.length === 0;
  byId<HTMLButtonElement>('unhide').disabled = state.hidden.size === 0;
  view.select(state.selected);
  syncUrl(app);
  return added;
}
