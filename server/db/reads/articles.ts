// Reads of the Article nodes themselves for ingest and seeding: how many there are, whether one
// exists, and the content hash that tells an unchanged article from a changed one.
import type { Db } from '../driver.js';
import { run, statement, type Statement } from '../statement.js';

export function countArticlesStatement(): Statement {
  return statement('MATCH (a:Article) RETURN count(a) AS n');
}

export function articleExistsStatement(id: string): Statement {
  return statement('RETURN EXISTS { MATCH (:Article {id: $id}) } AS exists', { id });
}

export function storedContentHashStatement(id: string): Statement {
  return statement('MATCH (a:Article {id: $id}) RETURN a.contentHash AS contentHash', { id });
}

export async function countArticles(db: Db): Promise<number> {
  const res = await run(db, countArticlesStatement());
  return res.records[0]?.get('n') as number;
}

export async function articleExists(db: Db, id: string): Promise<boolean> {
  const res = await run(db, articleExistsStatement(id));
  return res.records[0]?.get('exists') === true;
}

/** The hash the stored version was written with, or null when the article is not stored. */
export async function storedContentHash(db: Db, id: string): Promise<string | null> {
  const res = await run(db, storedContentHashStatement(id));
  return (res.records[0]?.get('contentHash') as string | undefined) ?? null;
}
