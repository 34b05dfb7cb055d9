// Hostile input through the whole read -> extract path: whatever bytes arrive as text, Markdown,
// HTML or JSON Lines, reading either refuses them with a typed ArticleInputError or yields an
// article whose extraction satisfies every promise of the extraction contract (server/rules/
// types.ts). The extractor's own property tests cover extraction alone; these cover the seams.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../server/rules/index.js';
import { RELATION_TYPES, type Extraction } from '../../server/extractors/contract.js';
import { ArticleInputError, prepareArticle, readArticleSources, type ArticleInput, type RawArticle } from '../../server/ingest/index.js';

const MAX_BYTES = 200_000;
const ENTITY_TYPES = new Set(['actor', 'issue', 'event', 'place']);
const ACTOR_KINDS = new Set(['person', 'organization', 'country', 'group']);
const STATUSES = new Set(['occurred', 'planned', 'hypothetical']);
const RELATION_SET = new Set<string>(RELATION_TYPES);

/** Every invariant the contract states, checked against the text the offsets index. */
function contractViolations(text: string, x: Extraction): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of x.entities) {
    if (ids.has(e.id)) problems.push(`duplicate entity id ${e.id}`);
    ids.add(e.id);
    if (!ENTITY_TYPES.has(e.type)) problems.push(`${e.id}: bad type ${e.type}`);
    if (e.type === 'actor' && !ACTOR_KINDS.has(e.kind ?? '')) problems.push(`${e.id}: actor without a valid kind`);
    if (typeof e.name !== 'string' || e.name.trim() === '') problems.push(`${e.id}: empty name`);
    if (!Array.isArray(e.aliases)) problems.push(`${e.id}: aliases not a list`);
    if (e.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(e.date)) problems.push(`${e.id}: bad date ${e.date}`);
    if (e.status !== undefined && !STATUSES.has(e.status)) problems.push(`${e.id}: bad status ${e.status}`);
    if (e.cameo !== undefined && !/^(0[1-9]|1\d|20)$/.test(e.cameo)) problems.push(`${e.id}: bad CAMEO ${e.cameo}`);
    if (e.goldstein !== undefined && !(e.goldstein >= -10 && e.goldstein <= 10)) problems.push(`${e.id}: goldstein ${e.goldstein}`);
    for (const a of e.amounts ?? []) if (!Number.isFinite(a.value)) problems.push(`${e.id}: amount ${a.text} not finite`);
    for (const m of e.mentions) {
      if (!(Number.isInteger(m.start) && Number.isInteger(m.end) && 0 <= m.start && m.start <= m.end && m.end <= text.length)) {
        problems.push(`${e.id}: mention offsets ${m.start}..${m.end} outside 0..${text.length}`);
      } else if (text.slice(m.start, m.end) !== m.text) problems.push(`${e.id}: mention ${JSON.stringify(m.text)} is not the text at its offsets`);
    }
  }
  for (const r of x.relations) {
    if (!RELATION_SET.has(r.type)) problems.push(`relation type ${r.type} not in the allow-list`);
    if (!ids.has(r.source) || !ids.has(r.target)) problems.push(`relation ${r.type} ${r.source}->${r.target} points at a missing entity`);
    if (!(Number.isInteger(r.start) && 0 <= r.start && r.start <= r.end && r.end <= text.length)) problems.push(`relation offsets ${r.start}..${r.end}`);
    else if (text.slice(r.start, r.end) !== r.evidence) problems.push(`relation ${r.type}: evidence is not the text at its offsets`);
    if (!(r.confidence >= 0 && r.confidence <= 1)) problems.push(`relation ${r.type}: confidence ${r.confidence}`);
  }
  // What the store and the API receive is JSON: it must survive the round trip unchanged.
  if (JSON.stringify(JSON.parse(JSON.stringify(x))) !== JSON.stringify(x)) problems.push('extraction does not survive JSON');
  return problems;
}

/** Read, then extract: returns the refusal or the article and its contract problems. */
function readAndExtract(raw: RawArticle): { refused: ArticleInputError } | { article: ArticleInput; problems: string[] } {
  let article: ArticleInput;
  try {
    article = prepareArticle(raw, { maxBytes: MAX_BYTES });
  } catch (err) {
    if (err instanceof ArticleInputError) return { refused: err };
    throw err;
  }
  const x = extractArticle(article.text, article.meta);
  return { article, problems: contractViolations(article.text, x) };
}

const NEWS = [
  'President Xi Jinping met with U.S. Trade Representative Robert Lighthizer in Beijing on Friday.',
  '“We feel we have made headway,” Lighthizer said.',
  'The European Union imposed sanctions on Russia over the war in Ukraine.',
  'Tariffs on $200 billion in Chinese goods would increase from 10% to 25%.',
  'Protesters in Paris accused the government of ignoring climate change.',
];

