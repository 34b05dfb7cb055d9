// Talks to one or more Stanford CoreNLP servers: sends an article (in pieces cut at sentence ends
// when it is long), at most `threads` requests at a time to each server, and turns every way a
// server can fail into a typed NlpError, so callers answer NLP_UNAVAILABLE or NLP_TIMEOUT instead
// of an unexplained failure.
import type { Config } from '../../config.js';
import { splitSentences } from '../tokenizer/index.js';
import { NlpError } from '../errors.js';
import { CORENLP_PROPERTIES } from './properties.js';

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
  timex?: { tid?: string; type?: string; value?: string; altValue?: string };
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
  annotate(text: string, publishedAt?: string | null): Promise<Annotation>;
  /** Requests being annotated or waiting, over all servers. */
  readonly inFlight: number;
}

interface Server {
  url: string;
  busy: number;
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

/** The document date SUTime resolves relative dates against ("Tuesday", "next week"). */
function docDate(publishedAt: string | null | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt ?? '');
  return m ? `${m[1]}T00:00:00` : undefined;
}

export function createCoreNlpClient(c: Config['corenlp']): CoreNlpClient {
  const servers: Server[] = c.urls.map((url) => ({ url, busy: 0 }));
  const queue: Array<() => void> = [];
  let inFlight = 0;

  const acquire = async (): Promise<Server> => {
    for (;;) {
      const free = servers.filter((s) => s.busy < c.threads).sort((a, b) => a.busy - b.busy)[0];
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

  const props = encodeURIComponent(JSON.stringify(CORENLP_PROPERTIES));

  async function annotatePiece(text: string, date: string | undefined): Promise<CoreNlpJson> {
    const server = await acquire();
    const url = `${server.url}/?properties=${props}${date ? `&date=${encodeURIComponent(date)}` : ''}`;
    try {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: text,
          signal: AbortSignal.timeout(c.timeoutMs),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        if (e.name === 'TimeoutError' || e.name === 'AbortError') {
          throw new NlpError('NLP_TIMEOUT', `CoreNLP at ${server.url} did not answer within ${c.timeoutMs} ms (CORENLP_TIMEOUT_MS).`);
        }
        throw new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} cannot be reached (${e.cause?.code ?? e.message}). Start it with \`npm run nlp:start\`, or set CORENLP_URL.`);
      }
      const body = await res.text().catch(() => '');
      if (!res.ok) {
        // The server answers 500 with "CoreNLP request timed out" when its own -timeout passes.
        if (/timed out/i.test(body)) throw new NlpError('NLP_TIMEOUT', `CoreNLP at ${server.url} gave up on the article: ${body.slice(0, 200)}`);
        throw new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} answered HTTP ${res.status}: ${body.slice(0, 200)}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} answered something that is not JSON (${body.slice(0, 80)}…).`);
      }
      if (!isCoreNlpJson(json)) throw new NlpError('NLP_UNAVAILABLE', `CoreNLP at ${server.url} answered JSON without sentences and token offsets.`);
      return json;
    } finally {
      release(server);
    }
  }

  return {
    get inFlight() {
      return inFlight;
    },
    async annotate(text, publishedAt) {
      const date = docDate(publishedAt);
      const ranges = splitForAnnotation(text, c.maxChars);
      const started = performance.now();
      inFlight++;
      try {
        const pieces = await Promise.all(ranges.map(async (r) => ({ offset: r.start, json: await annotatePiece(text.slice(r.start, r.end), date) })));
        return { pieces, annotateMs: performance.now() - started };
      } finally {
        inFlight--;
      }
    },
  };
}
