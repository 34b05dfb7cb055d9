// Starts (or reuses) the Neo4j the integration tests talk to, once per run, and creates the
// schema. With NEO4J_URI set it only checks that database answers.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../server/config.js';
import { closeDb, createDb } from '../server/db/driver.js';
import { ensureSchema } from '../server/db/schema.js';
import { ensureNeo4j, type Neo4jHandle } from '../server/neo4j-runtime/runtime.js';

let handle: Neo4jHandle | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig(process.env);
  handle = await ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => console.log(`[neo4j] ${l}`) });
  const db = createDb(config);
  try {
    await ensureSchema(db);
  } finally {
    await closeDb(db);
  }
  project.provide('neo4jUri', handle.uri);
  return async () => {
    await handle?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
