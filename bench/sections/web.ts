// Web first render and fcose layout in Chromium for generated graphs of 500 and 2,000 nodes,
// with the canvas and the WebGL renderer. The page is web/bench.html served by Vite.
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

export interface WebRun {
  nodes: number;
  edges: number;
  renderer: 'canvas' | 'webgl';
  firstRenderMs: number;
  syncMs: number;
  layoutMs: number;
  zoomFrameMs: number;
}

export const WEB_CASES = [
  { nodes: 500, edges: 1250 },
  { nodes: 2000, edges: 5000 },
] as const;

export async function benchWeb(chromiumPath = '/usr/bin/chromium'): Promise<WebRun[]> {
  const server = await createServer({ configFile: 'web/vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not listen on a port');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const runs: WebRun[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${address.port}/bench.html`);
    await page.waitForFunction(() => 'runBench' in window, undefined, { timeout: 60_000 });
    for (const c of WEB_CASES) {
      for (const webgl of [false, true]) {
        const r = await page.evaluate(
          ([n, e, w]) =>
            (window as unknown as { runBench: (n: number, e: number, w: boolean) => Promise<Record<string, number>> }).runBench(n, e, w),
          [c.nodes, c.edges, webgl] as const,
        );
        runs.push({
          nodes: c.nodes,
          edges: c.edges,
          renderer: webgl ? 'webgl' : 'canvas',
          firstRenderMs: r.firstRenderMs ?? Number.NaN,
          syncMs: r.syncMs ?? Number.NaN,
          layoutMs: r.layoutMs ?? Number.NaN,
          zoomFrameMs: r.zoomFrameMs ?? Number.NaN,
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return runs;
}
