// Starts (or reuses) the Neo4j and the Stanford CoreNLP server the integration tests talk to,
// once per run, and creates the schema. With NEO4J_URI / CORENLP_URL set it only checks that
// those answer.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../server/config.js';
import { closeDb, createDb } from '../server/db/driver.js';
import { ensureSchema } from '../server/db/schema.js';
import { ensureNeo4j, type Neo4jHandle } from '../server/runtime/neo4j/descriptor.js';
import { ensureCoreNlp, type NlpHandle } from '../server/runtime/corenlp/descriptor.js';

let handle: Neo4jHandle | undefined;
let nlp: NlpHandle | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig(process.env);
  [handle, nlp] = await Promise.all([
    ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => console.log(`[neo4j] ${l}`) }),
    // The default extractor reads CoreNLP's annotations, so the integration tier runs the real server.
    ensureCoreNlp(config.corenlp, { mode: 'attached', log: (l) => console.log(`[corenlp] ${l}`) }),
  ]);
  const db = createDb(config);
  try {
    await ensureSchema(db);
  } finally {
    await closeDb(db);
  }
  project.provide('neo4jUri', handle.uri);
  project.provide('corenlpUrls', nlp.urls);
  return async () => {
    await Promise.all([handle?.stop(), nlp?.stop()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    corenlpUrls: string[];
  }
}
