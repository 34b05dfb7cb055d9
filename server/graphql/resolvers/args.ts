// Argument checks shared by resolvers: each failure is a BAD_USER_INPUT naming the argument.
import type { Config } from '../../config.js';
import type { Slice } from '../../db/reads/related.js';
import type { ConnectionRecord, EntityLabel, Page } from '../../db/reads/records.js';
import { badInput } from '../../errors.js';
import { LABEL_OF_API_TYPE, type ApiEntityType } from '../../labels.js';
import { matchKey } from '../../normalise/index.js';

const CURSOR_PREFIX = 'o:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument = 'after'): number {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^o:(\d{1,9})$/.exec(raw);
  if (!m) throw badInput(argument, 'is not a cursor this API returned; pass an endCursor from a previous page.');
  return Number(m[1]);
}

/** `first`/`after` into skip/limit, enforcing the maximum page size. */
export function slice(config: Config, first: number | null | undefined, after: string | null | undefined, fallback = 20): Slice {
  const limit = first ?? fallback;
  if (!Number.isInteger(limit) || limit < 0 || limit > config.maxPageSize) {
    throw badInput('first', `must be between 0 and ${config.maxPageSize} (MAX_PAGE_SIZE), got ${limit}.`);
  }
  const skip = after ? decodeCursor(after) + 1 : 0;
  return { skip, limit };
}

export function connection<T>(page: Page<T>, scores?: number[]): ConnectionRecord<T> {
  return scores ? { page, scores } : { page };
}

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** Inclusive YYYY[-MM[-DD]] bounds; `toHi` sorts after every date that starts with `to`. */
export function dateRange(from: string | null | undefined, to: string | null | undefined): { from: string | null; toHi: string | null } {
  if (from != null && !DATE.test(from)) throw badInput('from', `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(from)}.`);
  if (to != null && !DATE.test(to)) throw badInput('to', `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(to)}.`);
  if (from != null && to != null && from > to + '~') throw badInput('from', 'must not be after `to`.');
  return { from: from ?? null, toHi: to != null ? `${to}~` : null };
}

export function intIn(argument: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(argument, `must be between ${min} and ${max}, got ${v}.`);
  return v;
}


export function labelsOf(types: readonly string[] | null | undefined): EntityLabel[] | null {
  if (!types || types.length === 0) return null;
  return [...new Set(types.map((t) => LABEL_OF_API_TYPE[t as ApiEntityType]))];
}

/** An ISO 3166-1 alpha-2 country code, upper-cased ("us" -> "US"). */
export function countryCode(argument: string, value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw badInput(argument, `must be an ISO 3166-1 alpha-2 country code such as "US", got ${JSON.stringify(value)}.`);
  return value.toUpperCase();
}

/** A point and a radius in WGS84 degrees and kilometres. */
export function near(argument: string, value: { lat: number; lon: number; km: number }): { lat: number; lon: number; km: number } {
  if (!(value.lat >= -90 && value.lat <= 90)) throw badInput(`${argument}.lat`, `must be between -90 and 90, got ${value.lat}.`);
  if (!(value.lon >= -180 && value.lon <= 180)) throw badInput(`${argument}.lon`, `must be between -180 and 180, got ${value.lon}.`);
  if (!(value.km > 0 && value.km <= 20_050)) throw badInput(`${argument}.km`, `must be more than 0 and at most 20050 (half the Earth's circumference), got ${value.km}.`);
  return value;
}

/** Ids are short printable strings; anything else cannot name a node. */
export function id(argument: string, value: string): string {
  if (value.length === 0 || value.length > 300) throw badInput(argument, 'must be a non-empty id of at most 300 characters.');
  return value;
}

/** Escapes a user query for Lucene and matches each word exactly or as a prefix. */
export function luceneQuery(query: string): string {
  const escape = (w: string) => w.replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, (c) => `\\${c}`);
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .map(escape)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) throw badInput('query', 'must contain at least one word.');
  const exact = words.join(' AND ');
  const prefix = words.map((w) => `${w}*`).join(' AND ');
  // Names are also indexed by their transliterated alias keys (server/normalise), so "Путин" or
  // "Dokovic" finds "Vladimir Putin" or "Novak Đoković".
  const ascii = matchKey(query).split(' ').filter((w) => w.length > 0).slice(0, 12);
  const asciiPrefix = ascii.map((w) => `${w}*`).join(' AND ');
  return ascii.length > 0 && asciiPrefix !== prefix ? `(${exact})^2 OR (${prefix}) OR (${asciiPrefix})` : `(${exact})^2 OR (${prefix})`;
}

export function timestamp(argument: string, value: string): string {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t)) {
    throw badInput(argument, `must be an ISO timestamp such as 2024-01-31T00:00:00Z, got ${JSON.stringify(value)}.`);
  }
  return new Date(t).toISOString();
}
