// Two nodes at once: picking the second node of a "Connect to…", the shortest paths between
// two entities (brought into view and lit up) and, for two actors, their relations over time.
import { request } from './api.js';
import { render, toData, type App } from './app.js';
import { byId } from './dom.js';
import { closeDetails, openPanel, select } from './details.js';
import { expand } from './expanding.js';
import { toast } from './notify.js';
import { PathsQuery, RelationsOverTimeQuery } from './operations.js';
import { renderPair, type PairView } from './panels.js';
import { mergeGraph } from './view-state.js';

export function startPicking(app: App, id: string, focusSearch: () => void): void {
  app.state.picking = id;
  byId('pick-banner').hidden = false;
  byId('pick-name').textContent = app.state.graph.nodes.get(id)?.label ?? id;
  toast('Click a node or search for one to connect to.');
  focusSearch();
}

export function stopPicking(app: App): void {
  app.state.picking = null;
  byId('pick-banner').hidden = true;
}

export function clearSelection(app: App): void {
  app.state.selected = [];
  app.state.path = null;
  stopPicking(app);
  app.view.highlight([], []);
  closeDetails();
  render(app);
}

/** A tap on a node: the second end of a connection, or the node to show. */
export async function onNodeTap(app: App, id: string, additive: boolean): Promise<void> {
  const { state } = app;
  if (state.picking && state.picking !== id) return connect(app, state.picking, id);
  if (additive && state.selected.length >= 1 && state.selected[0] !== id) return connect(app, state.selected[0]!, id);
  await select(app, id);
}

let pair: PairView | null = null;

export async function connect(app: App, a: string, b: string): Promise<void> {
  const { state } = app;
  stopPicking(app);
  if (!state.graph.nodes.has(b)) await expand(app, b);
  const na = state.graph.nodes.get(a);
  const nb = state.graph.nodes.get(b);
  if (!na || !nb) return;
  state.selected = [a, b];
  render(app);
  const details = openPanel();
  pair = { a: na, b: nb, scores: null, paths: null, pathsLoading: false, error: null };
  renderPair(details, pair, app.actions);
  const current = pair;
  const work: Promise<void>[] = [findPaths(app, a, b)];
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
          if (pair === current) renderPair(details, current, app.actions);
        }),
    );
  }
  await Promise.all(work);
}

export async function findPaths(app: App, a: string, b: string): Promise<void> {
  const { state, view } = app;
  const current = pair;
  if (!current) return;
  const details = byId('details');
  current.pathsLoading = true;
  current.error = null;
  renderPair(details, current, app.actions);
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
    const added = render(app, a);
    await view.layoutNew(added);
    view.highlight(
      nodes.map((n) => n.id),
      edges.map((e) => e.id),
    );
    if (nodes.length) view.fit();
  } catch (err) {
    current.error = `Paths: ${(err as Error).message}`;
  } finally {
    current.pathsLoading = false;
    if (pair === current) renderPair(details, current, app.actions);
  }
}
