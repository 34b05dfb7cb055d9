// HTML pages to article text and metadata: Readability finds the main content (on a linkedom
// DOM, no browser), page metadata supplies what the reader view drops (dates, site name).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleMeta } from '../extractors/contract.js';

export interface HtmlResult {
  text: string;
  meta: ArticleMeta;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'thead', 'tr', 'ul', 'body', 'html',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'select', 'head']);
const BOILERPLATE = new Set(['nav', 'header', 'footer', 'aside']);

/** Block elements become paragraphs; whitespace inside a paragraph collapses to single spaces. */
export function htmlNodeToText(root: Node, opts: { skipBoilerplate?: boolean } = {}): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = (node as Element).tagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || (opts.skipBoilerplate && BOILERPLATE.has(tag))) return;
    if (tag === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(tag) || tag === 'td' || tag === 'th';
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === 'td' || tag === 'th') current += ' ';
    else if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

function metaContent(doc: Document, selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const value = (el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? '').trim();
    if (value) return value;
  }
  return undefined;
}

/** A page date in the form the contract wants: ISO as given, else YYYY-MM-DD when parseable. */
export function normaliseHtmlDate(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (iso && !Number.isNaN(Date.parse(iso[1]!))) return iso[2] && !Number.isNaN(Date.parse(v)) ? v : iso[1];
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

function cleanByline(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const v = value.replace(/\s+/g, ' ').replace(/^by\s+/i, '').trim();
  if (!v || /^https?:\/\//.test(v) || v.length > 200) return undefined;
  return v;
}

export function htmlToArticle(html: string): HtmlResult {
  const { document } = parseHTML(html);
  // Read page metadata before Readability, which rewrites the document.
  const pageTitle =
    metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ??
    (document.querySelector('title')?.textContent?.trim() || undefined);
  const published = metaContent(document, [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'time[datetime][itemprop="datePublished"]',
    'time[pubdate][datetime]',
    'article time[datetime]',
    'time[datetime]',
  ]);
  const siteName = metaContent(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']);
  const metaAuthor = metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]']);
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    metaContent(document, ['meta[property="og:url"]']);
  const lang = document.documentElement?.getAttribute('lang') ?? undefined;

  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  } catch {
    parsed = null; // fall back to the whole body below
  }
  let text = '';
  if (parsed?.content) {
    const { document: contentDoc } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    text = htmlNodeToText(contentDoc.body as unknown as Node);
  }
  if (!text.trim()) {
    const { document: fresh } = parseHTML(html);
    text = htmlNodeToText((fresh.body ?? fresh.documentElement) as unknown as Node, { skipBoilerplate: true });
  }

  const meta: ArticleMeta = {};
  const title = (pageTitle ?? parsed?.title ?? '').replace(/\s+/g, ' ').trim();
  if (title) meta.title = title;
  const source = (siteName ?? parsed?.siteName ?? '').trim();
  if (source) meta.source = source;
  const author = cleanByline(parsed?.byline) ?? cleanByline(metaAuthor);
  if (author) meta.author = author;
  const date = normaliseHtmlDate(published) ?? normaliseHtmlDate(parsed?.publishedTime);
  if (date) meta.publishedAt = date;
  if (canonical && /^https?:\/\//i.test(canonical)) meta.url = canonical;
  if (lang) meta.language = lang.toLowerCase();
  return { text, meta };
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>])/i.test(text);
}
