// The explorer's state as plain data, and the pure operations on it: merging neighbourhoods,
// undoing expansions, collapsing, filtering, and encoding it all in the URL. main.ts applies
// the results to Cytoscape; the unit tests exercise them without a browser.
import type { ActorKind, EntityType } from '../generated/graphql.js';
import { dateInRange } from './dates.js';
import type { EdgeData, NodeData } from './to-elements.js';

export const ENTITY_TYPES: readonly EntityType[] = ['ACTOR', 'ISSUE', 'EVENT', 'PLACE'];
export const ACTOR_KINDS: readonly ActorKind[] = ['PERSON', 'ORGANIZATION', 'COUNTRY', 'GROUP'];

export interface ViewGraph {
  nodes: ReadonlyMap<string, NodeData>;
  edges: ReadonlyMap<string, EdgeData>;
}

export function emptyGraph(): ViewGraph {
  return { nodes: new Map(), edges: new Map() };
}

export interface Merge {
  graph: ViewGraph;
  addedNodes: string[];
  addedEdges: string[];
}

/**
 * Adds what `incoming` has that `graph` lacks. Known nodes keep their identity but take the
 * fresher data (a degree grows as articles arrive); edges are added only when both ends exist.
 */
export function mergeGraph(graph: ViewGraph, incoming: { nodes: readonly NodeData[]; edges: readonly EdgeData[] }): Merge {
  const nodes = new Map(graph.nodes);
  const edges = new Map(graph.edges);
  const addedNodes: string[] = [];
  const addedEdges: string[] = [];
  for (const n of incoming.nodes) {
    if (!nodes.has(n.id)) addedNodes.push(n.id);
    nodes.set(n.id, n);
  }
  for (const e of incoming.edges) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    if (!edges.has(e.id)) addedEdges.push(e.id);
    edges.set(e.id, e);
  }
  return { graph: { nodes, edges }, addedNodes, addedEdges };
}

