// The picture cache against the real Neo4j: one read per graph version however many ask, and
// any write (an article added, changed or removed, by any process) makes the next ask read again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, type Db } from '../../server/db/driver.js';
import { ReadCache } from '../../server/db/read-cache.js';
import { graphVersion } from '../../server/db/reads/version.js';
import { removeArticle, upsertArticleGraph } from '../../server/db/writes/articles.js';
import type { Entity, Extraction } from '../../server/extractors/contract.js';
import { openTestDb, uniquePrefix } from '../helpers/neo4j.js';

let db: Db;
const P = uniquePrefix('cache');
const tag = P.replace(/[^a-z]/g, '').slice(-10);
const TEXT = `Minister ${tag} spoke.`;

function extraction(name: string): Extraction {
  const person: Entity = { id: `actor:${tag}`, type: 'actor', kind: 'person', name, aliases: [], mentions: [{ text: name, start: 0, end: name.length }] };
  return { article: { title: null, source: null, author: null, url: null, publishedAt: null }, entities: [person], relations: [] };
}
const article = (text: string) => ({ id: `${P}-a`, text, meta: { publishedAt: '2019-02-15', source: 'Test Wire' }, origin: 'test' as const });

/** A read that counts how often it ran and answers with that count. */
function counter() {
  let runs = 0;
  return { read: async () => ++runs, runs: () => runs };
}

beforeAll(() => {
  db = openTestDb();
});

afterAll(async () => {
  await removeArticle(db, `${P}-a`).catch(() => undefined);
  await closeDb(db);
});

describe('the picture cache', () => {
  it('reads once per version, shares a read under way, and reads again after any write', async () => {
    const cache = new ReadCache(8);
    const c = counter();
    const together = await Promise.all(Array.from({ length: 6 }, () => cache.get(db, 'k', c.read)));
    expect(together).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await cache.get(db, 'k', c.read)).toBe(1);
    expect(c.runs()).toBe(1);

    const before = await graphVersion(db);
    await upsertArticleGraph(db, article(TEXT), extraction(`Minister ${tag}`));
    expect(await graphVersion(db)).not.toBe(before);
    expect(await cache.get(db, 'k', c.read)).toBe(2);

    // A changed article (same id, new text) changes no count, but its write time.
    const changed = await graphVersion(db);
    await upsertArticleGraph(db, article(`${TEXT} Again.`), extraction(`Minister ${tag}`));
    expect(await graphVersion(db)).not.toBe(changed);
    expect(await cache.get(db, 'k', c.read)).toBe(3);

    await removeArticle(db, `${P}-a`);
    expect(await cache.get(db, 'k', c.read)).toBe(4);
    expect(await cache.get(db, 'k', c.read)).toBe(4);
  });

  it('keeps at most maxEntries answers, keeps no failure, and with 0 always reads', async () => {
    const cache = new ReadCache(2);
    const c = counter();
    await cache.get(db, 'a', c.read);
    await cache.get(db, 'b', c.read);
    await cache.get(db, 'a', c.read); // a is now the most recent
    await cache.get(db, 'c', c.read); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.get(db, 'a', c.read)).toBe(1);
    expect(await cache.get(db, 'b', c.read)).toBe(4);

    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('database went away');
      return 'ok';
    };
    await expect(cache.get(db, 'f', flaky)).rejects.toThrow('database went away');
    fail = false;
    expect(await cache.get(db, 'f', flaky)).toBe('ok');

    // An answer the caller says not to keep is handed out and read again next time.
    const big = counter();
    const small = (n: number) => n < 0;
    expect(await cache.get(db, 'big', big.read, small)).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(await cache.get(db, 'big', big.read, small)).toBe(2);

    const off = new ReadCache(0);
    const d = counter();
    await off.get(db, 'k', d.read);
    await off.get(db, 'k', d.read);
    expect(d.runs()).toBe(2);
  });
});
