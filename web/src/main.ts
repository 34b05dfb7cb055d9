// The explorer: wires the canvas, search, filters, details panel, ingest dialog and live
// updates around one state object, and mirrors that state in the URL.
import './styles.css';
import { request } from './api.js';
import { byId, h } from './dom.js';
import { FilterPanel } from './filters-ui.js';
import { GraphView, LARGE_GRAPH } from './graph-view.js';
import { setupIngestDialog } from './ingest-ui.js';
import { subscribeGraphChanged, type GraphChange } from './live.js';
import { ChangesSinceQuery, EntityDetailsQuery, HealthQuery, NeighbourhoodQuery, OverviewQuery, PathsQuery, RelationsOverTimeQuery } from './operations.js';
import { renderEdge, renderEntity, renderMessage, renderPair, type PairView, type PanelActions } from './panels.js';
import { SearchBox } from './search.js';
import { toEdgeData, toNodeData, type GraphResult } from './to-elements.js';
import {
  collapsible,
  decodeState,
  emptyGraph,
  encodeState,
  mergeGraph,
  removeElements,
  undoExpansion,
  visibleNodeIds,
  type Expansion,
  type Filters,
  type ViewGraph,
} from './view-state.js';

interface AppState {
  graph: ViewGraph;
  expansions: Expansion[];
  hidden: Set<string>;
  filters: Filters;
  /** Up to two selected nodes. */
  selected: string[];
  path: [string, string] | null;
  /** Waiting for the second node of a "Connect to…". */
  picking: string | null;
}

const initial = decodeState(location.search);
const state: AppState = {
  graph: emptyGraph(),
  expansions: [],
  hidden: new Set(initial.hidden),
  filters: initial.filters,
  selected: [],
  path: null,
  picking: null,
};

const params = new URLSearchParams(location.search);
const view = new GraphView(
  byId('cy'),
  {
    onNodeTap: (id, additive) => void onNodeTap(id, additive),
    onNodeDoubleTap: (id) => void expand(id),
    onEdgeTap: (id) => showEdge(id),
    onBackgroundTap: () => clearSelection(),
  },
  { webgl: params.get('renderer') === 'webgl' },
);
const details = byId('details');
const statusLine = byId('status');
const overlay = byId('overlay');
const filterPanel = new FilterPanel(byId('sidebar'), (filters) => {
  state.filters = filters;
  render();
});
const search = new SearchBox(byId<HTMLInputElement>('search'), byId<HTMLUListElement>('search-results'), (hit) => {
  if (state.picking) void connect(state.picking, hit.id);
  else void focusEntity(hit.id);
});
const ingest = setupIngestDialog((result) => {
  // The subscription brings the nodes to every open view; this one also focuses the first.
  const first = result.created.find((e) => e.type === 'ACTOR') ?? result.created[0] ?? result.merged[0];
  if (first) void focusEntity(first.id);
});
// On a narrow screen the top bar keeps only search, Add and help; share and export move into
// the filter drawer, which stays reachable from its toggle.
byId('sidebar').append(
  h(
    'fieldset',
    { class: 'narrow-only' },
    h('legend', {}, 'This view'),
    h(
      'div',
      { class: 'row wrap' },
      h('button', { type: 'button', onclick: () => byId('share').click() }, 'Share link'),
      h('button', { type: 'button', onclick: () => byId('export-png').click() }, 'Download PNG'),
      h('button', { type: 'button', onclick: () => byId('export-json').click() }, 'Download JSON'),
    ),
  ),
);
// Tests and the console reach the canvas through this handle.
(window as unknown as { newsGraph: unknown }).newsGraph = { cy: view.cy, state };

const actions: PanelActions = {
  focus: (id) => void focusEntity(id),
  expand: (id) => void expand(id),
  collapse: (id) => collapse(id),
  hide: (id) => hide(id),
  connect: (id) => startPicking(id),
  findPaths: (a, b) => void findPaths(a, b),
  close: () => clearSelection(),
};

