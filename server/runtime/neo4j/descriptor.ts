// The embedded Neo4j as a component of ../runtime.ts: community edition jars from Maven Central
// (pom.xml), run in one JVM by Neo4jLauncher.java with only Bolt, on loopback, without
// authentication (config.ts refuses any other host). Ready once it prints NEO4J_READY and a
// driver connects; the driver is loaded only for that check, so nothing else here needs it.
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../../config.js';
import { runtimeFor, type Descriptor, type Handle, type Status } from '../runtime.js';

export const NEO4J_VERSION = '5.26.28';

type Neo4jConfig = Config['neo4j'];
type Where = { uri: string };
export type Neo4jHandle = Handle<Where>;
export type Neo4jStatus = Status<Where>;

export const NEO4J: Descriptor<Neo4jConfig, Where> = {
  name: 'Neo4j',
  title: 'Neo4j',
  version: NEO4J_VERSION,
  noun: 'database',
  scripts: 'db',
  env: { external: 'NEO4J_URI', port: 'NEO4J_BOLT_PORT', startTimeout: 'NEO4J_START_TIMEOUT_MS' },
  useExisting: 'Or use a Neo4j you already run (Docker: `docker compose up -d`, Neo4j Desktop or Aura) by setting NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.',
  dir: path.join(PROJECT_ROOT, 'server', 'runtime', 'neo4j'),
  jars: [`neo4j-${NEO4J_VERSION}.jar`],
  fetching: `Neo4j ${NEO4J_VERSION} (community) jars`,
  mavenArgs: [`-Dneo4j.version=${NEO4J_VERSION}`],
  launcher: { mainClass: 'Neo4jLauncher', javacArgs: [] },
  logFile: 'neo4j.log',
  readyLine: 'NEO4J_READY',
  stopTimeoutMs: 60_000,
  select: (config) => config.neo4j,
  isExternal: (c) => !c.embedded,
  where: (c) => ({ uri: c.uri }),
  addresses: (c) => [c.uri],
  port: (c) => c.boltPort,
  startingDetail: (c) => `data ${path.relative(PROJECT_ROOT, c.dataDir) || c.dataDir}`,
  jvmOptions: () => ['-XX:+UseG1GC'],
  args: (c, mode) => [c.dataDir, c.host, String(c.boltPort), mode],
  openProbe: async (c) => {
    const { closeDb, createDb } = await import('../../db/driver.js');
    const db = createDb({ neo4j: c, queryTimeoutMs: 10_000 });
    return {
      // Each attempt is bounded by the driver's connection timeout.
      check: async () => void (await db.driver.verifyConnectivity({ database: db.database })),
      close: () => closeDb(db),
    };
  },
  external: { mustAnswer: true },
};

export const {
  isProvisioned: isNeo4jProvisioned,
  provision: provisionNeo4j,
  status: neo4jStatus,
  start: startNeo4j,
  stop: stopNeo4j,
  ensure: ensureNeo4j,
} = runtimeFor(NEO4J);
