// The layout worker: runs fcose over a headless Cytoscape built from the plain JSON it is sent
// and answers with the positions (layout.ts sends the request and applies the answer).
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { fcoseOptions, type LayoutRequest } from './layout.js';

cytoscape.use(fcose);

self.addEventListener('message', (ev: MessageEvent<{ id: number } & LayoutRequest>) => {
  const { id, nodes, edges, incremental } = ev.data;
  try {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)' } }],
      elements: [
        ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, w: n.w, h: n.h }, position: { x: n.x, y: n.y } })),
        ...edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target } })),
      ],
    });
    const layout = cy.layout({ ...fcoseOptions(nodes.length, incremental, false), animate: false, fit: false } as never);
    layout.one('layoutstop', () => {
      const positions: Record<string, { x: number; y: number }> = {};
      cy.nodes().forEach((n) => {
        const p = n.position();
        positions[n.id()] = { x: p.x, y: p.y };
      });
      cy.destroy();
      (self as unknown as Worker).postMessage({ id, positions });
    });
    layout.run();
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: (err as Error).message });
  }
});

// Loaded: layout.ts's layoutWorkerReady resolves.
(self as unknown as Worker).postMessage({ ready: true });