// ---- state -> view -------------------------------------------------------------------------

function syncUrl(): void {
  const query = encodeState({
    selected: state.selected[0] ?? null,
    expanded: state.expansions.map((e) => e.id),
    hidden: [...state.hidden],
    filters: state.filters,
    path: state.path,
  });
  const renderer = params.get('renderer');
  const full = renderer ? `${query}${query ? '&' : ''}renderer=${encodeURIComponent(renderer)}` : query;
  history.replaceState(null, '', full ? `?${full}` : location.pathname);
}

function render(anchor?: string): string[] {
  const visible = visibleNodeIds(state.graph, state.filters, state.hidden);
  const added = view.sync(state.graph, visible, anchor);
  filterPanel.update(state.graph, state.filters);
  const shownEdges = [...state.graph.edges.values()].filter((e) => visible.has(e.source) && visible.has(e.target)).length;
  const hiddenCount = state.graph.nodes.size - visible.size;
  statusLine.textContent = `${visible.size} nodes, ${shownEdges} edges${hiddenCount ? ` (${hiddenCount} filtered or hidden)` : ''}${state.expansions.length ? ` · ${state.expansions.length} expansion(s)` : ''}`;
  byId<HTMLButtonElement>('undo').disabled = state.expansions.length === 0;
  byId<HTMLButtonElement>('unhide').disabled = state.hidden.size === 0;
  view.select(state.selected);
  syncUrl();
  return added;
}

function showOverlay(kind: 'loading' | 'error' | 'empty' | null, title = '', message: string | Node = '', action?: HTMLElement): void {
  if (!kind) {
    overlay.hidden = true;
    return;
  }
  overlay.hidden = false;
  overlay.className = `overlay ${kind}`;
  overlay.replaceChildren(h('div', { class: 'card', role: kind === 'error' ? 'alert' : 'status' }, h('h2', {}, title), h('p', {}, message), action ?? null));
}

function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  byId('toasts').append(el);
  setTimeout(() => el.remove(), 6000);
}

function toData(g: GraphResult) {
  return { nodes: g.nodes.map(toNodeData), edges: g.edges.map(toEdgeData) };
}

// ---- loading -------------------------------------------------------------------------------

async function loadNeighbourhood(id: string): Promise<Expansion | null> {
  const limit = state.graph.nodes.size > LARGE_GRAPH ? 60 : 100;
  const data = await request(NeighbourhoodQuery, { id, depth: 1, limit });
  const merged = mergeGraph(state.graph, toData(data.neighbourhood));
  state.graph = merged.graph;
  for (const n of merged.addedNodes) state.hidden.delete(n);
  state.hidden.delete(id);
  if (data.neighbourhood.truncated) toast('Only the most connected neighbours were loaded.');
  return { id, addedNodes: merged.addedNodes, addedEdges: merged.addedEdges };
}

async function expand(id: string, animate = true): Promise<void> {
  statusLine.textContent = 'Loading neighbours…';
  try {
    const expansion = await loadNeighbourhood(id);
    if (!expansion) return;
    state.expansions.push(expansion);
    const added = render(id);
    if (animate) {
      view.fadeIn(added);
      if (added.length) await view.layout(true);
    }
    if (expansion.addedNodes.length === 0) toast('No further neighbours.');
  } catch (err) {
    toast(`Could not expand: ${(err as Error).message}`, 'error');
    render();
  }
}

async function focusEntity(id: string): Promise<void> {
  if (!state.graph.nodes.has(id)) await expand(id);
  else if (state.hidden.delete(id)) render();
  if (!state.graph.nodes.has(id)) return;
  state.selected = [id];
  state.path = null;
  view.highlight([], []);
  render();
  view.centerOn(id);
  await showDetails(id);
}

