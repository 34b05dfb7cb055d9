// Article ids are stable across content changes, so re-ingesting an edited article replaces the
// old version: explicit id > file name > URL > title + date > content hash.
import path from 'node:path';
import { hashPrefix, slugify } from '../normalise/index.js';

export { hashPrefix, slugify };

export const ARTICLE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;

/** The file name without its extension(s) such as .txt, .md, .html, .meta.json. */
export function fileStem(fileName: string): string {
  return path.basename(fileName).replace(/(\.(txt|text|md|markdown|html?|xhtml|jsonl|json))+$/i, '');
}

const TRACKING_PARAM = /^(utm_|fbclid$|gclid$|mc_|ref$|cmp$)/i;

export function slugFromUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return slugify(url);
  }
  const params = [...parsed.searchParams.entries()].filter(([k]) => !TRACKING_PARAM.test(k));
  const pathPart = parsed.pathname.replace(/\.(html?|php|aspx?|shtml)$/i, '');
  const query = params.map(([k, v]) => `${k}-${v}`).join('-');
  return slugify(`${parsed.hostname.replace(/^www\./, '')} ${pathPart} ${query}`);
}

export interface IdSources {
  id?: string;
  fileName?: string;
  url?: string;
  title?: string;
  publishedAt?: string;
  text: string;
}

/** Returns the id, or undefined when an explicit id has no usable characters. */
export function deriveArticleId(s: IdSources): string | undefined {
  if (s.id !== undefined) {
    const slug = slugify(s.id);
    return slug === '' ? undefined : slug;
  }
  const candidates = [
    s.fileName ? slugify(fileStem(s.fileName)) : '',
    s.url ? slugFromUrl(s.url) : '',
    s.title ? slugify(`${s.title} ${s.publishedAt?.slice(0, 10) ?? ''}`) : '',
  ];
  return candidates.find((c) => c !== '') ?? `article-${hashPrefix(s.text)}`;
}
