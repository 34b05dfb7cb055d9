// Measures the explorer's first render and fcose layout in Chromium for generated graphs of
// 500 and 2,000 nodes (canvas and WebGL renderers). Prints one line per case.
//   npm run bench:web            (needs /usr/bin/chromium or CHROMIUM_PATH)
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const cases = [
  { nodes: 500, edges: 1250 },
  { nodes: 2000, edges: 5000 },
];

const server = await createServer({ configFile: 'web/vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const address = server.httpServer?.address();
if (!address || typeof address === 'string') throw new Error('vite did not listen on a port');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${address.port}/bench.html`);
  await page.waitForFunction(() => 'runBench' in window, undefined, { timeout: 60_000 });
  console.log('nodes  edges  renderer  first render (of which add+style)  layout   zoom frame');
  for (const c of cases) {
    for (const webgl of [false, true]) {
      const r = await page.evaluate(
        ([n, e, w]) => (window as unknown as { runBench: (n: number, e: number, w: boolean) => Promise<Record<string, number>> }).runBench(n, e, w),
        [c.nodes, c.edges, webgl] as const,
      );
      console.log(
        `${String(c.nodes).padStart(5)}  ${String(c.edges).padStart(5)}  ${(webgl ? 'webgl' : 'canvas').padEnd(8)}  ${String(r.firstRenderMs).padStart(9)} ms (${String(r.syncMs).padStart(5)} ms)           ${String(r.layoutMs).padStart(6)} ms  ${String(r.zoomFrameMs).padStart(6)} ms`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
