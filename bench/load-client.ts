// One autocannon run in its own process, so the load generator's memory and CPU are not
// counted as the server's. Reads LoadOptions as JSON from argv[2], prints a LoadSummary as JSON.
import { graphqlOk, runLoad, type LoadOptions } from './load.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as LoadOptions & { verifyGraphql?: boolean };
const summary = await runLoad({ ...opts, ...(opts.verifyGraphql ? { verifyBody: graphqlOk } : {}) });
process.stdout.write(`${JSON.stringify(summary)}\n`);
