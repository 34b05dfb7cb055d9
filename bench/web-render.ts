// Measures the explorer's first render and fcose layout in Chromium for generated graphs of
// 500 and 2,000 nodes (canvas and WebGL renderers). Prints one line per case. A large graph is
// laid out in the layout worker before its first draw, as the explorer does; its layout time is
// the worker's.
//   npm run bench:web            (needs /usr/bin/chromium; `npm run bench` includes this)
import { benchWeb } from './sections/web.js';

console.log('nodes  edges  renderer  first render (of which add+style)  layout   render+layout  zoom frame');
for (const r of await benchWeb()) {
  console.log(
    `${String(r.nodes).padStart(5)}  ${String(r.edges).padStart(5)}  ${r.renderer.padEnd(8)}  ${String(r.firstRenderMs).padStart(9)} ms (${String(r.syncMs).padStart(5)} ms)           ${String(r.layoutMs).padStart(6)} ms  ${String(r.firstRenderMs + r.layoutMs).padStart(10)} ms  ${String(r.zoomFrameMs).padStart(6)} ms`,
  );
}
