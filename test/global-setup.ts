// Starts (or reuses) the Neo4j and the Stanford CoreNLP server the integration and e2e tiers talk
// to, once per run, and creates the schema. With NEO4J_URI / CORENLP_URL set it only checks that
// those answer.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../server/config.js';
import { closeDb, createDb } from '../server/db/driver.js';
import { ensureSchema } from '../server/db/schema.js';
import { ensureNeo4j } from '../server/runtime/neo4j/descriptor.js';
import { ensureCoreNlp } from '../server/runtime/corenlp/descriptor.js';

interface Services {
  neo4jUri: string;
  corenlpUrls: string[];
  stop(): Promise<void>;
}

// Vitest runs this file once for each project that lists it (integration and e2e), each time in a
// fresh module scope: the started services and a count of their users live on globalThis, so both
// tiers share one Neo4j and one CoreNLP, stopped after the last tier's teardown.
const shared = globalThis as typeof globalThis & { __nkgServices?: { started: Promise<Services>; users: number } };

async function startServices(): Promise<Services> {
  const config = loadConfig(process.env);
  const [neo4j, nlp] = await Promise.all([
    ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => console.log(`[neo4j] ${l}`) }),
    // The default extractor reads CoreNLP's annotations, so these tiers run the real server.
    ensureCoreNlp(config.corenlp, { mode: 'attached', log: (l) => console.log(`[corenlp] ${l}`) }),
  ]);
  const db = createDb(config);
  try {
    await ensureSchema(db);
  } finally {
    await closeDb(db);
  }
  return {
    neo4jUri: neo4j.uri,
    corenlpUrls: nlp.urls,
    stop: async () => {
      await Promise.all([neo4j.stop(), nlp.stop()]);
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const entry = (shared.__nkgServices ??= { started: startServices(), users: 0 });
  entry.users++;
  const services = await entry.started;
  project.provide('neo4jUri', services.neo4jUri);
  project.provide('corenlpUrls', services.corenlpUrls);
  return async () => {
    if (--entry.users > 0) return;
    delete shared.__nkgServices;
    await services.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    corenlpUrls: string[];
  }
}
