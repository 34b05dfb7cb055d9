// npm run loadtest [-- --duration 60 --connections 64 --ingest-concurrency 2 --attacks]
// 64 GraphQL clients (autocannon, in a separate process) for 60 s against the server running
// in this process, while articles are ingested through the ingestArticle mutation. Passes when
// no request failed, the server's heap after a full GC stayed within bounds, and every article
// ingested under load holds exactly what a quiet re-ingest of it writes. Loopback only.
// With --attacks, one more client replays issue 14's attacks throughout (fragment fan-out,
// nested article texts, oversized answers, badly typed variables, a 35 KB chain of meetings)
// and a health check runs every 250 ms: each attack must get its typed answer within 2 s (the
// chain ingest within 60 s) and every health check must answer within 1 s.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { PROJECT_ROOT } from '../server/config.js';
import { closeDb, createDb, waitForDatabase } from '../server/db/driver.js';
import { ensureSchema } from '../server/db/schema.js';
import { ensureNeo4j, neo4jStatus } from '../server/runtime/neo4j/descriptor.js';
import { createApp } from '../server/graphql/yoga.js';
import { benchConfig } from './bench-config.js';
import { generateArticle } from './corpus.js';
import { meetingChain } from '../test/helpers/pathological.js';
import type { LoadSummary } from './load.js';

const HELP = `Usage: npm run loadtest -- [--duration S] [--connections N] [--ingest-concurrency N] [--attacks]

--duration S             seconds of load (default 60)
--connections N          GraphQL clients at once (default 64)
--ingest-concurrency N   ingestArticle mutations in flight beside them (default 2)
--attacks                also replay issue 14's attacks and check health every 250 ms
--help                   this text

Passes (exit 0) when no request failed, the heap stayed within bounds and every article ingested
under load holds what a quiet re-ingest writes. Starts its own embedded Neo4j (or uses NEO4J_URI).
`;

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        'ingest-concurrency': { type: 'string' },
        attacks: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
}

