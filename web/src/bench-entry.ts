// Loaded only by web/bench.html (bench/web-render.ts): renders a generated graph with the real
// stylesheet and layout and reports how long the first render and the layout took.
import { GraphView } from './graph-view.js';
import { layoutWorkerReady, warmLayoutWorker } from './layout.js';
import { mergeGraph, emptyGraph } from './view-state.js';
import type { EdgeData, NodeData } from './to-elements.js';

const TYPES = ['ACTOR', 'ISSUE', 'EVENT', 'PLACE'] as const;
const KINDS = ['PERSON', 'ORGANIZATION', 'COUNTRY', 'GROUP'] as const;
const RELS = ['PARTICIPATED_IN', 'MET_WITH', 'OPPOSES', 'SUPPORTS', 'CONCERNS', 'RELATED_TO'];

/** A deterministic graph with a few hubs, like news graphs have. */
export function generate(nodeCount: number, edgeCount: number): { nodes: NodeData[]; edges: EdgeData[] } {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const nodes: NodeData[] = Array.from({ length: nodeCount }, (_, i) => {
    const type = TYPES[i % 4]!;
    return { id: `n${i}`, label: `Entity ${i}`, type, degree: 0, ...(type === 'ACTOR' ? { kind: KINDS[i % 3]! } : {}), ...(type === 'EVENT' ? { eventType: 'MEETING', date: `2019-0${1 + (i % 9)}-15` } : {}) };
  });
  const edges: EdgeData[] = [];
  for (let i = 0; i < edgeCount; i++) {
    const s = Math.floor(rnd() ** 2 * nodeCount);
    let t = Math.floor(rnd() * nodeCount);
    if (t === s) t = (t + 1) % nodeCount;
    const type = RELS[i % RELS.length]!;
    edges.push({ id: `e${i}`, source: `n${s}`, target: `n${t}`, type, label: type.toLowerCase(), evidenceCount: 1, articleCount: 1, sources: [], confidence: 0.8, family: 'fact' });
    nodes[s]!.degree++;
    nodes[t]!.degree++;
  }
  return { nodes, edges };
}

async function run(nodeCount: number, edgeCount: number, webgl: boolean) {
  const container = document.getElementById('cy')!;
  const view = new GraphView(container, { onNodeTap() {}, onNodeDoubleTap() {}, onEdgeTap() {}, onBackgroundTap() {} }, { webgl });
  const graph = mergeGraph(emptyGraph(), generate(nodeCount, edgeCount)).graph;
  const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
  // As the explorer opens: a large picture is laid out in the worker before its first draw
  // (precompute), a small one is drawn and then laid out. firstRender + layout is the time from
  // the data to the laid-out picture on screen either way.
  const visible = new Set(graph.nodes.keys());
  const t0 = performance.now();
  const laidOut = await view.precompute(graph, visible);
  const workerMs = performance.now() - t0;
  const ts = performance.now();
  view.sync(graph, visible);
  view.fitNow();
  const syncMs = performance.now() - ts;
  await frame();
  await frame();
  const firstRender = performance.now() - ts;
  const t1 = performance.now();
  if (!laidOut) await view.layout(false, false);
  await frame();
  const layout = (laidOut ? workerMs : 0) + performance.now() - t1;
  // Pan and zoom: mean frame time over 20 viewport changes.
  const t2 = performance.now();
  for (let i = 0; i < 20; i++) {
    view.cy.zoom({ level: view.cy.zoom() * (i % 2 ? 1.1 : 0.9), renderedPosition: { x: 640, y: 400 } });
    await frame();
  }
  const frameMs = (performance.now() - t2) / 20;
  view.cy.destroy();
  return { nodes: nodeCount, edges: edgeCount, webgl, firstRenderMs: Math.round(firstRender), syncMs: Math.round(syncMs), layoutMs: Math.round(layout), zoomFrameMs: Math.round(frameMs * 10) / 10 };
}

// The explorer starts its layout worker while its first query is in flight; so does the page.
warmLayoutWorker();
void layoutWorkerReady().then(() => {
  (window as unknown as { runBench: typeof run }).runBench = run;
});
