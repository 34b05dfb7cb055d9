// npm run nlp:provision | nlp:start | nlp:stop | nlp:status
import { ConfigError, loadConfig } from '../config.js';
import { CORENLP_VERSION, NlpRuntimeError, coreNlpStatus, provisionCoreNlp, startCoreNlp, stopCoreNlp } from './runtime.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(command: string | undefined): Promise<number> {
  const config = loadConfig();
  const c = config.corenlp;
  if (c.external && command !== 'status') {
    log(`CORENLP_URL is set (${c.urls.join(', ')}): the project uses that server, so there is nothing to ${command}.`);
    return 0;
  }
  switch (command) {
    case 'provision':
      provisionCoreNlp(c, log);
      log(`Stanford CoreNLP ${CORENLP_VERSION} is provisioned in ${c.cacheDir}.`);
      return 0;
    case 'start': {
      const handle = await startCoreNlp(c, { mode: 'detached', log });
      if (handle.started) log('It keeps running in the background; `npm run nlp:stop` stops it.');
      return 0;
    }
    case 'stop':
      log((await stopCoreNlp(c)) ? 'CoreNLP stopped.' : 'CoreNLP was not running.');
      return 0;
    case 'status': {
      const s = await coreNlpStatus(c);
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return s.state === 'stopped' ? 3 : 0;
    }
    default:
      log('usage: tsx server/nlp-runtime/cli.ts provision|start|stop|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof NlpRuntimeError) log(err.message);
    else log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
