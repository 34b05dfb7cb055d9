// npm run db:provision | db:start | db:stop | db:status
import { ConfigError, loadConfig } from '../config.js';
import { Neo4jRuntimeError, neo4jStatus, provisionNeo4j, startNeo4j, stopNeo4j, NEO4J_VERSION } from './runtime.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(command: string | undefined): Promise<number> {
  const config = loadConfig();
  const c = config.neo4j;
  if (!c.embedded && command !== 'status') {
    log(`NEO4J_URI is set (${c.uri}): the project uses that database, so there is nothing to ${command}.`);
    return 0;
  }
  switch (command) {
    case 'provision':
      provisionNeo4j(c, log);
      log(`Neo4j ${NEO4J_VERSION} is provisioned in ${c.cacheDir}.`);
      return 0;
    case 'start': {
      const handle = await startNeo4j(c, { mode: 'detached', log });
      if (handle.started) log('It keeps running in the background; `npm run db:stop` stops it.');
      return 0;
    }
    case 'stop':
      log((await stopNeo4j(c)) ? 'Neo4j stopped.' : 'Neo4j was not running.');
      return 0;
    case 'status': {
      const s = await neo4jStatus(c);
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return s.state === 'stopped' ? 3 : 0;
    }
    default:
      log('usage: tsx server/neo4j-runtime/cli.ts provision|start|stop|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof Neo4jRuntimeError) log(err.message);
    else log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
