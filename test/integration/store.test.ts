// The graph store against the real Neo4j: idempotent upserts, replacement of a changed article,
// cross-article merging with per-article provenance, retraction, and all-or-nothing writes.
// Every test uses made-up names under a per-run prefix and removes only its own articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertArticleGraphPerRow } from '../../bench/per-row-writer.js';
import { articleExists, countArticles } from '../../server/db/reads/articles.js';
import { removeArticle, upsertArticleGraph } from '../../server/db/writes/articles.js';
import { resolveAgainstGraph } from '../../server/db/writes/lookups.js';
import { closeDb, createDb, readQuery, type Db } from '../../server/db/driver.js';
import type { Entity, Extraction, Relation } from '../../server/extractors/contract.js';
import type { ArticleInput } from '../../server/ingest/index.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';
import { startFaultProxy } from './fault-proxy.js';

let db: Db;
const P = uniquePrefix('store');
// Names must be letters so they survive slugging; the prefix's random tail keeps them unique.
const tag = P.replace(/[^a-z]/g, '').slice(-10);
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const N = (first: string) => `${cap(first)} ${cap(tag)}`;
const created = new Set<string>();

function article(id: string, text: string, meta: ArticleInput['meta'] = {}): ArticleInput {
  created.add(`${P}-${id}`);
  return { id: `${P}-${id}`, text, meta: { publishedAt: '2019-02-15', source: 'Test Wire', ...meta }, origin: 'test' };
}

function person(local: string, name: string, aliases: string[] = []): Entity {
  return { id: `actor:${local}-${tag}`, type: 'actor', kind: 'person', name, aliases, mentions: [{ text: name, start: 0, end: name.length }] };
}

function fact(source: string, type: Relation['type'], target: string, evidence = 'They met.'): Relation {
  return { source: `actor:${source}-${tag}`, target: `actor:${target}-${tag}`, type, evidence, start: 0, end: evidence.length, confidence: 0.8 };
}

function extraction(entities: Entity[], relations: Relation[]): Extraction {
  return { article: { title: null, source: null, author: null, url: null, publishedAt: null }, entities, relations };
}

async function one<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const res = await readQuery(db, cypher, params);
  return res.records[0]?.toObject() as T;
}

/** Nodes and relationships reachable from this run's articles. */
async function footprint(): Promise<{ nodes: number; rels: number }> {
  return one(
    `MATCH (a:Article) WHERE a.id STARTS WITH $p
     OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
     WITH collect(DISTINCT a) + collect(DISTINCT e) AS nodes, count(m) AS mentions
     RETURN size(nodes) AS nodes,
            mentions + COUNT { MATCH (ev:Evidence) WHERE ev.articleId STARTS WITH $p RETURN ev } AS rels`,
    { p: P },
  );
}

beforeAll(() => {
  db = openTestDb();
});

afterAll(async () => {
  for (const id of created) await removeArticle(db, id);
  await closeDb(db);
});