let detailsRequest = 0;
async function showDetails(id: string): Promise<void> {
  const ticket = ++detailsRequest;
  details.hidden = false;
  document.body.classList.add('with-details');
  renderMessage(details, state.graph.nodes.get(id)?.label ?? 'Loading', 'Loading details…', 'loading', actions);
  try {
    const data = await request(EntityDetailsQuery, { id });
    if (ticket !== detailsRequest) return;
    if (!data.node || data.node.__typename === 'Article') renderMessage(details, 'Not found', 'This entity is no longer in the graph.', 'error', actions);
    else renderEntity(details, data.node, actions);
  } catch (err) {
    if (ticket === detailsRequest) renderMessage(details, 'Could not load details', (err as Error).message, 'error', actions);
  }
}

function showEdge(id: string): void {
  const edge = state.graph.edges.get(id);
  if (!edge) return;
  details.hidden = false;
  document.body.classList.add('with-details');
  renderEdge(details, edge, state.graph.nodes.get(edge.source), state.graph.nodes.get(edge.target), actions);
}

function closeDetails(): void {
  details.hidden = true;
  document.body.classList.remove('with-details');
  detailsRequest++;
}

function clearSelection(): void {
  state.selected = [];
  state.path = null;
  stopPicking();
  view.highlight([], []);
  closeDetails();
  render();
}

// ---- two nodes: paths and relations over time ----------------------------------------------

function startPicking(id: string): void {
  state.picking = id;
  const banner = byId('pick-banner');
  banner.hidden = false;
  byId('pick-name').textContent = state.graph.nodes.get(id)?.label ?? id;
  toast('Click a node or search for one to connect to.');
  search.focus();
}

function stopPicking(): void {
  state.picking = null;
  byId('pick-banner').hidden = true;
}

async function onNodeTap(id: string, additive: boolean): Promise<void> {
  if (state.picking && state.picking !== id) return connect(state.picking, id);
  if (additive && state.selected.length >= 1 && state.selected[0] !== id) return connect(state.selected[0]!, id);
  state.selected = [id];
  state.path = null;
  view.highlight([], []);
  render();
  await showDetails(id);
}

let pair: PairView | null = null;
async function connect(a: string, b: string): Promise<void> {
  stopPicking();
  if (!state.graph.nodes.has(b)) await expand(b);
  const na = state.graph.nodes.get(a);
  const nb = state.graph.nodes.get(b);
  if (!na || !nb) return;
  state.selected = [a, b];
  render();
  details.hidden = false;
  document.body.classList.add('with-details');
  detailsRequest++;
  pair = { a: na, b: nb, scores: null, paths: null, pathsLoading: false, error: null };
  renderPair(details, pair, actions);
  const current = pair;
  const work: Promise<void>[] = [findPaths(a, b)];
  if (na.type === 'ACTOR' && nb.type === 'ACTOR') {
    work.push(
      request(RelationsOverTimeQuery, { a, b })
        .then((d) => {
          current.scores = d.relationsOverTime;
        })
        .catch((err: Error) => {
          current.scores = [];
          current.error = `Relations over time: ${err.message}`;
        })
        .then(() => {
          if (pair === current) renderPair(details, current, actions);
        }),
    );
  }
  await Promise.all(work);
}

async function findPaths(a: string, b: string): Promise<void> {
  const current = pair;
  if (!current) return;
  current.pathsLoading = true;
  current.error = null;
  renderPair(details, current, actions);
  try {
    const data = await request(PathsQuery, { from: a, to: b });
    current.paths = data.paths;
    // Bring every node and edge of the paths into the view, then light them up.
    const nodes = data.paths.flatMap((p) => p.nodes);
    const edges = data.paths.flatMap((p) => p.hops.map((hop) => hop.edge));
    const merged = mergeGraph(state.graph, toData({ nodes, edges }));
    state.graph = merged.graph;
    for (const n of nodes) state.hidden.delete(n.id);
    state.path = [a, b];
    const added = render(a);
    if (added.length) await view.layout(true);
    view.highlight(
      nodes.map((n) => n.id),
      edges.map((e) => e.id),
    );
    if (nodes.length) view.fit();
  } catch (err) {
    current.error = `Paths: ${(err as Error).message}`;
  } finally {
    current.pathsLoading = false;
    if (pair === current) renderPair(details, current, actions);
  }
}

