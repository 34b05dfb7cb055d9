// The SSRF guard in fetchArticle: article URLs that resolve to the server's own machine or network
// are refused (every address of the host, at every redirect hop) unless ALLOW_PRIVATE_FETCH is set.
// A real HTTP server on 127.0.0.1 plays the internal service an attacker would aim at.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { classifyAddress, MAX_REDIRECTS } from '../../server/ingest/fetch.js';
import { ArticleInputError, fetchArticle, readArticleSources } from '../../server/ingest/index.js';

const PAGE = `<html><head><title>Internal page</title></head><body><article><p>Kenya and Tanzania agreed on Tuesday to end a dispute over border tariffs, officials said in Nairobi.</p></article></body></html>`;

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    const loop = /^\/loop\/(\d+)$/.exec(url);
    if (loop) return void res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
    if (url === '/to-localhost') return void res.writeHead(301, { location: `http://localhost:${port}/page` }).end();
    if (url === '/hop') return void res.writeHead(307, { location: '/page' }).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits.length = 0;
});

async function refusal(promise: Promise<unknown>): Promise<ArticleInputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ArticleInputError);
  return err as ArticleInputError;
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.10.3', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['::ffff:192.168.1.20', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.1', 'public'],
    ['192.169.0.1', 'public'],
    ['169.253.0.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['fec0::1', 'site-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['100.128.0.1', 'public'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.20.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['192.88.99.1', 'translation'],
    ['64:ff9b::7f00:1', 'translation'],
    ['64:ff9b::a00:1', 'translation'],
    ['64:ff9b:1::1', 'translation'],
    ['2002:7f00:1::', 'translation'],
    ['2001::1', 'translation'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['ff02::1', 'multicast'],
    ['::ffff:100.64.0.1', 'shared'],
    ['not-an-address', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('the machine itself', () => {
  it('every address of this machine\'s interfaces is refused, public or not', () => {
    const mine = Object.values(networkInterfaces()).flatMap((l) => l ?? []).map((i) => i.address);
    expect(mine.length).toBeGreaterThan(0);
    for (const a of mine) expect(classifyAddress(a), a).not.toBe('public');
  });
});

describe('fetchArticle refuses private addresses', () => {
  it('every special-purpose range is refused before anything is requested', async () => {
    for (const address of ['100.64.0.1', '198.18.0.1', '224.0.0.1', '240.0.0.1', '255.255.255.255', 'fec0::1', '64:ff9b::7f00:1']) {
      const lookup = async () => [address];
      const err = await refusal(fetchArticle(`http://ranges.example:${port}/page`, { maxBytes: 100_000, lookup }));
      expect(err.message, address).toMatch(/ALLOW_PRIVATE_FETCH=true/);
    }
    expect(hits).toEqual([]);
  });

  it('the connection goes to the checked address: DNS is not asked again between check and connect', async () => {
    // rebind.invalid has no DNS answer at all, so the fetch can only reach the server through the
    // address the check resolved (127.0.0.1, counted as public here to stand in for a web server).
    const lookup = async (host: string) => (host === 'rebind.invalid' ? ['127.0.0.1'] : []);
    const classify = (a: string) => (a === '127.0.0.1' ? 'public' : classifyAddress(a));
    const article = await fetchArticle(`http://rebind.invalid:${port}/page`, { maxBytes: 100_000, lookup, classify });
    expect(article.text).toMatch(/Kenya and Tanzania/);
    expect(hits).toEqual(['/page']);
  });

  it('a redirect from a public host to a special-purpose address is refused at that hop', async () => {
    const lookup = async (host: string) => (host === 'public.invalid' ? ['127.0.0.1'] : host === 'localhost' ? ['100.64.0.7'] : []);
    const classify = (a: string) => (a === '127.0.0.1' ? 'public' : classifyAddress(a));
    const err = await refusal(fetchArticle(`http://public.invalid:${port}/to-localhost`, { maxBytes: 100_000, lookup, classify }));
    expect(err.message).toMatch(/localhost resolves to 100\.64\.0\.7, a shared address/);
    expect(hits).toEqual(['/to-localhost']);
  });

  it('a URL on 127.0.0.1 is refused with a message naming ALLOW_PRIVATE_FETCH, and nothing is requested', async () => {
    const err = await refusal(fetchArticle(`http://127.0.0.1:${port}/page`, { maxBytes: 100_000 }));
    expect(err.reason).toBe('fetch-failed');
    expect(err.message).toMatch(/127\.0\.0\.1, a loopback address/);
    expect(err.message).toMatch(/ALLOW_PRIVATE_FETCH=true/);
    expect(hits).toEqual([]);
  });

  it('localhost and [::1] are refused too', async () => {
    for (const url of [`http://localhost:${port}/page`, `http://[::1]:${port}/page`]) {
      const err = await refusal(fetchArticle(url, { maxBytes: 100_000 }));
      expect(err.message, url).toMatch(/loopback address/);
    }
    expect(hits).toEqual([]);
  });

  it('a host with any private address among its addresses is refused', async () => {
    const lookup = async (host: string) => (host === 'mixed.example' ? ['93.184.216.34', '10.1.2.3'] : []);
    const err = await refusal(fetchArticle('http://mixed.example/news', { maxBytes: 100_000, lookup }));
    expect(err.message).toMatch(/10\.1\.2\.3, a private address/);
  });

  it('a redirect into a private address is refused at that hop', async () => {
    // The first hop counts as public here, so only the check after the redirect can stop it.
    const lookup = async (host: string) => (host === '127.0.0.1' ? ['93.184.216.34'] : host === 'localhost' ? ['127.0.0.1'] : []);
    const err = await refusal(fetchArticle(`http://127.0.0.1:${port}/to-localhost`, { maxBytes: 100_000, lookup }));
    expect(err.message).toMatch(/http:\/\/localhost:\d+: localhost resolves to 127\.0\.0\.1, a loopback address/);
    expect(hits).toEqual(['/to-localhost']);
  });

  it('readArticleSources (seed and extract CLI) yields the refusal for a private URL', async () => {
    const out = [];
    for await (const r of readArticleSources(`http://127.0.0.1:${port}/page`, { maxBytes: 100_000 })) out.push(r);
    expect(out).toHaveLength(1);
    expect(out[0]).toBeInstanceOf(ArticleInputError);
    expect((out[0] as ArticleInputError).message).toMatch(/ALLOW_PRIVATE_FETCH/);
    expect(hits).toEqual([]);
  });
});

describe('with ALLOW_PRIVATE_FETCH=true', () => {
  const allowed = { maxBytes: 100_000, allowPrivateFetch: loadConfig({ ALLOW_PRIVATE_FETCH: 'true' }).allowPrivateFetch };

  it('the setting defaults to off and parses true', () => {
    expect(loadConfig({}).allowPrivateFetch).toBe(false);
    expect(allowed.allowPrivateFetch).toBe(true);
  });

  it('a page on 127.0.0.1 is fetched', async () => {
    const article = await fetchArticle(`http://127.0.0.1:${port}/page`, allowed);
    expect(article.text).toMatch(/Kenya and Tanzania agreed/);
    expect(hits).toEqual(['/page']);
  });

  it('redirects are followed by hand, and the article keeps the requested URL', async () => {
    const url = `http://127.0.0.1:${port}/hop`;
    const article = await fetchArticle(url, allowed);
    expect(article.text).toMatch(/Kenya and Tanzania agreed/);
    expect(article.meta.url).toBe(url);
    expect(hits).toEqual(['/hop', '/page']);
  });

  it(`more than ${MAX_REDIRECTS} redirects are refused`, async () => {
    const err = await refusal(fetchArticle(`http://127.0.0.1:${port}/loop/0`, allowed));
    expect(err.message).toMatch(new RegExp(`more than ${MAX_REDIRECTS} redirects`));
    expect(hits).toHaveLength(MAX_REDIRECTS + 1);
  });
});