describe('upsertArticleGraph', () => {
  const alice = person('alice', N('alice'), ['Alice']);
  const bob = person('bob', N('bob'));
  const carol = person('carol', N('carol'));

  it('seeding the same article twice leaves counts unchanged', async () => {
    const input = article('same', 'Alice met Bob.');
    const ex = extraction([alice, bob], [fact('alice', 'MET_WITH', 'bob')]);
    const first = await upsertArticleGraph(db, input, ex);
    expect(first).toMatchObject({ status: 'new', nodesCreated: 3, relationshipsCreated: 3 });
    const before = await footprint();
    const articles = await countArticles(db);
    const second = await upsertArticleGraph(db, input, ex);
    expect(second).toMatchObject({ status: 'unchanged', nodesCreated: 0, relationshipsCreated: 0 });
    expect(await footprint()).toEqual(before);
    expect(await countArticles(db)).toBe(articles);
    expect(await articleExists(db, input.id)).toBe(true);
    await removeArticle(db, input.id);
  });

  it('a changed version replaces the article facts and drops entities only the old version named', async () => {
    const v1 = article('changed', 'Alice met Bob.');
    await upsertArticleGraph(db, v1, extraction([alice, bob], [fact('alice', 'MET_WITH', 'bob')]));
    const v2 = { ...v1, text: 'Alice accused Carol.' };
    const s = await upsertArticleGraph(db, v2, extraction([alice, carol], [fact('alice', 'ACCUSED', 'carol', 'Alice accused Carol.')]));
    expect(s.status).toBe('updated');
    expect(s.deletedEntityIds).toEqual([`actor:person:bob-${tag}`]);
    const facts = await readQuery(db, 'MATCH (ev:Evidence {articleId: $id}) RETURN ev.type AS t, ev.sentence AS ev', { id: v1.id });
    expect(facts.records.map((r) => [r.get('t'), r.get('ev')])).toEqual([['ACCUSED', 'Alice accused Carol.']]);
    const text = await one<{ text: string }>('MATCH (a:Article {id: $id}) RETURN a.text AS text', { id: v1.id });
    expect(text.text).toBe('Alice accused Carol.');
    await removeArticle(db, v1.id);
  });

  it('two articles naming the same person make one node carrying both articles and their corroboration', async () => {
    // The second article knows her only as "Alice": resolved by alias key to the first one's node.
    const a1 = article('share-1', 'Alice Tag met Bob Tag.', { source: 'Wire One' });
    const a2 = article('share-2', 'Alice met Bob Tag again.', { source: 'Wire Two' });
    const s1 = await upsertArticleGraph(db, a1, extraction([alice, bob], [fact('alice', 'MET_WITH', 'bob')]));
    const ex2 = extraction([person('a', 'Alice'), bob], [fact('a', 'MET_WITH', 'bob', 'Alice met Bob Tag again.')]);
    const resolved = await resolveAgainstGraph(db, a2, ex2);
    const s2 = await upsertArticleGraph(db, a2, ex2, { resolved });
    expect(s1.createdEntityIds.sort()).toEqual(['actor:person:alice-' + tag, 'actor:person:bob-' + tag].sort());
    expect(s2.createdEntityIds).toEqual([]);
    expect(s2.mergedEntityIds.sort()).toEqual(s1.createdEntityIds.sort());

    const aliceId = `actor:person:alice-${tag}`;
    const node = await one<{ n: number; sources: string[]; how: string[][]; aliases: string[]; aliasText: string }>(
      `MATCH (e:Entity) WHERE e.id = $id OR e.id = $bare
       WITH collect(e) AS es, head(collect(e)) AS e
       RETURN size(es) AS n, e.aliases AS aliases, e.aliasText AS aliasText,
              COLLECT { MATCH (a:Article)-[:MENTIONS]->(e) WHERE a.id STARTS WITH $p RETURN a.id ORDER BY a.id } AS sources,
              COLLECT { MATCH (a:Article)-[m:MENTIONS]->(e) WHERE a.id STARTS WITH $p RETURN [m.resolvedBy, m.matchedOn] ORDER BY a.id } AS how`,
      { id: aliceId, bare: `actor:person:a-${tag}`, p: P },
    );
    expect(node.n).toBe(1);
    expect(node.sources).toEqual([a1.id, a2.id]);
    expect(node.how).toEqual([
      ['new', null],
      ['alias', 'alice'],
    ]);
    expect(node.aliases).toEqual(['Alice']);
    expect(node.aliasText).toBe('Alice');

    const corroboration = await one<{ summaries: number; articles: number; outlets: number; evidence: string[] }>(
      `MATCH (:Entity {id: $a})-[r:MET_WITH]->(:Entity {id: $b})
       RETURN count(r) AS summaries, sum(r.articleCount) AS articles, sum(r.sourceCount) AS outlets,
              COLLECT { MATCH (ev:Evidence {factKey: $a + '|MET_WITH|' + $b}) RETURN ev.sentence ORDER BY ev.articleId } AS evidence`,
      { a: aliceId, b: `actor:person:bob-${tag}` },
    );
    // One summary relationship carries both articles; each article's sentence stays an Evidence node.
    expect(corroboration.summaries).toBe(1);
    expect(corroboration.articles).toBe(2);
    expect(corroboration.outlets).toBe(2);
    expect(corroboration.evidence.sort()).toEqual(['Alice met Bob Tag again.', 'They met.']);

  });

  it('one summary relationship per fact: each article adds its share once, removal takes it back, the last one deletes it', async () => {
    const gina = person('gina', N('gina'));
    const hal = person('hal', N('hal'));
    const g1 = article('sum-1', 'Gina met Hal.', { source: 'Wire One', publishedAt: '2019-02-10' });
    const g2 = article('sum-2', 'Gina met Hal. They met again.', { source: 'Wire Two', publishedAt: '2019-02-20' });
    await upsertArticleGraph(db, g1, extraction([gina, hal], [fact('gina', 'MET_WITH', 'hal', 'Gina met Hal.')]));
    await upsertArticleGraph(db, g2, extraction([gina, hal], [fact('gina', 'MET_WITH', 'hal', 'Gina met Hal.'), { ...fact('gina', 'MET_WITH', 'hal'), start: 14, end: 29, confidence: 0.9 }]));
    const ids = { a: `actor:person:gina-${tag}`, b: `actor:person:hal-${tag}` };
    const summary = () =>
      one<Record<string, unknown>>(
        `MATCH (:Entity {id: $a})-[r:MET_WITH]->(:Entity {id: $b})
         RETURN count(r) AS n, collect([r.articleCount, r.evidenceCount, r.sourceCount, r.outlets, r.firstSeen, r.lastSeen, r.confidence])[0] AS s,
                COUNT { MATCH (ev:Evidence) WHERE ev.factKey = $a + '|MET_WITH|' + $b RETURN ev } AS evidence`,
        ids,
      );
    expect(await summary()).toEqual({ n: 1, s: [2, 3, 2, ['Wire One', 'Wire Two'], '2019-02-10', '2019-02-20', 0.9], evidence: 3 });
    await removeArticle(db, g2.id);
    expect(await summary()).toEqual({ n: 1, s: [1, 1, 1, ['Wire One'], '2019-02-10', '2019-02-10', 0.8], evidence: 1 });
    await removeArticle(db, g1.id);
    const left = await one<Record<string, unknown>>(
      `RETURN COUNT { MATCH (ev:Evidence) WHERE ev.factKey = $a + '|MET_WITH|' + $b RETURN ev } AS evidence,
              COUNT { MATCH (e:Entity) WHERE e.id IN [$a, $b] RETURN e } AS entities`,
      ids,
    );
    expect(left).toEqual({ evidence: 0, entities: 0 });
  });

  it('removing an article deletes only the entities no other article supports, and the aliases only it used', async () => {
    const a3 = article('share-3', 'Alice accused Carol.');
    await upsertArticleGraph(db, a3, extraction([person('a', `Alice ${cap(tag)}`, ['Ally']), carol], [fact('a', 'ACCUSED', 'carol')]));
    const aliceId = `actor:person:alice-${tag}`;
    const withAlly = await one<{ aliases: string[] }>('MATCH (e:Entity {id: $id}) RETURN e.aliases AS aliases', { id: aliceId });
    expect(withAlly.aliases).toEqual(['Alice', 'Ally']);

    const r = await removeArticle(db, a3.id);
    expect(r.removed).toBe(true);
    expect(r.entityIds.sort()).toEqual([aliceId, `actor:person:carol-${tag}`].sort());
    expect(r.deletedEntityIds).toEqual([`actor:person:carol-${tag}`]);
    const after = await one<{ aliases: string[]; accused: number; article: boolean }>(
      `MATCH (e:Entity {id: $id})
       RETURN e.aliases AS aliases, COUNT { MATCH (e)-[:ACCUSED]->() RETURN 1 } AS accused, EXISTS { MATCH (:Article {id: $a}) } AS article`,
      { id: aliceId, a: a3.id },
    );
    expect(after).toEqual({ aliases: ['Alice'], accused: 0, article: false });
    expect(await removeArticle(db, a3.id)).toMatchObject({ removed: false, entityIds: [] });
  });

  it('events of the same type, a day apart, with a shared participant become one node', async () => {
    const talks = (date: string, name: string): Entity => ({ id: 'event:1', type: 'event', name, aliases: [], eventType: 'negotiation', date, mentions: [] });
    const part = (): Relation => ({ ...fact('alice', 'PARTICIPATED_IN', 'alice'), target: 'event:1' });
    const e1 = article('event-1', 'Talks began.');
    const e2 = article('event-2', 'Talks went on.');
    const s1 = await upsertArticleGraph(db, e1, extraction([alice, talks('2019-02-14', `Talks ${tag}`)], [part()]));
    const s2 = await upsertArticleGraph(db, e2, extraction([alice, talks('2019-02-15', `Negotiations ${tag}`)], [part()]));
    const ev = s1.createdEntityIds.find((id) => id.startsWith('event:'))!;
    expect(s2.mergedEntityIds).toContain(ev);
    const m = await one<{ how: string; on: string }>('MATCH (:Article {id: $a})-[m:MENTIONS]->(:Event {id: $ev}) RETURN m.resolvedBy AS how, m.matchedOn AS on', {
      a: e2.id,
      ev,
    });
    expect(m).toEqual({ how: 'event-match', on: ev });
  });

  it('every entity an article touches keeps its degree (distinct neighbours) up to date, on write and on removal', async () => {
    const dave = person('dave', N('dave'));
    const erin = person('erin', N('erin'));
    const frank = person('frank', N('frank'));
    const one1 = article('deg-1', 'Dave met Erin.');
    const two = article('deg-2', 'Dave met Frank. Dave met Erin again.');
    await upsertArticleGraph(db, one1, extraction([dave, erin], [fact('dave', 'MET_WITH', 'erin')]));
    await upsertArticleGraph(db, two, extraction([dave, erin, frank], [fact('dave', 'MET_WITH', 'frank'), fact('dave', 'MET_WITH', 'erin', 'Dave met Erin again.')]));
    const degrees = async () =>
      one<{ stored: number[]; actual: number[] }>(
        `UNWIND $ids AS id MATCH (e:Entity {id: id})
         RETURN collect(e.degree) AS stored, collect(COUNT { MATCH (e)--(o:Entity) RETURN DISTINCT o }) AS actual`,
        { ids: [dave.id, erin.id, frank.id].map((i) => `actor:person:${i.slice('actor:'.length)}`) },
      );
    let d = await degrees();
    expect(d.stored).toEqual([2, 1, 1]);
    expect(d.stored).toEqual(d.actual);
    await removeArticle(db, two.id);
    d = await degrees();
    expect(d.stored).toEqual([1, 1]);
    expect(d.stored).toEqual(d.actual);
  });

  it('the per-row writer gives the same graph as the batched one', async () => {
    const b = article('batched', 'Alice met Bob and Carol.');
    const r = article('per-row', 'Alice met Bob and Carol.');
    const ex = extraction([alice, bob, carol], [fact('alice', 'MET_WITH', 'bob'), fact('alice', 'MET_WITH', 'carol')]);
    const summaries = () =>
      one<{ rows: unknown[] }>(
        `MATCH (:Entity {id: $a})-[r:MET_WITH]->(o) RETURN collect([o.id, r.articleCount, r.evidenceCount, r.confidence]) AS rows`,
        { a: `actor:person:alice-${tag}` },
      );
    const sb = await upsertArticleGraph(db, b, ex);
    const graphB = await summaries();
    await removeArticle(db, b.id);
    const sr = await upsertArticleGraphPerRow(db, r, ex);
    expect(await summaries()).toEqual(graphB);
    expect(sr.entityIds).toEqual(sb.entityIds);
    expect(sr.relationshipsCreated).toBe(sb.relationshipsCreated);
    expect((await upsertArticleGraphPerRow(db, r, ex)).status).toBe('unchanged');
  });

  it('a write that fails half-way leaves nothing of the article', async () => {
    const input = article('fails', 'Dora met Eve.');
    const ex = extraction([person('dora', N('dora')), person('eve', N('eve'))], [fact('dora', 'MET_WITH', 'eve')]);
    await expect(
      upsertArticleGraph(db, input, ex, {
        afterStatement: (step) => {
          if (step === 'facts') throw new Error('boom after the facts');
        },
      }),
    ).rejects.toThrow('boom');
    expect(await articleExists(db, input.id)).toBe(false);
    const left = await one<{ n: number }>('MATCH (e:Entity) WHERE e.id IN $ids RETURN count(e) AS n', {
      ids: [`actor:person:dora-${tag}`, `actor:person:eve-${tag}`],
    });
    expect(left.n).toBe(0);
  });

  it('losing the database connection mid-write rolls the article back, and a rerun completes it', async () => {
    const config = testConfig({ QUERY_TIMEOUT_MS: '1500' });
    const target = new URL(config.neo4j.uri.replace(/^bolt/, 'http'));
    const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
    const viaProxy = createDb({ ...config, neo4j: { ...config.neo4j, uri: proxy.uri } });
    try {
      const input = article('outage', 'Fay met Gus.');
      const ex = extraction([person('fay', N('fay')), person('gus', N('gus'))], [fact('fay', 'MET_WITH', 'gus')]);
      let cut = false;
      const cutOnce = (step: string) => {
        if (step === 'entities' && !cut) {
          cut = true;
          proxy.cut();
        }
      };
      await expect(upsertArticleGraph(viaProxy, input, ex, { afterStatement: cutOnce })).rejects.toThrow();
      expect(await articleExists(db, input.id)).toBe(false);
      const left = await one<{ n: number }>('MATCH (e:Entity) WHERE e.id IN $ids RETURN count(e) AS n', { ids: [`actor:person:fay-${tag}`, `actor:person:gus-${tag}`] });
      expect(left.n).toBe(0);

      proxy.restore();
      const rerun = await upsertArticleGraph(viaProxy, input, ex, { afterStatement: cutOnce });
      expect(rerun).toMatchObject({ status: 'new', nodesCreated: 3, relationshipsCreated: 3 });
    } finally {
      await closeDb(viaProxy);
      await proxy.close();
    }
  });
});