// ---- hide, collapse, undo ------------------------------------------------------------------

function hide(id: string): void {
  state.hidden.add(id);
  state.selected = state.selected.filter((s) => s !== id);
  if (state.selected.length === 0) closeDetails();
  render();
}

function collapse(id: string): void {
  const gone = collapsible(state.graph, id, new Set(state.selected.filter((s) => s !== id)));
  if (gone.length === 0) {
    toast('Nothing hangs only on this node.');
    return;
  }
  state.graph = removeElements(state.graph, gone);
  state.expansions = state.expansions.map((e) => ({ ...e, addedNodes: e.addedNodes.filter((n) => !gone.includes(n)) }));
  render();
}

function undo(): void {
  const last = state.expansions.pop();
  if (!last) return;
  const keep = new Set(state.selected);
  state.graph = undoExpansion(state.graph, { ...last, addedNodes: last.addedNodes.filter((n) => !keep.has(n)) });
  render();
  toast(`Undid the expansion of ${state.graph.nodes.get(last.id)?.label ?? 'a node'}.`);
}

// ---- export --------------------------------------------------------------------------------

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportJson(): void {
  const visible = visibleNodeIds(state.graph, state.filters, state.hidden);
  const positions = view.positions();
  const nodes = [...state.graph.nodes.values()].filter((n) => visible.has(n.id)).map((n) => ({ ...n, position: positions[n.id] }));
  const edges = [...state.graph.edges.values()].filter((e) => visible.has(e.source) && visible.has(e.target));
  const doc = { exportedAt: new Date().toISOString(), view: location.search, nodes, edges };
  download(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }), 'news-graph.json');
}

// ---- live updates --------------------------------------------------------------------------

interface LiveChange {
  kind: GraphChange['kind'];
  articleId: string;
  title?: string | null;
  /** Null when unknown: a removal caught up after a disconnection does not list its entities. */
  entityIds: readonly string[] | null;
  at: string;
}

// Changes are applied one at a time, in the order they arrive, so that a burst of events (or a
// catch-up after a disconnection) never interleaves its reads and writes of the view state.
let liveQueue: Promise<void> = Promise.resolve();
const applied = new Set<string>();
// The server's clock for the last change seen; before any, this page's start: the overview is
// loaded after it, so it already holds anything older (this trusts the browser's clock to agree
// with the server's, as NTP-synced machines do).
let lastChangeAt = new Date().toISOString();

function enqueueChange(change: LiveChange): void {
  const key = `${change.kind}:${change.articleId}@${change.at}`;
  if (applied.has(key)) return;
  applied.add(key);
  if (change.at > lastChangeAt) lastChangeAt = change.at;
  liveQueue = liveQueue.then(() => applyChange(change)).catch(() => undefined);
}

async function applyChange(change: LiveChange): Promise<void> {
  const title = change.title ?? change.articleId;
  if (change.kind === 'REMOVED') {
    await dropRemoved(change.entityIds ?? [...state.graph.nodes.keys()]);
    toast(`Article removed: ${title}`);
    return;
  }
  const entityIds = change.entityIds ?? [];
  toast(`${change.kind === 'ADDED' ? 'New article' : 'Article updated'}: ${title} (${entityIds.length} entities)`);
  const before = new Set(state.graph.nodes.keys());
  for (const id of entityIds.slice(0, 12)) {
    try {
      const data = await request(NeighbourhoodQuery, { id, depth: 1, limit: 30 });
      state.graph = mergeGraph(state.graph, toData(data.neighbourhood)).graph;
    } catch {
      // The entity may be gone again; the others still count.
    }
  }
  const added = render();
  view.fadeIn(added);
  if (added.length) await view.layout(true);
  view.markFresh([...state.graph.nodes.keys()].filter((id) => !before.has(id) || entityIds.includes(id)));
  hideEmptyHint();
}

