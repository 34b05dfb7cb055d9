// Downloads of the current view: a PNG of the canvas and a JSON document of what is shown.
import type { App } from './app.js';
import { h } from './dom.js';
import { visibleNodeIds } from './view-state.js';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportPng(app: App): void {
  download(app.view.png(), 'news-graph.png');
}

export function exportJson(app: App): void {
  const { state } = app;
  const visible = visibleNodeIds(state.graph, state.filters, state.hidden);
  const positions = app.view.positions();
  const nodes = [...state.graph.nodes.values()].filter((n) => visible.has(n.id)).map((n) => ({ ...n, position: positions[n.id] }));
  const edges = [...state.graph.edges.values()].filter((e) => visible.has(e.source) && visible.has(e.target));
  const doc = { exportedAt: new Date().toISOString(), view: location.search, nodes, edges };
  download(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }), 'news-graph.json');
}
