// Starts the embedded Neo4j attached to this process, prints its pid, then waits to be killed.
// The lifecycle test kills this process with SIGKILL to prove the database does not outlive it.
import { loadConfig } from '../../../server/config.js';
import { neo4jStatus, startNeo4j } from '../../../server/runtime/neo4j/descriptor.js';

const config = loadConfig(process.env);
await startNeo4j(config.neo4j, { mode: 'attached' });
const status = await neo4jStatus(config.neo4j);
process.stdout.write(`PID ${status.pid}\n`);
setInterval(() => {}, 60_000);
