// Reading articles before extraction: validation reasons and the folder / batch readers.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleInputError, prepareArticle, readArticleSources, type ArticleInput, type ReadResult } from '../../server/ingest/index.js';

const LIMIT = { maxBytes: 10_000 };
const ENGLISH = 'The government announced new sanctions on Monday after talks with its allies broke down over the weekend.';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ArticleInputError);
    return (err as ArticleInputError).reason;
  }
  return undefined;
}

describe('prepareArticle', () => {
  it('accepts plain English text and fills language and an id', () => {
    const a = prepareArticle({ text: `${ENGLISH}\r\n`, meta: { title: 'Sanctions announced', publishedAt: '2024-01-08' }, origin: 'test' }, LIMIT);
    expect(a.text).toBe(`${ENGLISH}\n`);
    expect(a.meta.language).toBe('en');
    expect(a.id).toMatch(/^[a-z0-9-]+$/);
  });

  it.each([
    ['empty', { text: '  \n\t ' }],
    ['binary', { text: `abc\u0000def ${ENGLISH}` }],
    ['oversized', { text: 'word '.repeat(3000) }],
    ['malformed', {}],
  ] as const)('refuses an article that is %s', (reason, raw) => {
    expect(reasonOf(() => prepareArticle({ ...raw, meta: {}, origin: 'test' }, LIMIT))).toBe(reason);
  });

  it('refuses non-English text, declared or detected', () => {
    const german =
      'Die Bundesregierung hat am Montag neue Sanktionen angekündigt, nachdem die Gespräche mit den Verbündeten am Wochenende gescheitert waren. Der Kanzler sagte, dass die Maßnahmen sofort gelten und dass weitere Schritte folgen werden.';
    expect(reasonOf(() => prepareArticle({ text: german, meta: {}, origin: 'de' }, LIMIT))).toBe('unsupported-language');
    expect(reasonOf(() => prepareArticle({ text: ENGLISH, meta: { language: 'fr' }, origin: 'fr' }, LIMIT))).toBe('unsupported-language');
  });

  it.each(['2019-02-30', '15/02/2019', 'yesterday', '2019-13-01'])('refuses publishedAt %s and names the field', (publishedAt) => {
    let err: unknown;
    try {
      prepareArticle({ text: ENGLISH, meta: { publishedAt }, origin: 'dates' }, LIMIT);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArticleInputError);
    expect((err as ArticleInputError).reason).toBe('malformed');
    expect((err as Error).message).toContain('publishedAt');
  });

  it('reads HTML given as html, keeping only the article text', () => {
    const html = `<html><head><title>T</title><script>var x=1</script></head><body><nav>Menu Home</nav><article><p>${ENGLISH}</p><p>${ENGLISH}</p></article></body></html>`;
    const a = prepareArticle({ html, meta: {}, origin: 'page' }, LIMIT);
    expect(a.text).toContain('announced new sanctions');
    expect(a.text).not.toContain('var x');
  });
});

async function collect(target: string, opts = LIMIT as Parameters<typeof readArticleSources>[1]): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readArticleSources(target, opts)) out.push(r);
  return out;
}

describe('readArticleSources', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ingest-sources-'));
    await writeFile(path.join(dir, 'a-plain.txt'), ENGLISH);
    await writeFile(path.join(dir, 'a-plain.txt.meta.json'), JSON.stringify({ title: 'Plain', publishedAt: '2024-01-08', source: 'Wire' }));
    await writeFile(path.join(dir, 'b-notes.md'), `---\ntitle: Notes\ndate: 2024-02-01\n---\n# Notes\n\n**${ENGLISH}**\n`);
    await writeFile(path.join(dir, 'c-page.html'), `<html><head><title>Page</title></head><body><article><p>${ENGLISH}</p></article></body></html>`);
    await writeFile(path.join(dir, 'd-empty.txt'), '');
    await writeFile(path.join(dir, '.hidden.txt'), ENGLISH);
    await mkdir(path.join(dir, 'sub'));
    await writeFile(
      path.join(dir, 'sub', 'e-batch.jsonl'),
      [JSON.stringify({ id: 'line-one', text: ENGLISH, title: 'One' }), 'not json', '', JSON.stringify({ text: ENGLISH, publishedAt: 'nope' })].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks a folder in name order: articles with sidecar and front matter, errors in place, hidden files skipped', async () => {
    const results = await collect(dir);
    const summary = results.map((r) => (r instanceof ArticleInputError ? `error:${r.reason}` : `ok:${(r as ArticleInput).meta.title}`));
    expect(summary).toEqual(['ok:Plain', 'ok:Notes', 'ok:Page', 'error:empty', 'ok:One', 'error:malformed', 'error:malformed']);
    const plain = results[0] as ArticleInput;
    expect(plain.meta).toMatchObject({ publishedAt: '2024-01-08', source: 'Wire' });
    expect(plain.id).toBe('a-plain');
    expect((results[1] as ArticleInput).meta.publishedAt).toBe('2024-02-01');
    expect((results[1] as ArticleInput).text).not.toContain('**');
    expect((results[4] as ArticleInput).id).toBe('line-one');
    // Batch errors say which line they came from.
    expect((results[5] as ArticleInputError).origin).toMatch(/e-batch\.jsonl:2$/);
    expect((results[6] as ArticleInputError).origin).toMatch(/e-batch\.jsonl:4$/);
  });

  it('reads one .jsonl batch directly', async () => {
    const results = await collect(path.join(dir, 'sub', 'e-batch.jsonl'));
    expect(results.map((r) => r instanceof ArticleInputError)).toEqual([false, true, true]);
  });

  it('reads stdin', async () => {
    const results = await collect('-', { ...LIMIT, stdin: Readable.from([Buffer.from(ENGLISH)]) });
    expect(results).toHaveLength(1);
    expect((results[0] as ArticleInput).text).toBe(ENGLISH);
  });

  it('yields an unreadable error for a path that does not exist', async () => {
    const results = await collect(path.join(dir, 'missing.txt'));
    expect(results).toHaveLength(1);
    expect((results[0] as ArticleInputError).reason).toBe('unreadable');
  });
});
