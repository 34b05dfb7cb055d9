// Runs the pure extractor off the server's event loop: one message in, one extraction out.
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../../extract/index.js';
import type { ArticleMeta } from '../../extract/types.js';

export interface ExtractRequest {
  id: number;
  text: string;
  meta: ArticleMeta;
}

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;
port.on('message', (req: ExtractRequest) => {
  try {
    port.postMessage({ id: req.id, extraction: extractArticle(req.text, req.meta) });
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
