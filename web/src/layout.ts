// Layout: fcose options by graph size, and running them off the main thread. A large layout
// runs in a Web Worker over a headless copy of the elements (plain JSON in, positions out), so
// the page stays responsive; where no Worker exists (tests, headless) it runs in place.
import type { Collection, LayoutOptions, Position } from 'cytoscape';

/** Above this many nodes the view trades detail for speed (no animation, draft layout). */
export const LARGE_GRAPH = 600;
/** From this many nodes a layout is sent to the worker. */
export const WORKER_LAYOUT_FROM = 150;

export function fcoseOptions(nodeCount: number, incremental: boolean, animate: boolean): LayoutOptions {
  const large = nodeCount > LARGE_GRAPH;
  return {
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    randomize: !incremental,
    animate: animate && !large,
    animationDuration: 450,
    fit: !incremental,
    padding: 40,
    // Small graphs make room for labels; large ones leave them to labels.ts, which drops the ones that collide.
    nodeDimensionsIncludeLabels: !large,
    nodeRepulsion: () => (large ? 4500 : 16000),
    idealEdgeLength: () => (large ? 45 : 110),
    edgeElasticity: () => 0.45,
    nodeSeparation: 90,
    gravity: 0.25,
    gravityRange: 3.8,
    numIter: large ? 600 : 2500,
    tile: true,
    tilingPaddingVertical: 20,
    tilingPaddingHorizontal: 20,
  } as unknown as LayoutOptions;
}

export interface LayoutRequest {
  nodes: { id: string; w: number; h: number; x: number; y: number; fixed?: boolean }[];
  edges: { source: string; target: string }[];
  incremental: boolean;
}

export type LayoutAnswer = { positions: Record<string, Position> } | { error: string };

let worker: Worker | null | undefined;
let ticket = 0;

let ready: Promise<void> = Promise.resolve();

function layoutWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  const w = worker;
  if (w) {
    ready = new Promise((resolve) => {
      const onReady = (ev: MessageEvent<{ ready?: boolean }>) => {
        if (!ev.data.ready) return;
        w.removeEventListener('message', onReady);
        resolve();
      };
      w.addEventListener('message', onReady);
      w.addEventListener('error', () => resolve(), { once: true });
    });
  }
  return worker;
}

/** Resolves once the worker has loaded (at once when there is none). */
export function layoutWorkerReady(): Promise<void> {
  return ready;
}

/** Starts the worker early (while the first query is in flight), so the first layout does not wait for it to load. */
export function warmLayoutWorker(): void {
  layoutWorker();
}

/** Computes positions for `eles` in the worker; null when there is no worker or it failed. */
export function layoutInWorker(eles: Collection, incremental: boolean): Promise<Record<string, Position> | null> {
  return layoutRequest({
    nodes: eles.nodes().map((n) => ({ id: n.id(), w: n.width(), h: n.height(), x: n.position('x'), y: n.position('y') })),
    edges: eles.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
    incremental,
  });
}

/** Positions for plain nodes and edges, from the worker; null when there is none or it failed. */
export function layoutRequest(request: LayoutRequest): Promise<Record<string, Position> | null> {
  const w = layoutWorker();
  if (!w) return Promise.resolve(null);
  const id = ++ticket;
  return new Promise((resolve) => {
    const onMessage = (ev: MessageEvent<{ id: number } & LayoutAnswer>) => {
      if (ev.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      resolve('positions' in ev.data ? ev.data.positions : null);
    };
    w.addEventListener('message', onMessage);
    w.postMessage({ id, ...request });
  });
}