/** Events published while the connection was down are lost; the change feed has them. */
async function catchUp(): Promise<void> {
  try {
    const { changes } = await request(ChangesSinceQuery, { since: lastChangeAt });
    // The feed is newest first; apply oldest first.
    for (const { node } of [...changes.edges].reverse()) {
      enqueueChange({
        kind: node.kind,
        articleId: node.articleId,
        title: node.title,
        entityIds: node.kind === 'REMOVED' ? null : (node.article?.entities.edges.map((e) => e.node.id) ?? []),
        at: node.at,
      });
    }
    if (changes.pageInfo.hasNextPage) toast('Many articles changed while live updates were off: reload to see them all.');
  } catch (err) {
    toast(`Could not catch up on changes: ${(err as Error).message}`, 'error');
  }
}

let everConnected = false;
let disconnected = false;
subscribeGraphChanged(
  (change) => enqueueChange(change),
  (connected) => {
    const live = byId('live');
    live.textContent = connected ? '● live' : '○ offline';
    live.title = connected ? 'New articles appear as they are added' : 'Live updates are disconnected; retrying';
    live.className = connected ? 'live on' : 'live';
    if (!connected) {
      disconnected = everConnected;
      return;
    }
    everConnected = true;
    if (disconnected) {
      disconnected = false;
      void catchUp();
    }
  },
);

/**
 * A removed article lists every entity it mentioned, and some of them live on through other
 * articles: ask the server about each one shown, drop those that are gone, and drop the edges
 * of the survivors that the article alone supported.
 */
async function dropRemoved(entityIds: readonly string[]): Promise<void> {
  const shown = entityIds.filter((id) => state.graph.nodes.has(id));
  const gone: string[] = [];
  const staleEdges: string[] = [];
  const check = async (id: string): Promise<void> => {
    try {
      const { neighbourhood } = await request(NeighbourhoodQuery, { id, depth: 1, limit: 200 });
      if (!neighbourhood.nodes.some((n) => n.id === id)) {
        gone.push(id);
        return;
      }
      // A truncated answer does not list every edge, so it cannot prove one is gone.
      if (neighbourhood.truncated) return;
      const current = new Set(neighbourhood.edges.map((e) => e.id));
      for (const e of state.graph.edges.values()) {
        if ((e.source === id || e.target === id) && !current.has(e.id)) staleEdges.push(e.id);
      }
    } catch {
      // Unknown: better a node that may be stale than one dropped while it still exists.
    }
  };
  // A few at a time: a catch-up may have to check every node in view.
  for (let i = 0; i < shown.length; i += 6) await Promise.all(shown.slice(i, i + 6).map(check));
  if (gone.length === 0 && staleEdges.length === 0) return;
  state.graph = removeElements(state.graph, gone, staleEdges);
  const goneSet = new Set(gone);
  state.expansions = state.expansions.map((e) => ({ ...e, addedNodes: e.addedNodes.filter((n) => !goneSet.has(n)) }));
  for (const id of gone) state.hidden.delete(id);
  if (state.selected.some((id) => goneSet.has(id))) {
    state.selected = state.selected.filter((id) => !goneSet.has(id));
    state.path = null;
    view.highlight([], []);
    closeDetails();
  }
  render();
}

function hideEmptyHint(): void {
  if (state.graph.nodes.size > 0 && overlay.classList.contains('empty')) showOverlay(null);
}

// ---- controls and keyboard -----------------------------------------------------------------

