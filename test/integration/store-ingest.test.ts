// ingest-service against the real Neo4j: the path the seed command and the ingestArticle
// mutation share, and the start-up seeding of the sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleExists, countArticles } from '../../server/db/reads/articles.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { closeDb, readQuery, type Db } from '../../server/db/driver.js';
import { getExtractor, type Extractor } from '../../server/extractors/registry.js';
import { ingestArticleInput, readSampleArticle, seedSampleIfEmpty } from '../../server/ingest-service.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

const P = uniquePrefix('ingest');
let db: Db;

beforeAll(() => {
  db = openTestDb();
});

afterAll(async () => {
  await removeArticle(db, `${P}-sample`);
  await closeDb(db);
});

describe('ingestArticleInput', () => {
  it('extracts, resolves and writes once; the same article again is not even extracted', async () => {
    const config = testConfig();
    const rules = getExtractor('rules', config);
    let extractions = 0;
    const counting: Extractor = async (text, meta) => {
      extractions++;
      return rules(text, meta);
    };
    const input = { ...(await readSampleArticle(config)), id: `${P}-sample` };
    const first = await ingestArticleInput(db, input, { extractor: counting });
    expect(first.status).toBe('new');
    expect(first.relationshipsCreated).toBeGreaterThan(100);
    const evidence = async () =>
      (await readQuery(db, 'MATCH (ev:Evidence {articleId: $id}) RETURN count(ev) AS n', { id: input.id })).records[0]!.get('n') as number;
    const stated = await evidence();
    expect(stated).toBeGreaterThan(50);
    // One summary per fact key, and the articles they count (this one and any other copy).
    const summaryCounts = async () => {
      const res = await readQuery(
        db,
        `MATCH (ev:Evidence {articleId: $id}) WITH DISTINCT ev.factKey AS key, ev.source AS s, ev.target AS t, ev.type AS type
         MATCH (:Entity {id: s})-[r]->(:Entity {id: t}) WHERE type(r) = type
         RETURN count(r) AS summaries, count(DISTINCT key) AS keys, sum(r.articleCount) AS articles`,
        { id: input.id },
      );
      return res.records[0]!.toObject() as { summaries: number; keys: number; articles: number };
    };
    const countsBefore = await summaryCounts();
    const second = await ingestArticleInput(db, input, { extractor: counting });
    expect(second).toMatchObject({ status: 'unchanged', nodesCreated: 0, relationshipsCreated: 0 });
    expect(extractions).toBe(1);

    const changed = await ingestArticleInput(db, { ...input, meta: { ...input.meta, title: `${input.meta.title} (corrected)` } }, { extractor: counting });
    expect(changed.status).toBe('updated');
    // Replaced, not added to: the same text gives the same facts, and no summary counts this article twice.
    expect(await evidence()).toBe(stated);
    const counts = await summaryCounts();
    expect(counts.summaries).toBe(counts.keys);
    expect(counts.articles).toBe(countsBefore.articles);
  });

  it('seedSampleIfEmpty leaves a graph that holds an article alone', async () => {
    expect(await articleExists(db, `${P}-sample`)).toBe(true);
    const before = await countArticles(db);
    const lines: string[] = [];
    expect(await seedSampleIfEmpty(db, testConfig(), (l) => lines.push(l))).toBeNull();
    expect(await countArticles(db)).toBe(before);
    expect(lines).toEqual([]);
  });

  it('seedSampleIfEmpty does nothing when SEED_ON_EMPTY is false', async () => {
    expect(await seedSampleIfEmpty(db, testConfig({ SEED_ON_EMPTY: 'false' }), () => {})).toBeNull();
  });
});
