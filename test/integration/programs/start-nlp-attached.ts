// Starts the embedded CoreNLP server attached to this process, prints its pid, then waits to be
// killed. The NLP lifecycle test kills this process with SIGKILL to prove the server does not outlive it.
import { loadConfig } from '../../../server/config.js';
import { coreNlpStatus, startCoreNlp } from '../../../server/runtime/corenlp/descriptor.js';

const config = loadConfig(process.env);
await startCoreNlp(config.corenlp, { mode: 'attached' });
const status = await coreNlpStatus(config.corenlp);
process.stdout.write(`PID ${status.pid}\n`);
setInterval(() => {}, 60_000);
