// Event coreference inside a story, against the real Neo4j and CoreNLP: two outlets' reports of
// the Qeshm island quake (test/fixtures/ecbplus/README.md) name the place differently ("Qeshm
// island", "the Persian Gulf") and share no person, so only the story and the pairwise model make
// them one event node; the Bam quake of December 2003 that the BBC recalls stays another.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, readQuery, type Db } from '../../server/db/driver.js';
import { removeArticle } from '../../server/db/writes/articles.js';
import { getExtractor } from '../../server/extractors/registry.js';
import { prepareArticle, type ArticleInput } from '../../server/ingest/index.js';
import { ingestArticleInput } from '../../server/ingest-service.js';
import { openTestDb, testConfig, uniquePrefix } from '../helpers/neo4j.js';

const DATA = path.resolve(import.meta.dirname, '../fixtures/ecbplus');
const P = uniquePrefix('evcoref');

function ecb(doc: string): ArticleInput {
  const text = readFileSync(path.join(DATA, `${doc}.txt`), 'utf8');
  const meta = JSON.parse(readFileSync(path.join(DATA, `${doc}.meta.json`), 'utf8')) as Record<string, string>;
  return prepareArticle({ id: `${P}-${doc}`, text, meta, origin: doc }, { maxBytes: 1_000_000 });
}

let db: Db;
const bbc = ecb('20_1ecbplus');
const payvand = ecb('20_2ecbplus');

interface Quake { id: string; date: string | null; articles: string[]; how: string[]; matchedOn: (string | null)[] }
async function quakes(): Promise<Quake[]> {
  const res = await readQuery(
    db,
    `MATCH (a:Article)-[m:MENTIONS]->(e:Event {eventType: 'earthquake'}) WHERE a.id IN $ids
     WITH e, a, m ORDER BY a.id
     RETURN e.id AS id, e.date AS date, collect([a.id, m.resolvedBy, m.matchedOn]) AS rows ORDER BY id`,
    { ids: [bbc.id, payvand.id] },
  );
  return res.records.map((r) => {
    const rows = r.get('rows') as [string, string, string | null][];
    return { id: r.get('id'), date: r.get('date'), articles: rows.map((x) => x[0]), how: rows.map((x) => x[1]), matchedOn: rows.map((x) => x[2]) };
  });
}

beforeAll(async () => {
  const config = testConfig({ LOG_LEVEL: 'silent' });
  db = openTestDb();
  const extract = getExtractor('corenlp', config);
  // One after the other, as a feed arrives: the second report is resolved against the first.
  await ingestArticleInput(db, bbc, { extractor: extract });
  await ingestArticleInput(db, payvand, { extractor: extract });
}, 180_000);

afterAll(async () => {
  await removeArticle(db, payvand.id);
  await removeArticle(db, bbc.id);
  await closeDb(db);
});

describe('one event node for one happening across outlets', () => {
  it('puts both reports in one story', async () => {
    const res = await readQuery(db, 'MATCH (a:Article)-[:IN_STORY]->(s:Story) WHERE a.id IN $ids RETURN count(DISTINCT s) AS stories', { ids: [bbc.id, payvand.id] });
    expect(Number(res.records[0]!.get('stories'))).toBe(1);
  });

  it('makes the quake both report one node, merged through the story, with what matched on the mention', async () => {
    const both = (await quakes()).filter((q) => q.articles.length === 2);
    expect(both).toHaveLength(1);
    const q = both[0]!;
    expect(q.date).toBe('2005-11-27');
    const i = q.articles.indexOf(payvand.id);
    expect(q.how[i]).toBe('story-event');
    expect(q.matchedOn[i]).toMatch(new RegExp(`^${q.id} \\(type, date:[01]d, .*word:(earth)?quake.*p=0\\.\\d\\d\\)$`));
  });

  it('keeps the Bam quake of December 2003 apart', async () => {
    const bam = (await quakes()).filter((q) => q.date === '2003-12');
    expect(bam.length).toBeGreaterThanOrEqual(1);
    for (const b of bam) expect(b.articles).not.toContain(payvand.id);
  });
});
