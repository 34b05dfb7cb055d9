// GraphQL latency and throughput with autocannon at several client counts, against the same
// read functions called straight from a bare HTTP handler (the direct-driver baseline), so the
// overhead of the GraphQL layer (parsing, validation, limits, resolvers, loaders) is a ratio.
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../server/config.js';
import type { Db } from '../../server/db/driver.js';
import { searchEntities, searchTop } from '../../server/db/reads/entities.js';
import { graphStats, neighbourhood, overview, shortestPaths, timeline, topEntities } from '../../server/db/reads/subgraph.js';
import { listStances } from '../../server/db/reads/related.js';
import { luceneQuery } from '../../server/graphql/resolvers/args.js';
import { createApp } from '../../server/graphql/yoga.js';
import { graphqlOk, runLoad, type LoadSummary } from '../load.js';

export interface GraphqlRun {
  query: string;
  side: 'graphql' | 'direct';
  load: LoadSummary;
}

export interface GraphqlComparison {
  query: string;
  connections: number;
  graphql: LoadSummary;
  /** The same read called straight from a bare HTTP handler; null where no single read function answers it. */
  direct: LoadSummary | null;
  /** GraphQL p50 latency over direct p50 latency. */
  overheadP50: number;
  /** Direct requests/s over GraphQL requests/s. */
  overheadRps: number;
  /** The 1-minute load average when this pair of figures was taken. */
  load: number;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const ENTITY = 'id name type kind eventType date degree';
const EDGE = 'id source target type evidenceCount articleCount sources confidence firstSeen';

// The details panel's question, as the web view asks it (server/graphql resolvers and loaders behind it).
const DETAILS = `query($id: ID!) { node(id: $id) { __typename id ... on Entity { name aliases type degree
  evidence(first: 20) { totalCount edges { node { sentence relationType confidence article { id title source publishedAt url } } } } }
  ... on Actor { kind roles { relationType title organization { id name } }
    events(first: 30) { totalCount edges { node { id name date eventType status } } }
    issues(first: 30) { edges { node { id name } } }
    stances(first: 20) { edges { node { stance date issue { id name } } } } } } }`;

interface Case {
  query: string;
  body: string;
  direct?: () => Promise<unknown>;
}

export async function benchGraphql(config: Config, db: Db, connections: number[], durationS: number): Promise<GraphqlComparison[]> {
  const [top] = await topEntities(db, 'Actor', 1);
  const [issue] = await topEntities(db, 'Issue', 1);
  if (!top || !issue) throw new Error('the graph holds no actor or issue: seed it before the GraphQL benchmark');
  const centre = top.entity.id;
  const word = top.entity.name.split(/\s+/)[0] ?? top.entity.name;
  // A long-tail actor (few neighbours) as the other end of a path from the top hub.
  const tail = (await searchEntities(db, luceneQuery('Zeller'), ['Actor'], 0, 1)).items[0]?.entity.id ?? (await topEntities(db, 'Actor', 40)).at(-1)!.entity.id;
  const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

  const cases: Case[] = [
    {
      query: 'overview(limit 150)',
      body: body(`query($n: Int) { overview(limit: $n) { truncated nodes { ${ENTITY} } edges { ${EDGE} } } }`, { n: 150 }),
      direct: () => overview(db, 150),
    },
    ...[1, 2, 3].map((depth) => ({
      query: `neighbourhood(top actor, depth ${depth}, 100 nodes)`,
      body: body(`query($id: ID!, $d: Int) { neighbourhood(id: $id, depth: $d, limit: 100) { truncated nodes { ${ENTITY} } edges { ${EDGE} } } }`, { id: centre, d: depth }),
      direct: () => neighbourhood(db, centre, depth, null, 100),
    })),
    {
      query: 'neighbourhood(long-tail actor, depth 2, 100 nodes)',
      body: body(`query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 100) { truncated nodes { ${ENTITY} } edges { ${EDGE} } } }`, { id: tail }),
      direct: () => neighbourhood(db, tail, 2, null, 100),
    },
    {
      query: 'paths(top actor -> long-tail actor, 3)',
      body: body(`query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4, first: 3) { length nodes { id name } hops { edge { type articleCount evidence(first: 1) { sentence } } } } }`, { a: centre, b: tail }),
      direct: () => shortestPaths(db, centre, tail, 4, 3),
    },
    {
      query: `search("${word}", first 10)`,
      body: body('query($q: String!) { search(query: $q, first: 10) { edges { score node { id name type } } } }', { q: word }),
      direct: () => searchTop(db, luceneQuery(word), 0, 10),
    },
    { query: 'details(top actor)', body: body(DETAILS, { id: centre }) },
    {
      query: 'timeline(top actor, first 20)',
      body: body('query($id: ID!) { timeline(actor: $id, first: 20) { totalCount edges { node { id name date eventType } } } }', { id: centre }),
      direct: () => timeline(db, centre, null, null, null, 0, 20),
    },
    {
      query: 'stances(top issue, first 20)',
      body: body('query($id: ID!) { stances(issue: $id, first: 20) { totalCount edges { node { stance date actor { id name } quote { sentence } } } } }', { id: issue.entity.id }),
      direct: () => listStances(db, null, issue.entity.id, { skip: 0, limit: 20 }),
    },
    {
      query: 'stats',
      body: body('{ stats { articles entitiesByType { label count } actorsByKind { label count } relationshipsByType { label count } topActors(first: 5) { degree entity { id name } } } }'),
      direct: () => graphStats(db),
    },
  ];

  const app = createApp({ ...config, logLevel: 'error' }, db, { log: () => {} });
  // Answers are also watched on the server side: a request the window cut off may still end in a
  // GraphQL error (a database timeout) after autocannon stopped listening; those count as failures.
  const watch = { inFlight: 0, errors: 0 };
  const gqlServer = createServer((req, res) => {
    watch.inFlight++;
    let failed = false;
    const look = (chunk: unknown) => {
      if (chunk && String(chunk).includes('"errors"')) failed = true;
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => (look(chunk), (write as (...a: unknown[]) => boolean)(chunk, ...rest))) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => (look(chunk), (end as (...a: unknown[]) => typeof res)(chunk, ...rest))) as typeof res.end;
    res.on('close', () => {
      watch.inFlight--;
      if (failed) watch.errors++;
    });
    void app.yoga(req, res);
  });
  const settle = async () => {
    for (let waited = 0; watch.inFlight > 0 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  };
  let current = cases[0]!;
  const directServer = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      (current.direct ?? (async () => null))().then(
        (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
  });
  const gqlUrl = `${await listen(gqlServer)}/graphql`;
  const directUrl = await listen(directServer);
  const out: GraphqlComparison[] = [];
  try {
    for (const c of cases) {
      current = c;
      // A short warm-up so the query plans are cached and the JIT has seen the code.
      await runLoad({ url: gqlUrl, connections: 4, amount: 100, body: c.body, verifyBody: graphqlOk });
      if (c.direct) await runLoad({ url: directUrl, connections: 4, amount: 100, body: '{}' });
      for (const n of connections) {
        await settle();
        watch.errors = 0;
        const answered = await runLoad({ url: gqlUrl, connections: n, durationS, body: c.body, verifyBody: graphqlOk, timeoutS: 15 });
        await settle();
        const late = Math.max(0, watch.errors - answered.failures.rejectedBodies);
        const graphql = { ...answered, failed: answered.failed + late + watch.inFlight, failures: { ...answered.failures, lateErrors: late, stillRunning: watch.inFlight } };
        const direct = c.direct ? await runLoad({ url: directUrl, connections: n, durationS, body: '{}', timeoutS: 15 }) : null;
        out.push({
          query: c.query,
          connections: n,
          graphql,
          direct,
          overheadP50: direct ? graphql.p50Ms / direct.p50Ms : Number.NaN,
          overheadRps: direct ? direct.rps / graphql.rps : Number.NaN,
          load: os.loadavg()[0]!,
        });
      }
    }
  } finally {
    await close(gqlServer);
    await close(directServer);
    await app.close();
  }
  return out;
}
