// Runs the pure extractor off the server's event loop: one message in, one extraction out.
import { parentPort } from 'node:worker_threads';
import { extractArticle, extractFromArticle } from '../../rules/index.js';
import type { ArticleMeta } from '../contract.js';
import { articleFromCoreNlp } from '../../nlp/corenlp/article.js';
import type { AnnotatedPiece } from '../../nlp/corenlp/client.js';

export interface ExtractRequest {
  id: number;
  text: string;
  meta: ArticleMeta;
  /** CoreNLP's answers, when the article was annotated by it; otherwise the built-in tokenizer runs. */
  pieces?: AnnotatedPiece[];
}

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;
port.on('message', (req: ExtractRequest) => {
  try {
    const extraction = req.pieces ? extractFromArticle(articleFromCoreNlp(req.text, req.pieces), req.meta) : extractArticle(req.text, req.meta);
    port.postMessage({ id: req.id, extraction });
  } catch (err) {
    port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