byId('undo').addEventListener('click', undo);
byId('unhide').addEventListener('click', () => {
  state.hidden.clear();
  render();
});
byId('fit').addEventListener('click', () => view.fit());
byId('relayout').addEventListener('click', () => void view.layout(false));
byId('export-png').addEventListener('click', () => download(view.png(), 'news-graph.png'));
byId('export-json').addEventListener('click', exportJson);
byId('add-article').addEventListener('click', () => ingest.open());
byId('pick-cancel').addEventListener('click', stopPicking);
byId('share').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(location.href);
    toast('Link to this view copied.');
  } catch {
    toast(`Share this link: ${location.href}`);
  }
});
byId('help').addEventListener('click', () => byId<HTMLDialogElement>('help-dialog').showModal());
byId('toggle-filters').addEventListener('click', () => {
  const open = document.body.classList.toggle('filters-open');
  byId('toggle-filters').setAttribute('aria-expanded', String(open));
});

document.addEventListener('keydown', (ev) => {
  const target = ev.target as HTMLElement;
  const typing = target.matches('input, textarea, select') || target.isContentEditable;
  if (document.querySelector('dialog[open]')) return;
  if (ev.key === 'Escape') {
    if (typing) return;
    byId<HTMLInputElement>('search').value = '';
    clearSelection();
    return;
  }
  if (typing || ev.metaKey || ev.altKey) return;
  const selected = state.selected[0];
  if (ev.key === '/') {
    ev.preventDefault();
    search.focus();
  } else if ((ev.key === 'z' && ev.ctrlKey) || ev.key === 'u') {
    ev.preventDefault();
    undo();
  } else if (ev.ctrlKey) {
    return;
  } else if (ev.key === 'e' && selected) void expand(selected);
  else if (ev.key === 'h' && selected) hide(selected);
  else if (ev.key === 'f') view.fit();
  else if (ev.key === '?') byId<HTMLDialogElement>('help-dialog').showModal();
});

// ---- start ---------------------------------------------------------------------------------

async function start(): Promise<void> {
  filterPanel.update(state.graph, state.filters);
  showOverlay('loading', 'Loading the graph…', 'Asking the server for the most connected actors, issues and events.');
  try {
    const health = await request(HealthQuery, {});
    byId('version').textContent = `v${health.health.version}`;
    if (!health.health.database.reachable) {
      const retry = h('button', { type: 'button', onclick: () => void start() }, 'Try again');
      showOverlay('error', 'The database is not reachable', h(
          'span',
          {},
          'The explorer needs Neo4j to show the graph. Check that it is running (',
          h('code', {}, 'npm run db:start'),
          ' starts the embedded one), then try again.',
          health.health.database.message ? h('small', { class: 'detail' }, `Neo4j: ${health.health.database.message}`) : null,
        ), retry);
      return;
    }
    const data = await request(OverviewQuery, { limit: 80 });
    state.graph = mergeGraph(emptyGraph(), toData(data.overview)).graph;
    render();
    if (state.graph.nodes.size === 0) {
      const add = h('button', { type: 'button', onclick: () => ingest.open() }, 'Add an article');
      showOverlay('empty', 'The graph is empty', h('span', {}, 'Load the sample articles with ', h('code', {}, 'npm run seed'), ', or add an article yourself.'), add);
    } else showOverlay(null);
    await view.layout(false, false);
    for (const id of initial.expanded) {
      const expansion = await loadNeighbourhood(id).catch(() => null);
      if (expansion) state.expansions.push(expansion);
    }
    if (initial.expanded.length) {
      render();
      await view.layout(true, false);
    }
    if (initial.path) await connect(initial.path[0], initial.path[1]);
    else if (initial.selected) await focusEntity(initial.selected);
  } catch (err) {
    const retry = h('button', { type: 'button', onclick: () => void start() }, 'Try again');
    showOverlay('error', 'The graph could not be loaded', (err as Error).message, retry);
  }
}

void start();