const values = parseOptions(process.argv.slice(2));
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const withAttacks = values.attacks === true;
const durationS = Number(values.duration ?? 60);
const connections = Number(values.connections ?? 64);
const ingestConcurrency = Number(values['ingest-concurrency'] ?? 2);
for (const [name, v] of [['duration', durationS], ['connections', connections], ['ingest-concurrency', ingestConcurrency]] as const) {
  if (!Number.isInteger(v) || v <= 0) {
    process.stderr.write(`--${name} must be a positive whole number\n\n${HELP}`);
    process.exit(2);
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run loadtest does)');
const log = (line: string) => process.stderr.write(`${line}\n`);
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const config = { ...benchConfig(process.env), logLevel: 'error' as const, ingestToken: 'loadtest-token-0123456789', maxResponseBytes: 500_000 };
if (config.neo4j.embedded && (await neo4jStatus(config.neo4j)).state === 'stopped') {
  rmSync(config.neo4j.dataDir, { recursive: true, force: true });
}
const neo4j = await ensureNeo4j(config.neo4j, { mode: 'attached', log: (l) => log(`[neo4j] ${l}`) });
const db = createDb(config);
await waitForDatabase(db, config.neo4j.startTimeoutMs);
await ensureSchema(db);
const app = createApp(config, db, { log: (m, e) => log(`[graphql] ${m} ${e instanceof Error ? e.message : ''}`) });
const server = createServer((req, res) => void app.yoga(req, res));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome article { id entityCount factCount } } }`;
const REMOVE = `mutation($id: ID!) { removeArticle(id: $id) { articleId } }`;
async function gql(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.ingestToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  if (json.errors?.length) throw new Error(json.errors.map((e) => e.message).join('; '));
  return json.data ?? {};
}
const runId = Date.now().toString(36);
const articleInput = (i: number, prefix: string) => {
  const a = generateArticle(i, { idPrefix: `${prefix}-${runId}`, seed: 4242 });
  return { id: a.id, text: a.text, title: a.meta.title, source: a.meta.source, author: a.meta.author, publishedAt: a.meta.publishedAt };
};

// Something to query: a few dozen articles before the load starts.
log('seeding 40 articles to query …');
for (let i = 0; i < 40; i++) await gql(INGEST, { input: articleInput(i, 'load-pre') });
const stats = await gql('{ stats { articles } actors(first: 1, sort: DEGREE) { edges { node { id name } } } }', {});
const top = stats.actors.edges[0].node as { id: string; name: string };
const word = top.name.split(/\s+/)[0];

const requests = [
  { query: 'query($q: String!) { search(query: $q, first: 10) { edges { node { id name } } } }', variables: { q: word } },
  { query: 'query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 100) { nodes { id name type } edges { id type evidenceCount } } }', variables: { id: top.id } },
  { query: '{ events(first: 20) { edges { node { id name date participants { role actor { id name } } issues { id name } } } } }', variables: {} },
  { query: '{ stats { articles entitiesByType { label count } } }', variables: {} },
].map((b) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }));

const heapStart = heapMiB();
const rssStart = process.memoryUsage().rss / 2 ** 20;
log(`load: ${connections} clients for ${durationS} s, ingesting with ${ingestConcurrency} writers …`);
const client = spawn(process.execPath, ['--import', 'tsx', 'bench/load-client.ts', JSON.stringify({ url, connections, durationS, requests, verifyGraphql: true })], {
  cwd: PROJECT_ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let clientOut = '';
client.stdout.on('data', (c: Buffer) => (clientOut += c.toString()));
const clientDone = new Promise<LoadSummary>((resolve, reject) =>
  client.on('exit', (code) => (code === 0 ? resolve(JSON.parse(clientOut) as LoadSummary) : reject(new Error(`load client exited with ${code}`)))),
);
let loading = true;
void clientDone.finally(() => (loading = false));

const underLoad = new Map<string, { entityCount: number; factCount: number }>();
const ingestErrors: string[] = [];
let next = 0;
async function writer(): Promise<void> {
  while (loading) {
    const input = articleInput(next++, 'load');
    try {
      const r = await gql(INGEST, { input });
      underLoad.set(input.id, { entityCount: r.ingestArticle.article.entityCount, factCount: r.ingestArticle.article.factCount });
    } catch (err) {
      ingestErrors.push(`${input.id}: ${(err as Error).message}`);
    }
  }
}

// Attacks, one at a time in a loop, while the load runs; health checked every 250 ms throughout.
interface AttackResult { name: string; ms: number; code: string | undefined }
const attackResults: AttackResult[] = [];
const attackFailures: string[] = [];
const healthMs: number[] = [];
const chainIds: string[] = [];
async function post(body: unknown): Promise<{ ms: number; json: { data?: any; errors?: { extensions?: { code?: string } }[] } }> {
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${config.ingestToken}` }, body: JSON.stringify(body) });
  return { ms: Date.now() - started, json: (await res.json()) as never };
}
function fanOut(n: number): string {
  let q = 'query { ...F0 }';
  for (let i = 0; i < n; i++) q += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${q} fragment F${n} on Query { stats { articles } }`;
}
const someArticle = articleInput(0, 'load-pre').id;
const attacks: { name: string; body: () => unknown; expect: string | undefined; withinMs: number }[] = [
  {
    name: '35 KB meeting chain',
    body: () => {
      const id = `load-chain-${runId}-${chainIds.length}`;
      chainIds.push(id);
      return { query: INGEST, variables: { input: { id, text: meetingChain(400), title: 'Chain', publishedAt: '2024-03-05' } } };
    },
    expect: undefined,
    withinMs: 60_000,
  },
  { name: 'fan-out n=22', body: () => ({ query: fanOut(22) }), expect: 'QUERY_TOO_COSTLY', withinMs: 2_000 },
  { name: 'fan-out n=290', body: () => ({ query: fanOut(290) }), expect: 'QUERY_TOO_COSTLY', withinMs: 2_000 },
  {
    name: 'nested article texts',
    body: () => ({ query: `{ node(id: "${someArticle}") { ... on Article { entities(first: 20) { edges { node { evidence(first: 20) { edges { node { article { text } } } } } } } } } }` }),
    expect: 'QUERY_TOO_COSTLY',
    withinMs: 2_000,
  },
  {
    // 30 copies of the 38 KB chain article's text: over the 500 KB MAX_RESPONSE_BYTES this run sets,
    // far above the load's own answers.
    name: 'oversized answer',
    body: () => ({ query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: node(id: "${chainIds[0]}") { ... on Article { text } }`).join(' ')} }` }),
    expect: 'RESPONSE_TOO_LARGE',
    withinMs: 2_000,
  },
  { name: 'string for Int', body: () => ({ query: 'query($n: Int) { search(query: "a", first: $n) { edges { node { id } } } }', variables: { n: 'ten' } }), expect: 'BAD_USER_INPUT', withinMs: 2_000 },
  { name: 'unknown enum', body: () => ({ query: 'query($t: [EntityType!]) { search(query: "a", types: $t) { edges { node { id } } } }', variables: { t: ['NOPE'] } }), expect: 'BAD_USER_INPUT', withinMs: 2_000 },
];
async function attacker(): Promise<void> {
  for (let i = 0; loading; i++) {
    const a = attacks[i % attacks.length]!;
    const r = await post(a.body());
    const code = r.json.errors?.[0]?.extensions?.code;
    attackResults.push({ name: a.name, ms: r.ms, code });
    if (code !== a.expect || r.ms > a.withinMs) attackFailures.push(`${a.name}: ${code ?? 'ok'} in ${r.ms} ms`);
  }
}
async function healthWatch(): Promise<void> {
  while (loading) {
    const r = await post({ query: '{ health { ok } }' });
    healthMs.push(r.ms);
    await new Promise((res) => setTimeout(res, 250));
  }
}
await Promise.all([...Array.from({ length: ingestConcurrency }, writer), ...(withAttacks ? [attacker(), healthWatch()] : [])]);
const load = await clientDone;
const heapEnd = heapMiB();
const rssEnd = process.memoryUsage().rss / 2 ** 20;

// Completeness: what each article holds after the load equals what a quiet re-ingest writes.
log(`checking ${underLoad.size} articles ingested under load …`);
const incomplete: string[] = [];
let index = 0;
for (const [id, counts] of underLoad) {
  const i = Number(id.slice(id.lastIndexOf('-') + 1));
  await gql(REMOVE, { id });
  const again = await gql(INGEST, { input: articleInput(i, 'load') });
  const quiet = again.ingestArticle.article as { entityCount: number; factCount: number };
  if (quiet.entityCount !== counts.entityCount || quiet.factCount !== counts.factCount) {
    incomplete.push(`${id}: under load ${JSON.stringify(counts)}, quiet ${JSON.stringify(quiet)}`);
  }
  if (++index % 50 === 0) log(`  ${index}/${underLoad.size}`);
}

// Leave the database as it was.
for (const id of underLoad.keys()) await gql(REMOVE, { id });
for (const id of chainIds) await gql(REMOVE, { id });
for (let i = 0; i < 40; i++) await gql(REMOVE, { id: articleInput(i, 'load-pre').id });

server.closeAllConnections();
await new Promise((r) => server.close(r));
await app.close();
await closeDb(db);
await neo4j.stop();

const heapGrowth = heapEnd - heapStart;
console.log(`
Load test: ${connections} clients, ${load.durationS.toFixed(1)} s, ${ingestConcurrency} concurrent writers
  requests      ${load.requests} (${load.rps.toFixed(0)} req/s), failed ${load.failed} ${JSON.stringify(load.failures)}
  latency       p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms
  ingested      ${underLoad.size} articles under load, ${ingestErrors.length} failed${ingestErrors.length ? `: ${ingestErrors.slice(0, 3).join(' | ')}` : ''}
  completeness  ${underLoad.size - incomplete.length}/${underLoad.size} hold what a quiet re-ingest writes${incomplete.length ? `: ${incomplete.slice(0, 3).join(' | ')}` : ''}
  server heap   ${heapStart.toFixed(1)} MiB at start, ${heapEnd.toFixed(1)} MiB at end after GC (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MiB); RSS ${rssStart.toFixed(0)} -> ${rssEnd.toFixed(0)} MiB`);
if (withAttacks) {
  const worst = (name: string) => Math.max(...attackResults.filter((r) => r.name === name).map((r) => r.ms));
  console.log(`  attacks       ${attackResults.length} sent, ${attackFailures.length} wrong or late${attackFailures.length ? `: ${attackFailures.slice(0, 3).join(' | ')}` : ''}`);
  for (const a of attacks) console.log(`    ${a.name.padEnd(22)} ${attackResults.filter((r) => r.name === a.name).length}x, slowest ${worst(a.name)} ms`);
  console.log(`  health        ${healthMs.length} checks, slowest ${Math.max(...healthMs)} ms`);
}
// Stable heap: after a full GC the server holds no more than a small, fixed amount beyond where it started.
const attacksOk = !withAttacks || (attackFailures.length === 0 && attackResults.length > 0 && Math.max(...healthMs) < 1_000);
const ok = load.failed === 0 && ingestErrors.length === 0 && incomplete.length === 0 && underLoad.size > 0 && heapGrowth < 64 && attacksOk;
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
