// Cypher the benchmark runs (bench/sections/seeding.ts), kept in server/db because all Cypher
// lives here, in a folder of its own because no product code may use it. The ceiling for
// seeding: the same rows the article writer produces (entities, mentions, one summary
// relationship per fact, evidence) written with nothing but large UNWIND … MERGE statements, no
// resolution, no bookkeeping, many articles per transaction, into labels of their own (Raw*)
// that no read touches. It says how close the real writer comes to what this Neo4j can take; it
// is not a way to load articles.
import neo4j from 'neo4j-driver';
import { withWriteTransaction, writeQuery, type Db } from '../driver.js';

export interface RawArticleRows {
  articleId: string;
  entities: { id: string; name: string }[];
  facts: { source: string; type: string; target: string; evidence: string; start: number; end: number; confidence: number }[];
}

const RAW_SCHEMA = [
  'CREATE CONSTRAINT raw_entity_id IF NOT EXISTS FOR (e:RawEntity) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT raw_article_id IF NOT EXISTS FOR (a:RawArticle) REQUIRE a.id IS UNIQUE',
];

const RAW_ENTITIES = `
UNWIND $rows AS row
MERGE (a:RawArticle {id: row.articleId})
WITH a, row
UNWIND row.entities AS x
MERGE (e:RawEntity {id: x.id}) ON CREATE SET e.name = x.name
MERGE (a)-[:RAW_MENTIONS]->(e)`;

const RAW_FACTS = `
UNWIND $rows AS row
UNWIND row.facts AS f
MATCH (s:RawEntity {id: f.source}), (t:RawEntity {id: f.target})
MERGE (s)-[r:RAW_FACT {type: f.type}]->(t)
ON CREATE SET r.articleCount = 1
ON MATCH SET r.articleCount = r.articleCount + 1
CREATE (:RawEvidence {articleId: row.articleId, type: f.type, sentence: f.evidence, start: f.start, end: f.end, confidence: f.confidence})`;

const RAW_CLEAR = 'MATCH (n) WHERE n:RawEntity OR n:RawArticle OR n:RawEvidence CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS';

export async function prepareRawCeiling(db: Db): Promise<void> {
  for (const s of RAW_SCHEMA) await writeQuery(db, s);
  await writeQuery(db, 'CALL db.awaitIndexes(120)');
}

/** One transaction: all the rows of these articles in two statements. */
export async function writeRawCeiling(db: Db, rows: readonly RawArticleRows[]): Promise<void> {
  await withWriteTransaction(db, async (tx) => {
    await tx.run(RAW_ENTITIES, { rows });
    await tx.run(RAW_FACTS, { rows });
  });
}

/** Deletes everything the ceiling run wrote (in batches: an implicit transaction). */
export async function clearRawCeiling(db: Db): Promise<void> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.run(RAW_CLEAR);
  } finally {
    await session.close();
  }
}
