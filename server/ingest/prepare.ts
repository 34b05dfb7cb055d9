// One article, given as text, Markdown or HTML plus metadata, checked and normalised into the
// form every later stage uses. The returned text is the stored article text: extraction offsets
// index it, so nothing may change it afterwards.
import { z } from 'zod';
import type { ArticleMeta } from '../extractors/contract.js';
import { deriveArticleId } from './article-id.js';
import { ArticleInputError } from './errors.js';
import { htmlToArticle, looksLikeHtml } from './html.js';
import { detectLanguage } from './language.js';
import { MarkdownError, markdownToText } from './markdown.js';

export interface ArticleInput {
  id: string;
  text: string;
  meta: ArticleMeta;
  /** Where it came from: a file path, a URL, 'stdin', 'batch.jsonl:12'. */
  origin: string;
}

export interface RawArticle {
  id?: string;
  text?: string;
  html?: string;
  meta: ArticleMeta;
  origin: string;
  /** Picks the format (.md, .html) and is the preferred source of the id. */
  fileName?: string;
}

export type ArticleFormat = 'text' | 'markdown' | 'html';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for YYYY-MM-DD or an ISO timestamp naming a real calendar date. */
export function isValidPublishedAt(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return true;
}

const optionalText = z
  .string({ invalid_type_error: 'must be a string' })
  .transform((s) => s.trim())
  .optional()
  .nullable()
  .transform((s) => (s ? s : undefined));

export const ArticleMetaSchema = z.object({
  title: optionalText,
  source: optionalText,
  author: optionalText,
  url: optionalText.refine((u) => u === undefined || /^https?:\/\/[^\s]+$/i.test(u), 'must be an http(s) URL'),
  publishedAt: optionalText.refine(
    (d) => d === undefined || isValidPublishedAt(d),
    'must be a date as YYYY-MM-DD or an ISO timestamp such as 2019-02-15T10:30:00Z',
  ),
  language: optionalText,
});

/** Validates metadata from any source (sidecar, JSON line, API); unknown keys are ignored. */
export function parseMeta(value: unknown, origin: string, what = 'metadata'): ArticleMeta {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ArticleInputError(origin, 'malformed', `${what} must be a JSON object`);
  }
  const parsed = ArticleMetaSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new ArticleInputError(origin, 'malformed', `bad ${what}: ${issues}`);
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as ArticleMeta;
}

export function formatOf(fileName: string | undefined): ArticleFormat {
  if (!fileName) return 'text';
  if (/\.(md|markdown)$/i.test(fileName)) return 'markdown';
  if (/\.(html?|xhtml)$/i.test(fileName)) return 'html';
  return 'text';
}

/** NUL bytes or many control characters mean this is not prose. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  const control = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return control / sample.length > 0.1;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Validates and normalises one article; throws ArticleInputError naming what is wrong. */
/**
 * A lone UTF-16 surrogate (possible in JSON as "\\ud800") cannot be stored: the database keeps
 * UTF-8 and would write U+FFFD instead, so the stored text would no longer be the text that was
 * hashed and whose offsets the evidence uses. Refused rather than silently changed.
 */
function refuseLoneSurrogates(value: string, field: string, origin: string): void {
  const m = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(value);
  if (!m) return;
  const unit = m[0].charCodeAt(0).toString(16).toUpperCase();
  throw new ArticleInputError(origin, 'malformed', `${field} contains a lone surrogate (U+${unit}) at offset ${m.index}; text must be well-formed Unicode`);
}

export function prepareArticle(raw: RawArticle, opts: { maxBytes: number }): ArticleInput {
  const { origin } = raw;
  const body = raw.html ?? raw.text;
  if (body === undefined) throw new ArticleInputError(origin, 'malformed', 'no text or html given');
  if (typeof body !== 'string') throw new ArticleInputError(origin, 'malformed', 'text/html must be a string');
  const size = byteLength(body);
  if (size > opts.maxBytes) {
    throw new ArticleInputError(origin, 'oversized', `article is ${size} bytes, more than the limit of ${opts.maxBytes} (MAX_ARTICLE_BYTES)`);
  }
  if (looksBinary(body)) throw new ArticleInputError(origin, 'binary', 'content looks binary, not text (NUL bytes or control characters)');
  refuseLoneSurrogates(body, 'text', origin);
  for (const [k, v] of Object.entries(raw.meta ?? {})) if (typeof v === 'string') refuseLoneSurrogates(v, k, origin);
  if (!body.trim()) throw new ArticleInputError(origin, 'empty', 'article is empty or whitespace only');

  const given = parseMeta(raw.meta, origin);
  // Without a file name to go by, a document that starts like a web page is read as one.
  const format: ArticleFormat =
    raw.html !== undefined ? 'html' : raw.fileName ? formatOf(raw.fileName) : looksLikeHtml(body) ? 'html' : 'text';

  let text: string;
  let derived: ArticleMeta = {};
  if (format === 'html') {
    const page = htmlToArticle(body);
    text = page.text;
    // Page dates come in many shapes; keep only those the contract accepts.
    derived = { ...page.meta };
    if (derived.publishedAt && !isValidPublishedAt(derived.publishedAt)) delete derived.publishedAt;
  } else if (format === 'markdown') {
    let md: ReturnType<typeof markdownToText>;
    try {
      md = markdownToText(body);
    } catch (err) {
      if (err instanceof MarkdownError) throw new ArticleInputError(origin, 'malformed', err.message, { cause: err });
      throw err;
    }
    text = md.text;
    const fm = md.frontMatter;
    const fromFront: Record<string, string | undefined> = {
      title: fm.title,
      author: fm.author,
      source: fm.source,
      url: fm.url,
      publishedAt: fm.publishedAt ?? fm.date,
    };
    for (const [k, v] of Object.entries(fromFront)) {
      if (v) (derived as Record<string, string>)[k] = v;
    }
    derived = parseMeta(derived, origin, 'front matter');
  } else {
    text = body.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  }
  if (!text.trim()) throw new ArticleInputError(origin, 'empty', `no article text found in the ${format === 'html' ? 'page' : 'file'}`);

  // Explicit metadata wins over what the document says about itself.
  const meta: ArticleMeta = { ...derived, ...given };
  const declared = given.language?.toLowerCase().split(/[-_]/)[0];
  if (declared && declared !== 'en') {
    throw new ArticleInputError(origin, 'unsupported-language', `unsupported language (declared ${given.language}); only English is supported`);
  }
  const guess = detectLanguage(text);
  if (guess.confident && guess.language !== 'en') {
    throw new ArticleInputError(origin, 'unsupported-language', `unsupported language (looks like ${guess.language}); only English is supported`);
  }
  meta.language = 'en';

  const id = deriveArticleId({ id: raw.id, fileName: raw.fileName, url: meta.url, title: meta.title, publishedAt: meta.publishedAt, text });
  if (id === undefined) throw new ArticleInputError(origin, 'malformed', `id ${JSON.stringify(raw.id)} has no letters or digits`);
  return { id, text, meta, origin };
}
