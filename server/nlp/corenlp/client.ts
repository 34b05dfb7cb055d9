// Talks to one or more Stanford CoreNLP servers: sends an article (in pieces cut at sentence ends
// when it is long) to be tagged, then the sentences that need it to be parsed (./parse-pass.ts), at
// most `threads` requests at a time to each server, the least busy first. A server that cannot be
// reached, freezes or fails is passed over for a while and the request goes to the next, so an
// article is lost only when every server fails it. Every way a server can fail is a typed NlpError,
// so callers answer NLP_UNAVAILABLE or NLP_TIMEOUT instead of an unexplained failure.
import type { Config } from '../../config.js';
import { splitSentences } from '../tokenizer/index.js';
import { NlpError } from '../errors.js';
import { CORENLP_PARSE_PROPERTIES, CORENLP_PROPERTIES } from './properties.js';
import { maskForCoreNlp } from './mask.js';
import { mergeParse, parseRequestFor, type ParseSelector } from './parse-pass.js';

/** CoreNLP's JSON for one piece of text, as far as the project reads it. */
export interface CoreNlpJson {
  sentences: CoreNlpSentence[];
}

export interface CoreNlpToken {
  index: number;
  word: string;
  originalText?: string;
  lemma?: string;
  pos?: string;
  ner?: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
}

export interface CoreNlpDependency {
  dep: string;
  governor: number;
  dependent: number;
}

export interface CoreNlpMention {
  docTokenBegin: number;
  docTokenEnd: number;
  tokenBegin: number;
  tokenEnd: number;
  text: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
  ner: string;
}

export interface CoreNlpSentence {
  index: number;
  tokens: CoreNlpToken[];
  basicDependencies?: CoreNlpDependency[];
  entitymentions?: CoreNlpMention[];
}

/** One piece of the article: CoreNLP's answer for text.slice(offset, offset + length). */
export interface AnnotatedPiece {
  offset: number;
  json: CoreNlpJson;
}

export interface Annotation {
  pieces: AnnotatedPiece[];
  /** Wall time spent waiting for CoreNLP's answers (the server's annotation time seen from here). */
  annotateMs: number;
}

export interface CoreNlpClient {
  annotate(text: string): Promise<Annotation>;
  /** Requests being annotated or waiting, over all servers. */
  readonly inFlight: number;
}

interface Server {
  url: string;
  busy: number;
  /** Until when the server is passed over, after it could not be reached (epoch ms). */
  downUntil: number;
}

/** Cuts text into pieces of at most maxChars, at sentence ends where possible (offsets kept). */
export function splitForAnnotation(text: string, maxChars: number): Array<{ start: number; end: number }> {
  if (text.length <= maxChars) return [{ start: 0, end: text.length }];
  const pieces: Array<{ start: number; end: number }> = [];
  let start = 0;
  let end = 0;
  for (const s of splitSentences(text)) {
    if (s.end - start > maxChars && end > start) {
      pieces.push({ start, end });
      start = s.start;
    }
    // A single sentence longer than a piece is cut by the splitter already (MAX_SENTENCE).
    end = s.end;
  }
  if (end > start) pieces.push({ start, end });
  return pieces;
}

function isCoreNlpJson(v: unknown): v is CoreNlpJson {
  if (!v || typeof v !== 'object' || !Array.isArray((v as CoreNlpJson).sentences)) return false;
  return (v as CoreNlpJson).sentences.every(
    (s) => s && Array.isArray(s.tokens) && s.tokens.every((t) => typeof t.characterOffsetBegin === 'number' && typeof t.characterOffsetEnd === 'number'),
  );
}

export interface CoreNlpClientOptions {
  /** The sentences to parse (default: every one). The rest are only tagged. */
  parseSentence?: ParseSelector;
  /** How long a server that could not be reached is passed over while others answer (ms). */
  downForMs?: number;
}