/** One expansion, remembered so it can be undone. */
export interface Expansion {
  id: string;
  addedNodes: string[];
  addedEdges: string[];
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(graph: ViewGraph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): ViewGraph {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  const nodes = new Map([...graph.nodes].filter(([id]) => !goneNodes.has(id)));
  const edges = new Map(
    [...graph.edges].filter(([id, e]) => !goneEdges.has(id) && !goneNodes.has(e.source) && !goneNodes.has(e.target)),
  );
  return { nodes, edges };
}

/** Takes back what one expansion added (nodes added by later expansions stay). */
export function undoExpansion(graph: ViewGraph, expansion: Expansion): ViewGraph {
  return removeElements(graph, expansion.addedNodes, expansion.addedEdges);
}

export function neighbours(graph: ViewGraph, id: string): Set<string> {
  const out = new Set<string>();
  for (const e of graph.edges.values()) {
    if (e.source === id) out.add(e.target);
    else if (e.target === id) out.add(e.source);
  }
  return out;
}

/** The neighbours of `id` that hang only on it: collapsing `id` removes them. */
export function collapsible(graph: ViewGraph, id: string, keep: ReadonlySet<string> = new Set()): string[] {
  return [...neighbours(graph, id)].filter((n) => !keep.has(n) && [...neighbours(graph, n)].every((m) => m === id));
}

export interface Filters {
  hiddenTypes: EntityType[];
  hiddenKinds: ActorKind[];
  hiddenEventTypes: string[];
  /** Show only what is around this issue. */
  issue: string | null;
  /** Inclusive YYYY-MM bounds on event dates. */
  from: string | null;
  to: string | null;
}

export function defaultFilters(): Filters {
  return { hiddenTypes: [], hiddenKinds: [], hiddenEventTypes: [], issue: null, from: null, to: null };
}

/** Whether a node passes the filters on its own data (type, kind, event type, date). */
export function nodePasses(node: NodeData, filters: Filters): boolean {
  if (filters.hiddenTypes.includes(node.type)) return false;
  if (node.type === 'ACTOR' && node.kind && filters.hiddenKinds.includes(node.kind)) return false;
  if (node.type === 'EVENT') {
    if (node.eventType && filters.hiddenEventTypes.includes(node.eventType)) return false;
    if (node.date && !dateInRange(node.date, filters.from, filters.to)) return false;
  }
  return true;
}

/**
 * The ids of the nodes to show. With an issue filter, the view keeps the issue, what touches
 * it, and the actors of the events that concern it.
 */
export function visibleNodeIds(graph: ViewGraph, filters: Filters, hidden: ReadonlySet<string> = new Set()): Set<string> {
  let scope: Set<string> | null = null;
  if (filters.issue && graph.nodes.has(filters.issue)) {
    scope = new Set([filters.issue]);
    for (const n of neighbours(graph, filters.issue)) {
      scope.add(n);
      if (graph.nodes.get(n)?.type === 'EVENT') for (const m of neighbours(graph, n)) scope.add(m);
    }
  }
  const out = new Set<string>();
  for (const node of graph.nodes.values()) {
    if (hidden.has(node.id)) continue;
    if (scope && !scope.has(node.id)) continue;
    if (nodePasses(node, filters)) out.add(node.id);
  }
  return out;
}

/** The state a shared link carries. */
export interface ViewState {
  selected: string | null;
  /** Expanded nodes, in the order they were expanded. */
  expanded: string[];
  hidden: string[];
  filters: Filters;
  /** A shortest-path query between two nodes. */
  path: [string, string] | null;
  /** The graph canvas or the world map. */
  mode: ViewMode;
}

export type ViewMode = 'graph' | 'map';

export function defaultViewState(): ViewState {
  return { selected: null, expanded: [], hidden: [], filters: defaultFilters(), path: null, mode: 'graph' };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_IDS = 200;

/** The query string (without "?") of a state; defaults are left out so links stay short. */
export function encodeState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.selected) p.set('node', state.selected);
  for (const id of state.expanded) p.append('expand', id);
  for (const id of state.hidden) p.append('hide', id);
  const f = state.filters;
  if (f.hiddenTypes.length) p.set('notype', f.hiddenTypes.join(','));
  if (f.hiddenKinds.length) p.set('nokind', f.hiddenKinds.join(','));
  for (const t of f.hiddenEventTypes) p.append('noevent', t);
  if (f.issue) p.set('issue', f.issue);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (state.path) {
    p.set('pathFrom', state.path[0]);
    p.set('pathTo', state.path[1]);
  }
  if (state.mode === 'map') p.set('view', 'map');
  return p.toString();
}

function enumList<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  return [...new Set(value.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v)))];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0 && v.length <= 300))].slice(0, MAX_IDS);
}

/** Reads a state from a query string; anything malformed falls back to the default. */
export function decodeState(search: string): ViewState {
  const p = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const month = (v: string | null) => (v && MONTH.test(v) ? v : null);
  let from = month(p.get('from'));
  let to = month(p.get('to'));
  if (from && to && from > to) [from, to] = [to, from];
  const pathFrom = p.get('pathFrom');
  const pathTo = p.get('pathTo');
  return {
    selected: p.get('node') || null,
    expanded: unique(p.getAll('expand')),
    hidden: unique(p.getAll('hide')),
    filters: {
      hiddenTypes: enumList(p.get('notype'), ENTITY_TYPES),
      hiddenKinds: enumList(p.get('nokind'), ACTOR_KINDS),
      hiddenEventTypes: unique(p.getAll('noevent')),
      issue: p.get('issue') || null,
      from,
      to,
    },
    path: pathFrom && pathTo && pathFrom !== pathTo ? [pathFrom, pathTo] : null,
    mode: p.get('view') === 'map' ? 'map' : 'graph',
  };
}
