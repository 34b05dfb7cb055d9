// The configuration the benchmark and the load test run with. With the embedded Neo4j they use
// their own database (.data/neo4j-bench, Bolt port + 1) so figures do not depend on what the
// development graph holds and the development graph is never touched; with NEO4J_URI they use
// that database.
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../server/config.js';

export function benchConfig(env: NodeJS.ProcessEnv): Config {
  const base = loadConfig(env);
  if (!base.neo4j.embedded) return base;
  return loadConfig({
    ...env,
    NEO4J_DATA_DIR: path.join(PROJECT_ROOT, '.data', 'neo4j-bench'),
    NEO4J_BOLT_PORT: String(base.neo4j.boltPort + 1),
  });
}