export function createCoreNlpClient(c: Config['corenlp'], opts: CoreNlpClientOptions = {}): CoreNlpClient {
  const servers: Server[] = c.urls.map((url) => ({ url, busy: 0, downUntil: 0 }));
  const queue: Array<() => void> = [];
  const select = opts.parseSentence ?? (() => true);
  const downForMs = opts.downForMs ?? 15_000;
  let inFlight = 0;

  // The least busy server not yet tried for this request, preferring those not recently found
  // down; null once every server has been tried.
  const acquire = async (tried: Set<Server>): Promise<Server | null> => {
    for (;;) {
      const untried = servers.filter((s) => !tried.has(s));
      if (!untried.length) return null;
      const up = untried.filter((s) => s.downUntil <= Date.now());
      const free = (up.length ? up : untried).filter((s) => s.busy < c.threads).sort((a, b) => a.busy - b.busy)[0];
      if (free) {
        free.busy++;
        return free;
      }
      await new Promise<void>((resolve) => queue.push(resolve));
    }
  };
  const release = (s: Server) => {
    s.busy--;
    queue.shift()?.();
  };

  const TAGGING = encodeURIComponent(JSON.stringify(CORENLP_PROPERTIES));
  const PARSING = encodeURIComponent(JSON.stringify(CORENLP_PARSE_PROPERTIES));

  /** One request to one server; every failure is an NlpError, `retry` when another server may answer. */
  async function post(server: Server, props: string, text: string): Promise<CoreNlpJson> {
    let res: Response;
    try {
      res = await fetch(`${server.url}/?properties=${props}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: text,
        signal: AbortSignal.timeout(c.timeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw retryable(new NlpError('NLP_TIMEOUT', `CoreNLP at ${server.url} did not answer within ${c.timeoutMs} ms (CORENLP_TIMEOUT_MS).`));
      }
      throw retryable(new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} cannot be reached (${e.cause?.code ?? e.message}). Start it with \`npm run nlp:start\`, or set CORENLP_URL.`));
    }
    let body: string;
    try {
      body = await res.text();
    } catch (err) {
      // The connection dropped while the answer was on its way: the server went away mid-answer.
      throw retryable(new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} went away while answering (${(err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message}).`));
    }
    if (!res.ok) {
      // The server answers 500 with "CoreNLP request timed out" when its own -timeout passes: the
      // text is too much for it, and another server would give up on it too.
      if (/timed out/i.test(body)) throw new NlpError('NLP_TIMEOUT', `CoreNLP at ${server.url} gave up on the article: ${body.slice(0, 200)}`);
      throw retryable(new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} answered HTTP ${res.status}: ${body.slice(0, 200)}`));
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      // A cut-off or garbled answer is the server's fault, not the article's: another may answer.
      throw retryable(new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} answered something that is not JSON (${body.slice(0, 80)}…).`));
    }
    if (!isCoreNlpJson(json)) throw new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} answered JSON without sentences and token offsets.`);
    return json;
  }

  /** A request on the least busy server; when a server is gone or frozen, the same request on the next. */
  async function request(props: string, text: string): Promise<CoreNlpJson> {
    const tried = new Set<Server>();
    let last: NlpError | undefined;
    for (;;) {
      const server = await acquire(tried);
      if (!server) throw last ?? new NlpError('NLP_UNAVAILABLE', 'No CoreNLP server is configured (CORENLP_URL).');
      tried.add(server);
      try {
        const json = await post(server, props, text);
        server.downUntil = 0;
        return json;
      } catch (err) {
        if (!(err instanceof NlpError) || !RETRY.has(err)) throw err;
        server.downUntil = Date.now() + downForMs;
        last = err;
      } finally {
        release(server);
      }
    }
  }

  async function annotatePiece(text: string): Promise<CoreNlpJson> {
    const tagged = await request(TAGGING, text);
    const parse = parseRequestFor(text, tagged, select);
    if (parse) mergeParse(parse, await request(PARSING, parse.text));
    return tagged;
  }

  return {
    get inFlight() {
      return inFlight;
    },
    async annotate(original) {
      // Same length as the original, so every offset of the answer is one into the original.
      const text = maskForCoreNlp(original);
      const ranges = splitForAnnotation(text, c.maxChars);
      const started = performance.now();
      inFlight++;
      try {
        const pieces = await Promise.all(ranges.map(async (r) => ({ offset: r.start, json: await annotatePiece(text.slice(r.start, r.end)) })));
        return { pieces, annotateMs: performance.now() - started };
      } finally {
        inFlight--;
      }
    },
  };
}

/** Failures another server may not have: unreachable, frozen, or answering an error of its own. */
const RETRY = new WeakSet<NlpError>();
function retryable(e: NlpError): NlpError {
  RETRY.add(e);
  return e;
}
