// Fetches one article page over http(s), with a size cap enforced while streaming and a timeout.
import { ArticleInputError } from './errors.js';
import { prepareArticle, type ArticleInput } from './prepare.js';

export interface FetchOptions {
  maxBytes: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

async function readCapped(res: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new ArticleInputError(url, 'oversized', `page is ${declared} bytes, more than the limit of ${maxBytes} (MAX_ARTICLE_BYTES)`);
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ArticleInputError(url, 'oversized', `page is more than the limit of ${maxBytes} bytes (MAX_ARTICLE_BYTES)`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Decodes as UTF-8 unless the server names another charset; undecodable bytes are replaced. */
function decode(bytes: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export async function fetchArticle(url: string, opts: FetchOptions): Promise<ArticleInput> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ArticleInputError(url, 'malformed', 'not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ArticleInputError(url, 'malformed', `only http and https URLs can be fetched, not ${parsed.protocol}`);
  }
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let res: Response;
  let bytes: Buffer;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    res = await doFetch(url, {
      redirect: 'follow',
      signal,
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1', 'user-agent': 'news-knowledge-graph/0.1' },
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new ArticleInputError(url, 'fetch-failed', `server answered ${res.status} ${res.statusText}`.trim());
    }
    bytes = await readCapped(res, url, opts.maxBytes);
  } catch (err) {
    if (err instanceof ArticleInputError) throw err;
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new ArticleInputError(url, 'fetch-failed', `could not fetch: ${why}`, { cause: err });
  }
  const contentType = res.headers.get('content-type') ?? '';
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (mime && !/^(text\/|application\/(xhtml\+xml|xml)$)/.test(mime)) {
    throw new ArticleInputError(url, 'binary', `content type ${mime} is not an article page (HTML or text)`);
  }
  const body = decode(bytes, contentType);
  const meta = { url };
  const isHtml = mime === 'text/html' || mime === 'application/xhtml+xml' || (mime === '' && /^\s*</.test(body));
  // The requested URL names the article, so refetching it later replaces the same article.
  return prepareArticle(isHtml ? { html: body, meta, origin: url } : { text: body, meta, origin: url }, opts);
}