// Text that is partly news and partly hostile: the extractor's rules fire, and must keep their
// offsets right around odd code points, quotes and markup.
const hostileFragment = fc.oneof(
  fc.constantFrom(...NEWS),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('“', '”', '"', "'", '‘', '’', '«', '»', '(', ')', '[', '\u200b', '\u202e', '\ud83d\ude00', 'e\u0301', '\u00a0', '\r\n', '\n\n', '\t'),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</p><p>', '<!--', ']]>', '&amp;&lt;&#x27;', '{{7*7}}', '${process.exit()}'),
  fc.constantFrom("' OR 1=1 --", 'MATCH (n) DETACH DELETE n', 'name:*~ AND', '\\u0000'),
);
const hostileText = fc.array(hostileFragment, { minLength: 1, maxLength: 25 }).map((parts) => parts.join(' '));

describe('reading then extracting hostile input', () => {
  it('plain text of random Unicode, quotes and markup is refused with a reason or extracted within the contract', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const r = readAndExtract({ text, meta: {}, origin: 'prop' });
        if ('refused' in r) {
          expect(['empty', 'binary', 'unsupported-language', 'malformed', 'oversized']).toContain(r.refused.reason);
          return;
        }
        expect(r.problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('Markdown and HTML files with hostile content keep the contract, and HTML scripts never reach the text', () => {
    const marker = 'PWNED_MARKER_31337';
    fc.assert(
      fc.property(hostileText, hostileText, fc.constantFrom('a.md', 'a.html'), (title, body, fileName) => {
        const source =
          fileName === 'a.md'
            ? `---\ntitle: ${title.replace(/\n/g, ' ')}\n---\n# ${title}\n\n${body}\n\n\`\`\`\n${marker}\n\`\`\`\n`
            : `<html><head><title>${title}</title><script>${marker}</script></head><body><article><h1>${title}</h1><p>${body}</p><script>window.${marker}=1</script><p onclick="${marker}">${NEWS[0]}</p></article></body></html>`;
        const r = readAndExtract({ text: source, meta: {}, origin: 'prop', fileName });
        if ('refused' in r) {
          expect(['empty', 'binary', 'unsupported-language', 'malformed']).toContain(r.refused.reason);
          return;
        }
        expect(r.problems).toEqual([]);
        if (fileName === 'a.html') expect(r.article.text).not.toContain(marker);
      }),
      { numRuns: 150 },
    );
  });

  it('hostile metadata is refused field by field or kept as given, never thrown as anything but ArticleInputError', () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    fc.assert(
      fc.property(fc.record({ title: value, source: value, author: value, url: value, publishedAt: value, language: value }, { requiredKeys: [] }), (meta) => {
        const r = readAndExtract({ text: NEWS.join(' '), meta: meta as RawArticle['meta'], origin: 'prop' });
        if ('refused' in r) {
          expect(['malformed', 'unsupported-language']).toContain(r.refused.reason);
          expect(r.refused.message).toMatch(/^prop: /);
          return;
        }
        expect(r.problems).toEqual([]);
        // Whatever metadata survived validation is plain strings: nothing else reaches the store.
        for (const v of Object.values(r.article.meta)) expect(typeof v).toBe('string');
      }),
      { numRuns: 200 },
    );
  });

  it('an article at the byte limit is read and extracted; one byte over is refused as oversized', () => {
    const unit = `${NEWS.filter((s) => /^[\x20-\x7e]*$/.test(s)).join(' ')}\n\n`;
    const atLimit = unit.repeat(Math.ceil(MAX_BYTES / unit.length)).slice(0, MAX_BYTES);
    const r = readAndExtract({ text: atLimit, meta: {}, origin: 'big' });
    expect('article' in r && r.problems).toEqual([]);
    const over = readAndExtract({ text: `${atLimit}x`, meta: {}, origin: 'big' });
    expect('refused' in over && over.refused.reason).toBe('oversized');
  });

  it('a two-megabyte single "sentence" without punctuation or spaces is extracted within the contract', () => {
    const text = `Xi Jinping ${'ab“c'.repeat(500_000)}`;
    const x = extractArticle(text, {});
    expect(contractViolations(text, x)).toEqual([]);
  });
});

describe('JSON Lines batches with hostile lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hostile-jsonl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('every line yields either an article within the contract or a typed error naming its line, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            hostileText.map((text) => JSON.stringify({ text, title: 'T' })),
            hostileText.map((html) => JSON.stringify({ html: `<p>${html}</p>` })),
            fc.string({ maxLength: 50 }).filter((s) => !s.includes('\n') && !s.includes('\r')),
            fc.constantFrom('{"text": 5}', '[]', 'null', '{"text":"ok", "publishedAt":"2019-02-30"}', '{"text":"\\u0000\\u0000"}', '{'),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (lines) => {
          const file = path.join(dir, 'batch.jsonl');
          await writeFile(file, lines.join('\n'));
          const results: (ArticleInput | ArticleInputError)[] = [];
          for await (const r of readArticleSources(file, { maxBytes: MAX_BYTES })) results.push(r);
          // Blank lines may be skipped, so at most one result per line.
          expect(results.length).toBeLessThanOrEqual(lines.length);
          for (const r of results) {
            if (r instanceof ArticleInputError) {
              expect(r.origin).toMatch(/batch\.jsonl(:\d+)?/);
              continue;
            }
            expect(contractViolations(r.text, extractArticle(r.text, r.meta))).toEqual([]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
