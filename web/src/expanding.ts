// Growing and shrinking the picture: expanding a node into its neighbourhood (new nodes placed
// around it and laid out on their own), hiding, collapsing and undoing expansions.
import { request } from './api.js';
import { render, toData, type App } from './app.js';
import { LARGE_GRAPH } from './graph-view.js';
import { toast } from './notify.js';
import { NeighbourhoodQuery } from './operations.js';
import { collapsible, mergeGraph, removeElements, undoExpansion, type Expansion } from './view-state.js';

export async function loadNeighbourhood(app: App, id: string): Promise<Expansion | null> {
  const { state } = app;
  const limit = state.graph.nodes.size > LARGE_GRAPH ? 60 : 100;
  const data = await request(NeighbourhoodQuery, { id, depth: 1, limit });
  const merged = mergeGraph(state.graph, toData(data.neighbourhood));
  state.graph = merged.graph;
  for (const n of merged.addedNodes) state.hidden.delete(n);
  state.hidden.delete(id);
  if (data.neighbourhood.truncated) toast('Only the most connected neighbours were loaded.');
  return { id, addedNodes: merged.addedNodes, addedEdges: merged.addedEdges };
}

export async function expand(app: App, id: string, animate = true): Promise<void> {
  document.getElementById('status')!.textContent = 'Loading neighbours…';
  try {
    const expansion = await loadNeighbourhood(app, id);
    if (!expansion) return;
    app.state.expansions.push(expansion);
    const added = render(app, id);
    if (animate) app.view.fadeIn(added);
    // Only the new nodes move: the reader's picture of the rest stays put.
    await app.view.layoutNew(added, animate);
    if (expansion.addedNodes.length === 0) toast('No further neighbours.');
  } catch (err) {
    toast(`Could not expand: ${(err as Error).message}`, 'error');
    render(app);
  }
}

export function hide(app: App, id: string, closeDetails: () => void): void {
  const { state } = app;
  state.hidden.add(id);
  state.selected = state.selected.filter((s) => s !== id);
  if (state.selected.length === 0) closeDetails();
  render(app);
}

export function collapse(app: App, id: string): void {
  const { state } = app;
  const gone = collapsible(state.graph, id, new Set(state.selected.filter((s) => s !== id)));
  if (gone.length === 0) {
    toast('Nothing hangs only on this node.');
    return;
  }
  state.graph = removeElements(state.graph, gone);
  state.expansions = state.expansions.map((e) => ({ ...e, addedNodes: e.addedNodes.filter((n) => !gone.includes(n)) }));
  render(app);
}

export function undo(app: App): void {
  const { state } = app;
  const last = state.expansions.pop();
  if (!last) return;
  const keep = new Set(state.selected);
  state.graph = undoExpansion(state.graph, { ...last, addedNodes: last.addedNodes.filter((n) => !keep.has(n)) });
  render(app);
  toast(`Undid the expansion of ${state.graph.nodes.get(last.id)?.label ?? 'a node'}.`);
}
