// Fetches one article page over http(s), with a size cap enforced while streaming and a timeout.
// A URL comes from whoever may ingest, so the server refuses to fetch from its own machine or
// network (any IANA special-purpose address, or an address of this machine) unless
// ALLOW_PRIVATE_FETCH says otherwise: every hop's host is resolved and checked, the connection is
// pinned to the checked addresses, and redirects are followed by hand so each hop is checked.
import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import os from 'node:os';
import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { ArticleInputError } from './errors.js';
import { prepareArticle, type ArticleInput } from './prepare.js';

export interface FetchOptions {
  maxBytes: number;
  /** Replaces undici's fetch (which is given a pinned `dispatcher` per hop). */
  fetch?: (url: URL, init: RequestInit & { dispatcher?: Dispatcher }) => Promise<Response>;
  timeoutMs?: number;
  /** ALLOW_PRIVATE_FETCH: also fetch from loopback, private and link-local addresses. */
  allowPrivateFetch?: boolean;
  /** Resolves a host (name or literal) to all its addresses; defaults to node:dns lookup. */
  lookup?: (host: string) => Promise<string[]>;
  /** Classifies an address; defaults to classifyAddress (tests stand a loopback server in for a public one). */
  classify?: (address: string) => AddressClass;
}

export const MAX_REDIRECTS = 5;

export type AddressClass =
  | 'public'
  | 'this-machine'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'site-local'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'translation'
  | 'reserved'
  | 'invalid';

function subnets(list: [string, number, 'ipv4' | 'ipv6'][]): net.BlockList {
  const b = new net.BlockList();
  for (const [address, prefix, type] of list) b.addSubnet(address, prefix, type);
  return b;
}

// The IANA IPv4 and IPv6 special-purpose address registries, all of them: none of these is an
// ordinary public web server, and several reach the server's own network (shared address space
// behind carrier NAT, NAT64 and 6to4 prefixes that embed an IPv4 address, multicast).
const RANGES: [Exclude<AddressClass, 'public' | 'invalid' | 'this-machine'>, net.BlockList][] = [
  ['unspecified', subnets([['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']])],
  ['loopback', subnets([['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']])],
  ['private', subnets([['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4']])],
  ['shared', subnets([['100.64.0.0', 10, 'ipv4']])],
  ['link-local', subnets([['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']])],
  ['site-local', subnets([['fec0::', 10, 'ipv6']])],
  ['unique-local', subnets([['fc00::', 7, 'ipv6']])],
  ['multicast', subnets([['224.0.0.0', 4, 'ipv4'], ['ff00::', 8, 'ipv6']])],
  ['broadcast', subnets([['255.255.255.255', 32, 'ipv4']])],
  [
    'documentation',
    subnets([['192.0.2.0', 24, 'ipv4'], ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'], ['2001:db8::', 32, 'ipv6'], ['3fff::', 20, 'ipv6']]),
  ],
  ['benchmarking', subnets([['198.18.0.0', 15, 'ipv4'], ['2001:2::', 48, 'ipv6']])],
  [
    'translation',
    subnets([['192.88.99.0', 24, 'ipv4'], ['64:ff9b::', 96, 'ipv6'], ['64:ff9b:1::', 48, 'ipv6'], ['2002::', 16, 'ipv6'], ['2001::', 32, 'ipv6']]),
  ],
  [
    'reserved',
    subnets([
      ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
      ['192.31.196.0', 24, 'ipv4'], // AS112
      ['192.52.193.0', 24, 'ipv4'], // AMT
      ['192.175.48.0', 24, 'ipv4'], // AS112 direct delegation
      ['240.0.0.0', 4, 'ipv4'], // reserved for future use
      ['::', 96, 'ipv6'], // IPv4-compatible (deprecated)
      ['100::', 64, 'ipv6'], // discard-only
      ['2001::', 23, 'ipv6'], // IETF protocol assignments (Teredo, ORCHID, …)
      ['5f00::', 16, 'ipv6'], // SRv6 SIDs
    ]),
  ],
];

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1 or ::ffff:7f00:1) reaches the IPv4 host. */
function unmapped(address: string): string {
  const a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(a);
  if (!mapped || !net.isIPv6(a)) return a;
  const rest = mapped[1]!;
  if (net.isIPv4(rest)) return rest;
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!m) return a;
  const hi = parseInt(m[1]!, 16);
  const lo = parseInt(m[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Every address of this machine's interfaces (read each time: interfaces come and go). */
function ownAddresses(): net.BlockList {
  const b = new net.BlockList();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) {
      const a = unmapped(i.address);
      if (net.isIPv4(a)) b.addAddress(a, 'ipv4');
      else if (net.isIPv6(a)) b.addAddress(a, 'ipv6');
    }
  }
  return b;
}

/** What kind of address this is; only 'public' may be fetched without ALLOW_PRIVATE_FETCH. */
export function classifyAddress(address: string): AddressClass {
  const a = unmapped(address);
  const type = net.isIPv4(a) ? 'ipv4' : net.isIPv6(a) ? 'ipv6' : undefined;
  if (!type) return 'invalid';
  for (const [kind, list] of RANGES) if (list.check(a, type)) return kind;
  if (ownAddresses().check(a, type)) return 'this-machine';
  return 'public';
}

async function defaultLookup(host: string): Promise<string[]> {
  return (await dnsLookup(host, { all: true, verbatim: true })).map((r) => r.address);
}

/**
 * Refuses a URL whose host resolves to any non-public address (all of them are checked), and
 * returns the checked addresses: the connection is made to one of them, never to a second
 * answer from DNS (which could be a rebinding to an internal address).
 */
async function checkHost(target: URL, origin: string, opts: FetchOptions): Promise<string[] | undefined> {
  if (opts.allowPrivateFetch) return undefined;
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
    const kind = (opts.classify ?? classifyAddress)(address);
    if (kind !== 'public') {
      throw new ArticleInputError(
        origin,
        'fetch-failed',
        `refused to fetch ${target.origin}: ${host} resolves to ${address}, a ${kind} address. The server does not fetch from its own machine or network unless ALLOW_PRIVATE_FETCH=true.`,
      );
    }
  }
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;

/** A dispatcher that connects only to `addresses` (already checked), whatever DNS says now. */
function pinnedDispatcher(addresses: string[]): Agent {
  const pinned = addresses.map((a) => ({ address: unmapped(a), family: net.isIPv6(unmapped(a)) ? 6 : 4 }));
  const lookup = (_host: string, options: { all?: boolean }, cb: LookupCallback) => {
    if (options?.all) cb(null, pinned);
    else cb(null, pinned[0]!.address, pinned[0]!.family);
  };
  return new Agent({ connect: { lookup: lookup as never }, connections: 1, pipelining: 0 });
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
  const doFetch = opts.fetch ?? (undiciFetch as unknown as NonNullable<FetchOptions['fetch']>);
  const dispatchers: Agent[] = [];
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let res: Response;
  let bytes: Buffer;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    for (let hop = 0; ; hop++) {
      const addresses = await checkHost(target, url, opts);
      const dispatcher = addresses && !net.isIP(target.hostname.replace(/^\[|\]$/g, '')) ? pinnedDispatcher(addresses) : undefined;
      if (dispatcher) dispatchers.push(dispatcher);
      res = await doFetch(target, {
        redirect: 'manual',
        signal,
        ...(dispatcher ? { dispatcher } : {}),
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
  } finally {
    for (const d of dispatchers) void d.close().catch(() => undefined);
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
