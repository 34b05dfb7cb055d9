// Runs the extract CLI as a child process, the way people and scripts call it.
import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../server/extractors/contract.js';
import { runExtractCli, type CliRun } from '../helpers/process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'seeds/us-china-trade-talks-2019-02-15.txt');
const HTML = path.join(ROOT, 'test/fixtures/html/port-strike.html');

const runCli = (args: string[], stdin?: string): Promise<CliRun> => runExtractCli(args, { ...process.env, EXTRACTOR: 'rules' }, stdin);

/** Every offset the extraction gives must point at exactly the text it claims. */
function expectOffsetsVerbatim(x: Extraction, text: string): void {
  let checked = 0;
  for (const e of x.entities) {
    for (const m of e.mentions) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      checked++;
    }
  }
  for (const r of x.relations) {
    expect(text.slice(r.start, r.end)).toBe(r.evidence);
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-extract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run extract', () => {
  it('extracts the sample article as JSON with its sidecar metadata and verbatim offsets', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = (await readFile(SAMPLE, 'utf8')).replace(/\r\n?/g, '\n');
    const run = await runCli([SAMPLE, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const x = JSON.parse(run.stdout) as Extraction;
    expect(x.article.publishedAt).toBe('2019-02-15');
    expect(x.article.source).toBe('Los Angeles Times');
    const names = x.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['China']));
    expect(x.relations.length).toBeGreaterThan(5);
    expectOffsetsVerbatim(x, text);
  });

  it('lets --published and --title override the sidecar', async () => {
    const run = await runCli([SAMPLE, '--json', '--published', '2020-01-02', '--title', 'Other title']);
    expect(run.code, run.stderr).toBe(0);
    const x = JSON.parse(run.stdout) as Extraction;
    expect(x.article.publishedAt).toBe('2020-01-02');
    expect(x.article.title).toBe('Other title');
  });

  it('prints a readable summary without --json', async () => {
    const run = await runCli([SAMPLE]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Actors \(\d+\)$/m);
    expect(run.stdout).toMatch(/^Events \(\d+\)$/m);
    expect(() => JSON.parse(run.stdout)).toThrow();
  });

  it('rejects a malformed --published date with exit code 2 and names the flag', async () => {
    const run = await runCli([SAMPLE, '--published', '2019-02-30']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--published');
    expect(run.stdout).toBe('');
  });

  it('reads an HTML page: boilerplate and scripts gone, metadata from the page, offsets into the clean text', async () => {
    const run = await runCli([HTML, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const x = JSON.parse(run.stdout) as Extraction;
    expect(x.article.title).toBe('Dockworkers strike shuts Rotterdam port');
    expect(x.article.publishedAt?.slice(0, 10)).toBe('2024-06-04');
    const evidence = x.relations.map((r) => r.evidence).join('\n');
    const mentions = x.entities.flatMap((e) => e.mentions.map((m) => m.text)).join('\n');
    for (const junk of ['window.tracker', 'Subscribe', 'Home']) {
      expect(evidence).not.toContain(junk);
      expect(mentions).not.toContain(junk);
    }
    expect(x.entities.map((e) => e.name)).toContain('Pieter Jansen');
    // Offsets index the readable text the page was reduced to, the same text the server stores.
    const { readFile } = await import('node:fs/promises');
    const { htmlToArticle } = await import('../../server/ingest/html.js');
    expectOffsetsVerbatim(x, htmlToArticle(await readFile(HTML, 'utf8')).text);
  });

  it("reads an article from stdin with '-'", async () => {
    const text = 'Germany and France signed a defence pact in Berlin on Tuesday. Chancellor Olaf Scholz said the agreement would strengthen European security.\n';
    const run = await runCli(['-', '--json', '--published', '2024-05-07'], text);
    expect(run.code, run.stderr).toBe(0);
    const x = JSON.parse(run.stdout) as Extraction;
    expect(x.article.publishedAt).toBe('2024-05-07');
    const names = x.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Germany', 'France', 'Olaf Scholz']));
    expectOffsetsVerbatim(x, text);
  });

  it('fails clearly on empty stdin', async () => {
    const run = await runCli(['-', '--json'], '   \n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/empty/);
    expect(run.stdout).toBe('');
  });

  it('answers a .jsonl batch line by line, in order, with an error object for the bad line and a non-zero exit', async () => {
    const lines = [
      JSON.stringify({ id: 'first', text: 'Japan and South Korea held talks in Tokyo on Monday about export controls.', publishedAt: '2024-02-05' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'third', text: 'Prime Minister Justin Trudeau met President Joe Biden in Ottawa on Friday to discuss trade.', publishedAt: '2023-03-24' }),
      JSON.stringify({ id: 'blank', text: '   ' }),
    ];
    const batch = path.join(dir, 'batch.jsonl');
    await writeFile(batch, `${lines.join('\n')}\n`);
    const run = await runCli([batch]);
    expect(run.code).toBe(1);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; error?: { reason: string; message: string } } & Partial<Extraction>);
    expect(out).toHaveLength(4);
    expect(out[0]!.id).toBe('first');
    expect(out[0]!.error).toBeUndefined();
    expect(out[1]!.error?.reason).toBe('malformed');
    expect(out[1]!.error?.message).toMatch(/JSON/);
    expect(out[2]!.id).toBe('third');
    expect(out[2]!.entities!.map((e) => e.name)).toEqual(expect.arrayContaining(['Justin Trudeau', 'Joe Biden']));
    const thirdText = JSON.parse(lines[2]!).text as string;
    expectOffsetsVerbatim(out[2] as Extraction, thirdText);
    // A line refused after its id was read keeps that id (only unparseable JSON has none).
    expect(out[1]!.id).toBeNull();
    expect(out[3]).toMatchObject({ id: 'blank', error: { reason: 'empty' } });
    expect(run.stderr).toContain('2 extracted, 2 failed');
  });

  it('exits 0 on a batch where every line extracts', async () => {
    const batch = path.join(dir, 'good.jsonl');
    await writeFile(batch, `${JSON.stringify({ text: 'Brazil and Argentina agreed a trade deal in Brasilia on Monday.' })}\n`);
    const run = await runCli([batch]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('reads a Markdown file with front matter', async () => {
    const md = path.join(dir, 'note.md');
    await writeFile(md, '---\ntitle: Spain election\ndate: 2023-07-24\n---\n# Spain election\n\nPedro Sánchez and Alberto Núñez Feijóo campaigned in Madrid on Sunday. *Voters* went to the polls.\n');
    const run = await runCli([md, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const x = JSON.parse(run.stdout) as Extraction;
    expect(x.article.title).toBe('Spain election');
    expect(x.article.publishedAt).toBe('2023-07-24');
    for (const e of x.entities) for (const m of e.mentions) expect(m.text).not.toMatch(/[*#]/);
  });

  it('uses a FILE.meta.json sidecar next to a plain-text file', async () => {
    const txt = path.join(dir, 'copy.txt');
    await copyFile(SAMPLE, txt);
    await writeFile(`${txt}.meta.json`, JSON.stringify({ title: 'Sidecar title', publishedAt: '2019-02-15' }));
    const run = await runCli([txt, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as Extraction).article.title).toBe('Sidecar title');
  });
});
