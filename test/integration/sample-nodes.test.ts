// The hand-judging sampler's reads (server/db/reads/sample.ts) on a real Neo4j, over the sample
// article ingested through the real CoreNLP: a drawn event comes back with its participants, the
// article behind it, the spans that name it and evidence sentences taken from that article.
// Scoped to the article ingested here, which is removed after.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type Config } from '../../server/config.js';
import { closeDb, type Db } from '../../server/db/driver.js';
import { entityIdsOfLabel, findSampledNodes } from '../../server/db/reads/sample.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { createApp, type App } from '../../server/graphql/yoga.js';
import { drawSample } from '../../eval/sample-nodes.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

const sampleText = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
const sampleMeta = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.meta.json'), 'utf8'));

let config: Config;
let db: Db;
let app: App;
let articleId: string;
let eventIds: string[];

beforeAll(async () => {
  config = testConfig({ LOG_LEVEL: 'silent' });
  db = openTestDb();
  app = createApp(config, db, { log: () => {} });
  articleId = uniquePrefix('sample-nodes');
  const article = prepareArticle({ id: articleId, text: sampleText, meta: sampleMeta, origin: 'test' }, { maxBytes: config.maxArticleBytes });
  await ingestArticleInput(db, article, { extractor: getExtractor('corenlp', config) });
  const res = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: 'query($a: ID!) { events(filter: {article: $a}, first: 100) { edges { node { id } } } }', variables: { a: articleId } }),
  });
  const body = (await res.json()) as { data: { events: { edges: { node: { id: string } }[] } } };
  eventIds = body.data.events.edges.map((e) => e.node.id);
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (articleId) await removeArticle(db, articleId);
  await closeDb(db);
});

describe('the sampler reads', () => {
  it('list every event id of the graph, the article’s among them, in id order', async () => {
    expect(eventIds.length).toBeGreaterThan(0);
    const all = await entityIdsOfLabel(db, 'Event');
    for (const id of eventIds) expect(all).toContain(id);
    expect([...all].sort()).toEqual(all);
  });

  it('return drawn events in the order asked, each with its article, spans and evidence from that article', async () => {
    const drawn = drawSample(eventIds, 5, 1);
    const nodes = await findSampledNodes(db, drawn);
    expect(nodes.map((n) => n.entity.id)).toEqual(drawn);
    for (const n of nodes) {
      expect(n.entity.type).toBe('EVENT');
      const mine = n.articles.find((a) => a.articleId === articleId);
      expect(mine, n.entity.id).toBeDefined();
      expect(n.articles.length).toBeLessThanOrEqual(2);
      expect(mine!.publishedAt).toBe(sampleMeta.publishedAt);
      expect(mine!.mentions.length).toBeGreaterThan(0);
      for (const m of mine!.mentions) expect(mine!.text.slice(m.start, m.end)).toBe(m.text);
      for (const ev of mine!.evidence) {
        expect(mine!.text).toContain(ev.sentence);
        expect([ev.source, ev.target]).toContain(n.entity.id);
      }
    }
    // Some drawn event has an actor taking part, with the fact type as its role.
    const roles = nodes.flatMap((n) => n.participants.map((p) => p.role));
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect(['PARTICIPATED_IN', 'TARGET_OF', 'STATED', 'DENIED']).toContain(r);
  });
});
