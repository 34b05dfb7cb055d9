// The details panel and the selection it follows: one entity (with its evidence), the relations
// of one drawn edge, or nothing.
import { request } from './api.js';
import { render, type App } from './app.js';
import { byId } from './dom.js';
import { expand } from './expanding.js';
import { EntityDetailsQuery } from './operations.js';
import { renderEdge, renderEntity, renderMessage } from './panels.js';
import type { EdgeData } from './to-elements.js';

let detailsRequest = 0;

/** Opens the panel for content that is not an entity's details (which it cancels). */
export function openPanel(): HTMLElement {
  const details = byId('details');
  details.hidden = false;
  document.body.classList.add('with-details');
  detailsRequest++;
  return details;
}

export async function showDetails(app: App, id: string): Promise<void> {
  const details = openPanel();
  const ticket = detailsRequest;
  renderMessage(details, app.state.graph.nodes.get(id)?.label ?? 'Loading', 'Loading details…', 'loading', app.actions);
  try {
    const data = await request(EntityDetailsQuery, { id });
    if (ticket !== detailsRequest) return;
    if (!data.node || data.node.__typename === 'Article') renderMessage(details, 'Not found', 'This entity is no longer in the graph.', 'error', app.actions);
    else renderEntity(details, data.node, app.actions);
  } catch (err) {
    if (ticket === detailsRequest) renderMessage(details, 'Could not load details', (err as Error).message, 'error', app.actions);
  }
}

/** A drawn edge folds every relation between its two nodes; the panel lists them all. */
export function showEdge(app: App, relations: readonly string[]): void {
  const edges = relations.map((id) => app.state.graph.edges.get(id)).filter((e): e is EdgeData => Boolean(e));
  const first = edges[0];
  if (!first) return;
  renderEdge(openPanel(), edges, app.state.graph.nodes.get(first.source), app.state.graph.nodes.get(first.target), app.actions);
}

export function closeDetails(): void {
  byId('details').hidden = true;
  document.body.classList.remove('with-details');
  detailsRequest++;
}

export function select(app: App, id: string): Promise<void> {
  app.state.selected = [id];
  app.state.path = null;
  app.view.highlight([], []);
  render(app);
  return showDetails(app, id);
}

export async function focusEntity(app: App, id: string): Promise<void> {
  const { state } = app;
  if (!state.graph.nodes.has(id)) await expand(app, id);
  else if (state.hidden.delete(id)) render(app);
  if (!state.graph.nodes.has(id)) return;
  const shown = select(app, id);
  app.view.centerOn(id);
  await shown;
}
