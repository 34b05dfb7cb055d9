// The explorer's start-up: builds the canvas, search, filters, details actions, ingest dialog
// and live sync around one App (app.ts), then loads the opening view and what the URL asks for.
import './styles.css';
import { request } from './api.js';
import { initialState, render, toData, type App } from './app.js';
import { bindControls } from './controls.js';
import { closeDetails, focusEntity, showEdge } from './details.js';
import { byId, h } from './dom.js';
import { collapse, expand, hide, loadNeighbourhood } from './expanding.js';
import { FilterPanel } from './filters-ui.js';
import { GraphView } from './graph-view.js';
import { setupIngestDialog } from './ingest-ui.js';
import { startLiveSync } from './live-sync.js';
import { showOverlay } from './notify.js';
import { HealthQuery, OverviewQuery } from './operations.js';
import { clearSelection, connect, findPaths, onNodeTap, startPicking } from './paths.js';
import { SearchBox } from './search.js';
import { emptyGraph, mergeGraph, visibleNodeIds } from './view-state.js';
import { bindModeSwitch, setMode, showOnGraph, showOnMap } from './view-mode.js';

/**
 * The opening view: the most connected actors and issues, and the events with the most articles
 * in the latest period, so a large corpus opens on what matters now rather than on all its hubs.
 */
export const OPENING = { hubs: 50, events: 15 } as const;

const params = new URLSearchParams(location.search);
const { state, initial } = initialState(location.search);
// Filled in below: the canvas's handlers need the app, and the app needs the canvas.
const app = { state, initial, params } as App;
app.view = new GraphView(
  byId('cy'),
  {
    onNodeTap: (id, additive) => void onNodeTap(app, id, additive),
    onNodeDoubleTap: (id) => void expand(app, id),
    onEdgeTap: (_id, relations) => showEdge(app, relations),
    onBackgroundTap: () => clearSelection(app),
  },
  { webgl: params.get('renderer') === 'webgl' },
);
app.map = null;
app.loadMap = async () => {
  const { MapView } = await import('./map-view.js');
  return new MapView(byId('map'), {
    onMarkerTap: (id, additive) => void onNodeTap(app, id, additive),
    onBackgroundTap: () => clearSelection(app),
  });
};
app.filterPanel = new FilterPanel(byId('sidebar'), (filters) => {
  state.filters = filters;
  render(app);
});
const search = new SearchBox(byId<HTMLInputElement>('search'), byId<HTMLUListElement>('search-results'), (hit) => {
  if (state.picking) void connect(app, state.picking, hit.id);
  else void focusEntity(app, hit.id);
});
const focusSearch = () => search.focus();
app.actions = {
  focus: (id) => void focusEntity(app, id),
  expand: (id) => void expand(app, id),
  collapse: (id) => collapse(app, id),
  hide: (id) => hide(app, id, closeDetails),
  connect: (id) => startPicking(app, id, focusSearch),
  findPaths: (a, b) => void findPaths(app, a, b),
  showOnGraph: (id) => void showOnGraph(app, id),
  showOnMap: (id) => void showOnMap(app, id),
  close: () => clearSelection(app),
};
const ingest = setupIngestDialog((result) => {
  // The subscription brings the nodes to every open view; this one also focuses the first.
  const first = result.created.find((e) => e.type === 'ACTOR') ?? result.created[0] ?? result.merged[0];
  if (first) void focusEntity(app, first.id);
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
(window as unknown as { newsGraph: unknown }).newsGraph = { cy: app.view.cy, state };

bindControls(app, { openIngest: () => ingest.open(), focusSearch });
bindModeSwitch(app);
startLiveSync(app);

async function start(): Promise<void> {
  app.filterPanel.update(state.graph, state.filters);
  showOverlay('loading', 'Loading the graph…', 'Asking the server for the most connected actors and issues and the latest events.');
  try {
    const health = await request(HealthQuery, {});
    byId('version').textContent = `v${health.health.version}`;
    if (!health.health.database.reachable) {
      const retry = h('button', { type: 'button', onclick: () => void start() }, 'Try again');
      showOverlay(
        'error',
        'The database is not reachable',
        h(
          'span',
          {},
          'The explorer needs Neo4j to show the graph. Check that it is running (',
          h('code', {}, 'npm run db:start'),
          ' starts the embedded one), then try again.',
          health.health.database.message ? h('small', { class: 'detail' }, `Neo4j: ${health.health.database.message}`) : null,
        ),
        retry,
      );
      return;
    }
    const data = await request(OverviewQuery, { limit: OPENING.hubs, events: OPENING.events });
    state.graph = mergeGraph(emptyGraph(), toData(data.overview)).graph;
    const laidOut = await app.view.precompute(state.graph, visibleNodeIds(state.graph, state.filters, state.hidden));
    render(app);
    if (laidOut) app.view.fitNow();
    if (state.graph.nodes.size === 0) {
      const add = h('button', { type: 'button', onclick: () => ingest.open() }, 'Add an article');
      showOverlay('empty', 'The graph is empty', h('span', {}, 'Load the sample articles with ', h('code', {}, 'npm run seed'), ', or add an article yourself.'), add);
    } else showOverlay(null);
    if (!laidOut) await app.view.layout(false, false);
    const restored: string[] = [];
    for (const id of initial.expanded) {
      const expansion = await loadNeighbourhood(app, id).catch(() => null);
      if (expansion) state.expansions.push(expansion);
    }
    if (initial.expanded.length) {
      restored.push(...render(app));
      await app.view.layoutNew(restored, false);
    }
    if (initial.path) await connect(app, initial.path[0], initial.path[1]);
    else if (initial.selected) await focusEntity(app, initial.selected);
    if (initial.mode === 'map') await setMode(app, 'map');
  } catch (err) {
    const retry = h('button', { type: 'button', onclick: () => void start() }, 'Try again');
    showOverlay('error', 'The graph could not be loaded', (err as Error).message, retry);
  }
}

void start();
