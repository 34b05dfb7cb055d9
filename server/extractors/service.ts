// What a long-running command needs to extract: the chosen extractor, with the CoreNLP server it
// depends on started (or found) first and the pure stages on worker threads, so a long article
// never stalls the caller's event loop. `close` stops what this call started, nothing else.
import { availableParallelism } from 'node:os';
import type { Config } from '../config.js';
import type { NlpHandle } from '../runtime/corenlp/descriptor.js';
import { getExtractor, type Extractor, type ExtractorName, type ExtractorOptions } from './registry.js';
import { createWorkerExtractor, type WorkerExtractor } from './pool.js';

export interface ExtractionService {
  extract: Extractor;
  close(): Promise<void>;
}

export interface ServiceOptions extends ExtractorOptions {
  /** Worker threads for the stages; 0 runs them in this thread. Capped at the cores. */
  workers?: number;
  log?: (line: string) => void;
}

export async function startExtraction(name: ExtractorName, config: Config, opts: ServiceOptions = {}): Promise<ExtractionService> {
  let nlp: NlpHandle | undefined;
  if (name === 'corenlp') {
    // Only the CoreNLP extractor needs the server, so only it loads the runtime that starts one.
    const { ensureCoreNlp } = await import('../runtime/corenlp/descriptor.js');
    nlp = await ensureCoreNlp(config.corenlp, { mode: 'attached', log: (l) => opts.log?.(`[corenlp] ${l}`) });
  }
  const size = Math.min(opts.workers ?? 0, availableParallelism());
  const pool: WorkerExtractor | undefined = size > 0 && name !== 'llm' ? createWorkerExtractor(size) : undefined;
  const extract = getExtractor(name, config, { ...opts, ...(pool ? { stages: pool } : {}) });
  return {
    extract,
    close: async () => {
      await pool?.close();
      await nlp?.stop();
    },
  };
}
