// GraphQL latency and throughput with autocannon at several client counts, against the same
// read functions called straight from a bare HTTP handler (the direct-driver baseline), so the
// overhead of the GraphQL layer (parsing, validation, limits, resolvers, loaders) is a ratio.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../server/config.js';
import type { Db } from '../../server/db/driver.js';
import { searchEntities } from '../../server/db/queries/entities.js';
import { neighbourhood, timeline, topEntities } from '../../server/db/queries/graph.js';
import { luceneQuery } from '../../server/graph/args.js';
import { createApp } from '../../server/yoga.js';
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
  direct: LoadSummary;
  /** GraphQL p50 latency over direct p50 latency. */
  overheadP50: number;
  /** Direct requests/s over GraphQL requests/s. */
  overheadRps: number;
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

export async function benchGraphql(config: Config, db: Db, connections: number[], durationS: number): Promise<GraphqlComparison[]> {
  const [top] = await topEntities(db, 'Actor', 1);
  if (!top) throw new Error('the graph holds no actor: seed it before the GraphQL benchmark');
  const centre = top.entity.id;
  const word = top.entity.name.split(/\s+/)[0] ?? top.entity.name;

  const cases = [
    {
      query: `search("${word}", first 10)`,
      body: JSON.stringify({
        query: 'query($q: String!) { search(query: $q, first: 10) { edges { node { id name } } } }',
        variables: { q: word },
      }),
      direct: () => searchEntities(db, luceneQuery(word), null, 0, 10),
    },
    {
      query: 'neighbourhood(top actor, depth 2, 100 nodes)',
      body: JSON.stringify({
        query: 'query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 100) { nodes { id name type degree } edges { id source target type evidenceCount } } }',
        variables: { id: centre },
      }),
      direct: () => neighbourhood(db, centre, 2, null, 100),
    },
    {
      query: 'timeline(top actor, first 20)',
      body: JSON.stringify({
        query: 'query($id: ID!) { timeline(actor: $id, first: 20) { totalCount edges { node { id name date eventType } } } }',
        variables: { id: centre },
      }),
      direct: () => timeline(db, centre, null, null, null, 0, 20),
    },
  ];

  const app = createApp({ ...config, logLevel: 'error' }, db, { log: () => {} });
  const gqlServer = createServer((req, res) => void app.yoga(req, res));
  let current = cases[0]!;
  const directServer = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      current.direct().then(
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
      await runLoad({ url: gqlUrl, connections: 4, amount: 200, body: c.body, verifyBody: graphqlOk });
      await runLoad({ url: directUrl, connections: 4, amount: 200, body: '{}' });
      for (const n of connections) {
        const graphql = await runLoad({ url: gqlUrl, connections: n, durationS, body: c.body, verifyBody: graphqlOk });
        const direct = await runLoad({ url: directUrl, connections: n, durationS, body: '{}' });
        out.push({
          query: c.query,
          connections: n,
          graphql,
          direct,
          overheadP50: graphql.p50Ms / direct.p50Ms,
          overheadRps: direct.rps / graphql.rps,
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
