// The extraction stages on worker threads (the built-in tokenizer's, or over CoreNLP's annotations). Extraction is CPU work that grows with article size
// (a 2 MB article takes seconds); on the server's event loop it would stall every query while it
// runs, so the server hands it to a small pool of workers and stays responsive.
import { Worker } from 'node:worker_threads';
import type { ArticleMeta, Extraction } from './contract.js';
import type { AnnotatedPiece } from '../nlp/corenlp/client.js';
import type { Extractor, StageRunner } from './registry.js';

interface Pending {
  resolve: (x: Extraction) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export interface WorkerExtractor extends StageRunner {
  /** The rule-based extractor (tokenizer and stages) on the workers. */
  extract: Extractor;
  close(): Promise<void>;
}

const BOOT = new URL('./worker/boot.mjs', import.meta.url);

export function createWorkerExtractor(size = 1): WorkerExtractor {
  const pending = new Map<number, Pending & { slot: Slot }>();
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(BOOT), busy: 0 };
    // Idle workers must not keep the process alive.
    slot.worker.unref();
    slot.worker.on('message', (m: { id: number; extraction?: Extraction; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      slot.busy--;
      if (pending.size === 0) for (const s of slots) s.worker.unref();
      if (m.error !== undefined) p.reject(new Error(`extraction failed: ${m.error}`));
      else p.resolve(m.extraction as Extraction);
    });
    const fail = (err: Error) => {
      // A crashed worker fails only its own requests; a fresh one takes its place.
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.reject(new Error(`extraction worker stopped: ${err.message}`));
      }
      const i = slots.indexOf(slot);
      if (i >= 0 && !closed) slots[i] = spawn();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!closed && code !== 0) fail(new Error(`exit code ${code}`));
    });
    return slot;
  };
  for (let i = 0; i < Math.max(1, size); i++) slots.push(spawn());

  const run = (text: string, meta: ArticleMeta, pieces?: AnnotatedPiece[]) =>
    new Promise<Extraction>((resolve, reject) => {
      if (closed) {
        reject(new Error('extractor is closed'));
        return;
      }
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      pending.set(id, { resolve, reject, slot });
      slot.busy++;
      slot.worker.ref();
      slot.worker.postMessage({ id, text, meta, pieces });
    });
  const extract: Extractor = (text, meta) => run(text, meta);

  return {
    extract,
    rules: (text, meta) => run(text, meta),
    annotated: (text, meta, pieces) => run(text, meta, pieces),
    close: async () => {
      closed = true;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new Error('extractor is closed'));
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
