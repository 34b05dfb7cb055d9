// Fetches one article page over http(s), with a size cap enforced while streaming and a timeout.
// A URL comes from whoever may ingest, so the server refuses to fetch from its own machine or
// network (loopback, private, link-local addresses) unless ALLOW_PRIVATE_FETCH says otherwise:
// every hop's host is resolved and checked, and redirects are followed by hand so each is checked.
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { ArticleInputError } from './errors.js';
import { prepareArticle, type ArticleInput } from './prepare.js';

export interface FetchOptions {
  maxBytes: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** ALLOW_PRIVATE_FETCH: also fetch from loopback, private and link-local addresses. */
  allowPrivateFetch?: boolean;
  /** Resolves a host (name or literal) to all its addresses; defaults to node:dns lookup. */
  lookup?: (host: string) => Promise<string[]>;
}

export const MAX_REDIRECTS = 5;

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'unspecified' | 'invalid';

function subnets(list: [string, number, 'ipv4' | 'ipv6'][]): net.BlockList {
  const b = new net.BlockList();
  for (const [address, prefix, type] of list) b.addSubnet(address, prefix, type);
  return b;
}

const RANGES: [Exclude<AddressClass, 'public' | 'invalid'>, net.BlockList][] = [
  ['unspecified', subnets([['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']])],
  ['loopback', subnets([['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']])],
  ['private', subnets([['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4']])],
  ['link-local', subnets([['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']])],
  ['unique-local', subnets([['fc00::', 7, 'ipv6']])],
];

/** What kind of address this is; only 'public' may be fetched without ALLOW_PRIVATE_FETCH. */
export function classifyAddress(address: string): AddressClass {
  let a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1 or ::ffff:7f00:1) reaches the IPv4 host.
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(a);
  if (mapped && net.isIPv6(a)) {
    const rest = mapped[1]!;
    if (net.isIPv4(rest)) a = rest;
    else {
      const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
      if (m) {
        const hi = parseInt(m[1]!, 16);
        const lo = parseInt(m[2]!, 16);
        a = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
      }
    }
  }
  const type = net.isIPv4(a) ? 'ipv4' : net.isIPv6(a) ? 'ipv6' : undefined;
  if (!type) return 'invalid';
  for (const [kind, list] of RANGES) if (list.check(a, type)) return kind;
  return 'public';
}

async function defaultLookup(host: string): Promise<string[]> {
  return (await dnsLookup(host, { all: true, verbatim: true })).map((r) => r.address);
}

/** Refuses a URL whose host resolves to any non-public address (all of them are checked). */
async function checkHost(target: URL, origin: string, opts: FetchOptions): Promise<void> {
  if (opts.allowPrivateFetch) return;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = await (opts.lookup ?? defaultLookup)(host);
  } catch (err) {
    const e = err as Error & { code?: string };
    throw new ArticleInputError(origin, 'fetch-failed', `could not resolve ${host}: ${e.code ?? e.message}`, { cause: err });
  }
  if (addresses.length === 0) throw new ArticleInputError(origin, 'fetch-failed', `could not resolve ${host}: no addresses`);
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind !== 'public') {
      throw new ArticleInputError(
        origin,
        'fetch-failed',
        `refused to fetch ${target.origin}: ${host} resolves to ${address}, a ${kind} address. The server does not fetch from its own machine or network unless ALLOW_PRIVATE_FETCH=true.`,
      );
    }
  }
}

function parseHttpUrl(url: string, origin: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ArticleInputError(origin, 'malformed', url === origin ? 'not a valid URL' : `redirect to an invalid URL ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ArticleInputError(origin, 'malformed', `only http and https URLs can be fetched, not ${parsed.protocol}`);
  }
  return parsed;
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
  let target = parseHttpUrl(url, url);
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let res: Response;
  let bytes: Buffer;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    for (let hop = 0; ; hop++) {
      await checkHost(target, url, opts);
      res = await doFetch(target, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1', 'user-agent': 'news-knowledge-graph/0.1' },
      });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location === null) break;
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new ArticleInputError(url, 'fetch-failed', `more than ${MAX_REDIRECTS} redirects`);
      let next: string;
      try {
        next = new URL(location, target).href;
      } catch {
        throw new ArticleInputError(url, 'malformed', `redirect to an invalid URL ${JSON.stringify(location)}`);
      }
      target = parseHttpUrl(next, url);
    }
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
