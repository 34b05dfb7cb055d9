// The model-backed extractor against a real OpenAI-compatible HTTP server started here (node:http
// on an ephemeral port). The server plays the model; our code is exercised unchanged.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import { getExtractor, type LlmDiagnostics } from '../../server/extractors/registry.js';
import { LlmExtractorError, extractWithLlm } from '../../server/extractors/llm/index.js';

const TEXT =
  'Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.\n\n' +
  'The two leaders discussed defence spending and energy prices. Scholz said Germany would raise its military budget.\n';

type Reply = (body: { model: string; messages: Array<{ role: string; content: string }> }, res: ServerResponse) => void;
let reply: Reply = () => {};
const requests: Array<{ url: string; auth?: string; body: { model: string; messages: Array<{ content: string }>; response_format?: unknown } }> = [];
let server: Server;
let baseUrl: string;

function chat(res: ServerResponse, content: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] }));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      reply(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function config(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LLM_BASE_URL: baseUrl, LLM_MODEL: 'fake-model', LLM_API_KEY: 'secret-key', LLM_TIMEOUT_MS: '5000', ...overrides });
}

const GOOD_ANSWER = {
  entities: [
    { name: 'Olaf Scholz', type: 'actor', kind: 'person', aliases: ['Scholz'], mentions: ['Olaf Scholz', 'Scholz'], date: null, eventType: null, status: null },
    { name: 'Emmanuel Macron', type: 'actor', kind: 'person', aliases: [], mentions: ['Emmanuel Macron'], date: null, eventType: null, status: null },
    { name: 'Germany', type: 'actor', kind: 'country', aliases: [], mentions: ['Germany'], date: null, eventType: null, status: null },
    { name: 'Paris', type: 'place', kind: null, aliases: [], mentions: ['Paris'], date: null, eventType: null, status: null },
    { name: 'Scholz-Macron meeting', type: 'event', kind: null, aliases: [], mentions: ['met'], date: '2024-05-07', eventType: 'meeting', status: 'occurred' },
  ],
  relations: [
    { source: 'Olaf Scholz', target: 'Emmanuel Macron', type: 'MET_WITH', evidence: 'Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.', confidence: 0.9 },
    { source: 'Scholz-Macron meeting', target: 'Paris', type: 'LOCATED_IN', evidence: 'Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.', confidence: 0.8 },
    // Paraphrased, not in the text: must be dropped.
    { source: 'Olaf Scholz', target: 'Germany', type: 'LEADS', evidence: 'Scholz is the leader of Germany.', confidence: 0.9 },
  ],
};

