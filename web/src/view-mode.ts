// Switching between the graph canvas and the world map. Both show the one app state (graph,
// filters, time range, hidden nodes, selection), so switching keeps all of it.
import { render, type App } from './app.js';
import { focusEntity } from './details.js';
import { byId } from './dom.js';
import { loadMapLayer } from './map-layer.js';
import { toast } from './notify.js';
import type { ViewMode } from './view-state.js';

export async function setMode(app: App, mode: ViewMode): Promise<void> {
  const { state } = app;
  const map = mode === 'map';
  if (map && !app.map) {
    try {
      app.map = await app.loadMap();
    } catch (err) {
      toast(`Could not open the map: ${(err as Error).message}`, 'error');
      return;
    }
  }
  state.mode = mode;
  document.body.classList.toggle('map-mode', map);
  byId('map').hidden = !map;
  byId('mode-graph').setAttribute('aria-pressed', String(!map));
  byId('mode-map').setAttribute('aria-pressed', String(map));
  render(app);
  if (map && state.mapLayer === null) {
    try {
      state.mapLayer = await loadMapLayer();
    } catch (err) {
      state.mapLayer = [];
      toast(`Could not load the places for the map: ${(err as Error).message}`, 'error');
    }
    if (state.mode === 'map') render(app);
  }
}

/** "Show on graph": back to the canvas with `id` selected, loaded and centred. */
export async function showOnGraph(app: App, id: string): Promise<void> {
  await setMode(app, 'graph');
  await focusEntity(app, id);
}

/** "Show on map": the map, zoomed to `id`, which stays selected. */
export async function showOnMap(app: App, id: string): Promise<void> {
  await setMode(app, 'map');
  if (!app.map?.centerOn(id)) toast('This is not on the map: it has no coordinates, or the filters hide it.');
}

export function bindModeSwitch(app: App): void {
  byId('mode-graph').addEventListener('click', () => void setMode(app, 'graph'));
  byId('mode-map').addEventListener('click', () => void setMode(app, 'map'));
}
