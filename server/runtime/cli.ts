// `tsx server/runtime/cli.ts <neo4j|corenlp> <provision|start|stop|status>`, behind
// npm run db:provision | db:start | db:stop | db:status and nlp:provision | … | nlp:status.
// Exit codes: 0 done, 1 failed, 2 bad arguments, 3 (status) not running.
import { ConfigError, loadConfig } from '../config.js';
import { CORENLP } from './corenlp/descriptor.js';
import { NEO4J } from './neo4j/descriptor.js';
import { LaunchError, provision, start, status, stop, type ComponentConfig, type Descriptor } from './runtime.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const COMPONENTS: Record<string, Descriptor<ComponentConfig, object>> = { neo4j: NEO4J, corenlp: CORENLP };

const COMMANDS: Record<string, string> = {
  provision: 'fetch the jars with Maven (once) and compile the launcher',
  start: 'start it in the background, or find the one already running',
  stop: 'stop the one this project started',
  status: 'print its state as JSON (exit 3 when it is stopped)',
};

const USAGE = `Usage: tsx server/runtime/cli.ts <component> <command>
       npm run db:<command>    (component neo4j)
       npm run nlp:<command>   (component corenlp)

Components:
${Object.entries(COMPONENTS)
  .map(([name, d]) => `  ${name.padEnd(11)}the embedded ${d.title} ${d.version} ${d.noun} (npm run ${d.scripts}:<command>)`)
  .join('\n')}

Commands:
${Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(11)}${what}`).join('\n')}

With ${Object.values(COMPONENTS).map((d) => d.env.external).join(' or ')} set, the project uses that one and starts none of its
own: status reports it as "external" and the other commands have nothing to do.

Exit codes: 0 done, 1 failed, 2 bad arguments, 3 status found it stopped.
`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [name, command, ...rest] = argv;
  const d = name !== undefined && Object.hasOwn(COMPONENTS, name) ? COMPONENTS[name] : undefined;
  if (!d || command === undefined || !Object.hasOwn(COMMANDS, command) || rest.length > 0) {
    const problem =
      name === undefined ? 'no component given'
      : !d ? `unknown component ${JSON.stringify(name)}`
      : command === undefined ? 'no command given'
      : rest.length > 0 ? `unexpected argument ${JSON.stringify(rest[0])}`
      : `unknown command ${JSON.stringify(command)}`;
    log(`error: ${problem}\n\n${USAGE}`);
    return 2;
  }
  const c = d.select(loadConfig());
  if (d.isExternal(c) && command !== 'status') {
    log(`${d.env.external} is set (${d.addresses(c).join(', ')}): the project uses that ${d.noun}, so there is nothing to ${command}.`);
    return 0;
  }
  switch (command) {
    case 'provision':
      provision(d, c, log);
      log(`${d.title} ${d.version} is provisioned in ${c.cacheDir}.`);
      return 0;
    case 'start': {
      const handle = await start(d, c, { mode: 'detached', log });
      if (handle.started) log(`It keeps running in the background; \`npm run ${d.scripts}:stop\` stops it.`);
      return 0;
    }
    case 'stop':
      log((await stop(d, c)) ? `${d.name} stopped.` : `${d.name} was not running.`);
      return 0;
    default: {
      const s = await status(d, c);
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return s.state === 'stopped' ? 3 : 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof LaunchError) log(err.message);
    else log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