describe('LLM extractor over a real OpenAI-compatible endpoint', () => {
  it('turns a valid answer into an extraction whose every span is verbatim in the article', async () => {
    reply = (_body, res) => chat(res, JSON.stringify(GOOD_ANSWER));
    requests.length = 0;
    const { extraction, diagnostics } = await extractWithLlm(TEXT, { publishedAt: '2024-05-09', title: 'Leaders meet' }, config().llm);

    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('/v1/chat/completions');
    expect(requests[0]!.auth).toBe('Bearer secret-key');
    expect(requests[0]!.body.model).toBe('fake-model');
    expect(requests[0]!.body.response_format).toBeDefined();
    expect(requests[0]!.body.messages.at(-1)!.content).toContain('Published: 2024-05-09');

    const byName = new Map(extraction.entities.map((e) => [e.name, e]));
    expect(byName.get('Olaf Scholz')?.kind).toBe('person');
    expect(byName.get('Olaf Scholz')!.mentions.map((m) => m.text)).toEqual(['Olaf Scholz', 'Scholz']);
    expect(byName.get('Scholz-Macron meeting')?.status).toBe('occurred');
    expect(byName.get('Scholz-Macron meeting')?.date).toBe('2024-05-07');
    for (const e of extraction.entities) for (const m of e.mentions) expect(TEXT.slice(m.start, m.end)).toBe(m.text);

    expect(extraction.relations.map((r) => r.type).sort()).toEqual(['LOCATED_IN', 'MET_WITH']);
    for (const r of extraction.relations) expect(TEXT.slice(r.start, r.end)).toBe(r.evidence);

    expect(diagnostics.droppedNonVerbatimEvidence).toBe(1);
    expect(diagnostics.dropped).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'relation', reason: 'evidence-not-verbatim' })]),
    );
  });

  it('drops entities the text never mentions and relations of unknown types, and says so', async () => {
    const answer = {
      entities: [
        ...GOOD_ANSWER.entities,
        { name: 'Vladimir Putin', type: 'actor', kind: 'person', aliases: [], mentions: ['Vladimir Putin'], date: null, eventType: null, status: null },
      ],
      relations: [
        { source: 'Olaf Scholz', target: 'Emmanuel Macron', type: 'ADMIRES', evidence: 'Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.', confidence: 0.5 },
        { source: 'Vladimir Putin', target: 'Olaf Scholz', type: 'MET_WITH', evidence: 'Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.', confidence: 0.5 },
      ],
    };
    // Wrapped in a code fence, as chat models often answer.
    reply = (_body, res) => chat(res, `\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``);
    const seen: LlmDiagnostics[] = [];
    const extract = getExtractor('llm', config(), { onDiagnostics: (d) => seen.push(d) });
    const x = await extract(TEXT, {});
    expect(x.entities.map((e) => e.name)).not.toContain('Vladimir Putin');
    expect(x.relations).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.droppedEntities).toBe(1);
    expect(seen[0]!.droppedRelations).toBe(2);
    const reasons = seen[0]!.dropped.map((d) => d.reason);
    expect(reasons).toEqual(expect.arrayContaining(['not-in-text', 'unknown-relation-type']));
  });

  it('rejects an answer that is not the extraction JSON with an invalid-response error', async () => {
    reply = (_body, res) => chat(res, 'Sure! Here are the entities: Scholz, Macron.');
    const err = await extractWithLlm(TEXT, {}, config().llm).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmExtractorError);
    expect((err as LlmExtractorError).code).toBe('invalid-response');
    expect((err as Error).message).toContain('fake-model');
  });

  it('rejects a body that is not chat completions', async () => {
    reply = (_body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"result": "ok"}');
    };
    const err = await extractWithLlm(TEXT, {}, config().llm).catch((e: unknown) => e);
    expect((err as LlmExtractorError).code).toBe('invalid-response');
  });

  it('reports an HTTP error status with the body the server gave', async () => {
    reply = (_body, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error": "model fake-model not found"}');
    };
    const err = await extractWithLlm(TEXT, {}, config().llm).catch((e: unknown) => e);
    expect((err as LlmExtractorError).code).toBe('http-error');
    expect((err as Error).message).toMatch(/404.*not found/);
  });

  it('gives up with a clear timeout error when the endpoint does not answer in time', async () => {
    reply = () => {}; // never answers
    const started = Date.now();
    const err = await extractWithLlm(TEXT, {}, config({ LLM_TIMEOUT_MS: '300' }).llm).catch((e: unknown) => e);
    expect((err as LlmExtractorError).code).toBe('timeout');
    expect((err as Error).message).toMatch(/300 ms.*LLM_TIMEOUT_MS/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('says the endpoint is unreachable when nothing listens there', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = await extractWithLlm(TEXT, {}, config({ LLM_BASE_URL: `http://127.0.0.1:${port}/v1` }).llm).catch((e: unknown) => e);
    expect((err as LlmExtractorError).code).toBe('unreachable');
    expect((err as Error).message).toContain('LLM_BASE_URL');
  });

  it('sends a long article in paragraph chunks and maps each chunk back to article offsets', async () => {
    const para = (n: number) => `Minister Anna Berg${n} visited Oslo on Monday and spoke about fisheries quotas.`;
    const text = [para(1), para(2), para(3)].join('\n\n');
    reply = (body, res) => {
      const chunk = body.messages.at(-1)!.content.split('Text:\n')[1]!;
      const n = /Berg(\d)/.exec(chunk)![1];
      chat(res, JSON.stringify({
        entities: [{ name: `Anna Berg${n}`, type: 'actor', kind: 'person', aliases: [], mentions: [`Anna Berg${n}`], date: null, eventType: null, status: null }],
        relations: [],
      }));
    };
    requests.length = 0;
    const { extraction } = await extractWithLlm(text, {}, config().llm, { maxChunkChars: 100 });
    expect(requests.length).toBe(3);
    expect(extraction.entities.map((e) => e.name)).toEqual(['Anna Berg1', 'Anna Berg2', 'Anna Berg3']);
    for (const e of extraction.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});
