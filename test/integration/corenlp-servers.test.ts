// The CoreNLP client against the real server: the second request parses only the sentences asked
// for and gives them the parse a whole-article request gives, and with several servers in
// CORENLP_URL a server that goes away or freezes mid-batch loses no article. Two TCP proxies in
// front of the suite's one server stand for two servers, so one can be cut without touching it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { createCoreNlpClient, type CoreNlpJson } from '../../server/nlp/corenlp/client.js';
import { NlpError } from '../../server/nlp/errors.js';
import { CORENLP_PARSE_PROPERTIES, CORENLP_PROPERTIES } from '../../server/nlp/corenlp/properties.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

const SAMPLE = readFileSync(path.join(PROJECT_ROOT, 'seeds', 'us-china-trade-talks-2019-02-15.txt'), 'utf8');
const real = () => new URL(inject('corenlpUrls')[0]!);
const nlpConfig = (urls: string[], timeoutMs = 60_000) => ({ ...loadConfig({ CORENLP_URL: urls.join(','), CORENLP_TIMEOUT_MS: String(timeoutMs) }).corenlp, threads: 2 });

const proxies: FaultProxy[] = [];
async function proxy(): Promise<string> {
  const p = await startFaultProxy({ host: real().hostname, port: Number(real().port) });
  proxies.push(p);
  return `http://127.0.0.1:${p.port}`;
}
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

/** Sentences of the sample, numbered in its own paragraphs, as separate articles. */
const articles = SAMPLE.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length > 20);

describe('CoreNLP: parsing only the sentences that need it', () => {
  it('parses the chosen sentences as a whole-article request does, and leaves the others unparsed', { timeout: 120_000 }, async () => {
    const chosen = (s: string) => /\bsaid\b|\btalks\b/.test(s);
    const client = createCoreNlpClient(nlpConfig([real().origin]), { parseSentence: chosen });
    const { pieces } = await client.annotate(SAMPLE);
    const props = encodeURIComponent(JSON.stringify({ ...CORENLP_PROPERTIES, ...CORENLP_PARSE_PROPERTIES, annotators: 'tokenize,ssplit,pos,lemma,ner,depparse', 'ssplit.eolonly': 'false' }));
    const whole = (await (await fetch(`${real().origin}/?properties=${props}`, { method: 'POST', body: SAMPLE })).json()) as CoreNlpJson;

    const ours = pieces.flatMap((p) => p.json.sentences);
    expect(ours.length).toBe(whole.sentences.length);
    let parsed = 0;
    ours.forEach((s, i) => {
      const text = SAMPLE.slice(s.tokens[0]!.characterOffsetBegin, s.tokens[s.tokens.length - 1]!.characterOffsetEnd);
      expect(s.tokens.map((t) => t.word)).toEqual(whole.sentences[i]!.tokens.map((t) => t.word));
      if (!chosen(text)) {
        expect(s.basicDependencies, text).toBeUndefined();
        return;
      }
      parsed++;
      const key = (d: { dep: string; governor: number; dependent: number }) => `${d.dependent}<-${d.dep}-${d.governor}`;
      expect(s.basicDependencies!.map(key).sort(), text).toEqual(whole.sentences[i]!.basicDependencies!.map(key).sort());
    });
    expect(parsed).toBeGreaterThan(2);
    expect(parsed).toBeLessThan(ours.length);
  });
});

describe('CoreNLP: several servers', () => {
  it('a server that goes away mid-batch loses no article: the rest go to the other', { timeout: 180_000 }, async () => {
    const [a, b] = [await proxy(), await proxy()];
    const client = createCoreNlpClient(nlpConfig([a, b]), { downForMs: 60_000 });
    let done = 0;
    const batch = [...articles, ...articles];
    const results = await Promise.allSettled(
      batch.map(async (text) => {
        const r = await client.annotate(text);
        if (++done === 3) proxies[0]!.cut();
        return r;
      }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const r of results) if (r.status === 'fulfilled') expect(r.value.pieces[0]!.json.sentences.length).toBeGreaterThan(0);
    // Once cut, the first server is passed over: no connection to it stays open.
    expect(proxies[0]!.openConnections).toBe(0);
  });

  it('a server that freezes is given up on after CORENLP_TIMEOUT_MS and its article goes to the other', { timeout: 120_000 }, async () => {
    const [a, b] = [await proxy(), await proxy()];
    proxies[0]!.freeze();
    const client = createCoreNlpClient(nlpConfig([a, b], 4_000));
    const results = await Promise.allSettled(articles.slice(0, 4).map((t) => client.annotate(t)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('when every server is gone the article fails as NLP_UNAVAILABLE, naming the last one tried', { timeout: 60_000 }, async () => {
    const [a, b] = [await proxy(), await proxy()];
    proxies[0]!.cut();
    proxies[1]!.cut();
    const client = createCoreNlpClient(nlpConfig([a, b]));
    const err = await client.annotate(articles[0]!).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NlpError);
    expect((err as NlpError).code).toBe('NLP_UNAVAILABLE');
    expect((err as NlpError).message).toMatch(/127\.0\.0\.1:\d+ cannot be reached/);
  });
});
