// Walks every supported kind of input — a file, a folder, a JSON Lines batch, a URL or stdin — and
// yields each article or the error for it, in a stable order, without stopping at a bad one.
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ArticleMeta } from '../extractors/contract.js';
import { ArticleInputError } from './errors.js';
import { fetchArticle } from './fetch.js';
import { parseMeta, prepareArticle, type ArticleInput } from './prepare.js';

export interface ReadOptions {
  maxBytes: number;
  stdin?: NodeJS.ReadableStream;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Passed to fetchArticle for http(s) targets (ALLOW_PRIVATE_FETCH). */
  allowPrivateFetch?: boolean;
}

export type ReadResult = ArticleInput | ArticleInputError;

const ARTICLE_FILE = /\.(txt|text|md|markdown|html?|xhtml)$/i;
const BATCH_FILE = /\.jsonl$/i;
// Folder documentation is not an article.
const NOT_ARTICLE = /^(readme|license|licence|changelog)(\.[a-z]+)?$/i;

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e.message;
  }
}

/** UTF-8 when valid, otherwise Windows-1252 (the usual encoding of older text files). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function readSidecar(file: string): Promise<{ meta: ArticleMeta; id?: string } | undefined> {
  const candidates = [`${file}.meta.json`, path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/, '')}.meta.json`)];
  for (const sidecar of candidates) {
    let raw: string;
    try {
      raw = await readFile(sidecar, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ArticleInputError(file, 'unreadable', `metadata ${sidecar}: ${describeFsError(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new ArticleInputError(file, 'malformed', `metadata ${path.basename(sidecar)} is not valid JSON: ${(err as Error).message}`);
    }
    const meta = parseMeta(json, file, `metadata ${path.basename(sidecar)}`);
    const id = (json as { id?: unknown }).id;
    if (id !== undefined && typeof id !== 'string') {
      throw new ArticleInputError(file, 'malformed', `metadata ${path.basename(sidecar)}: id must be a string`);
    }
    return { meta, id };
  }
  return undefined;
}

async function readArticleFile(file: string, opts: ReadOptions): Promise<ArticleInput> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > opts.maxBytes) {
      throw new ArticleInputError(file, 'oversized', `file is ${info.size} bytes, more than the limit of ${opts.maxBytes} (MAX_ARTICLE_BYTES)`);
    }
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof ArticleInputError) throw err;
    throw new ArticleInputError(file, 'unreadable', `cannot read file: ${describeFsError(err)}`, { cause: err });
  }
  if (bytes.includes(0)) throw new ArticleInputError(file, 'binary', 'file looks binary, not text (it contains NUL bytes)');
  const sidecar = await readSidecar(file);
  const text = decodeText(bytes);
  return prepareArticle({ id: sidecar?.id, text, meta: sidecar?.meta ?? {}, origin: file, fileName: file }, opts);
}

const LineSchemaKeys = ['id', 'text', 'html'] as const;

/** One JSON line: {id?, text | html, title?, source?, author?, url?, publishedAt?, language?}. */
export function prepareJsonLine(line: string, origin: string, opts: { maxBytes: number }): ArticleInput {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    throw new ArticleInputError(origin, 'malformed', `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ArticleInputError(origin, 'malformed', 'each line must be a JSON object like {"text": "...", "title": "..."}');
  }
  const obj = json as Record<string, unknown>;
  const id = typeof obj.id === 'string' ? obj.id : undefined;
  try {
    for (const key of LineSchemaKeys) {
      if (obj[key] !== undefined && obj[key] !== null && typeof obj[key] !== 'string') {
        throw new ArticleInputError(origin, 'malformed', `"${key}" must be a string`);
      }
    }
    const text = obj.text as string | undefined | null;
    const html = obj.html as string | undefined | null;
    if ((text === undefined || text === null) && (html === undefined || html === null)) {
      throw new ArticleInputError(origin, 'malformed', 'line has neither "text" nor "html"');
    }
    const meta = parseMeta(obj, origin);
    return prepareArticle(html != null ? { id, html, meta, origin } : { id, text: text!, meta, origin }, opts);
  } catch (err) {
    // A line refused after its id was read answers under that id.
    if (err instanceof ArticleInputError) err.id ??= id;
    throw err;
  }
}

async function* readJsonLines(file: string, opts: ReadOptions): AsyncGenerator<ReadResult> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (err) {
    yield new ArticleInputError(file, 'unreadable', `cannot read file: ${describeFsError(err)}`, { cause: err });
    return;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const origin = `${file}:${n}`;
      try {
        yield prepareJsonLine(line, origin, opts);
      } catch (err) {
        yield asInputError(err, origin);
      }
    }
  } catch (err) {
    yield new ArticleInputError(`${file}:${n + 1}`, 'unreadable', `reading stopped: ${describeFsError(err)}`, { cause: err });
  } finally {
    lines.close();
    stream.destroy();
  }
}

async function* walkFolder(dir: string, opts: ReadOptions, seen: Set<string>): AsyncGenerator<ReadResult> {
  let real: string;
  let entries: string[];
  try {
    real = await realpath(dir);
    entries = await readdir(dir);
  } catch (err) {
    yield new ArticleInputError(dir, 'unreadable', `cannot read folder: ${describeFsError(err)}`, { cause: err });
    return;
  }
  if (seen.has(real)) return; // a symlink back up the tree
  seen.add(real);
  // Sorted by name so runs over the same folder yield the same order.
  for (const name of entries.sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    let isDir: boolean;
    try {
      isDir = (await stat(full)).isDirectory();
    } catch (err) {
      yield new ArticleInputError(full, 'unreadable', `cannot read: ${describeFsError(err)}`, { cause: err });
      continue;
    }
    if (isDir) {
      yield* walkFolder(full, opts, seen);
    } else if (BATCH_FILE.test(name)) {
      yield* readJsonLines(full, opts);
    } else if (ARTICLE_FILE.test(name) && !NOT_ARTICLE.test(name)) {
      yield await readOne(full, opts);
    }
  }
}

async function readOne(file: string, opts: ReadOptions): Promise<ReadResult> {
  try {
    return await readArticleFile(file, opts);
  } catch (err) {
    return asInputError(err, file);
  }
}

function asInputError(err: unknown, origin: string): ArticleInputError {
  if (err instanceof ArticleInputError) return err;
  return new ArticleInputError(origin, 'unreadable', (err as Error).message ?? String(err), { cause: err });
}

async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += buf.byteLength;
    if (total > maxBytes) {
      throw new ArticleInputError('stdin', 'oversized', `input is more than the limit of ${maxBytes} bytes (MAX_ARTICLE_BYTES)`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads `target`: a file (.txt, .md, .html/.htm with an optional FILE.meta.json sidecar), a
 * folder (recursively, sorted, hidden entries skipped), a .jsonl batch (one article per line), an
 * http(s) URL, or '-' for stdin. Yields each article or the ArticleInputError for it, in order.
 */
export async function* readArticleSources(target: string, opts: ReadOptions): AsyncGenerator<ReadResult> {
  if (/^https?:\/\//i.test(target)) {
    try {
      yield await fetchArticle(target, opts);
    } catch (err) {
      yield asInputError(err, target);
    }
    return;
  }
  if (target === '-') {
    try {
      const bytes = await readStdin(opts.stdin ?? process.stdin, opts.maxBytes);
      if (bytes.includes(0)) throw new ArticleInputError('stdin', 'binary', 'input looks binary, not text (it contains NUL bytes)');
      yield prepareArticle({ text: decodeText(bytes), meta: {}, origin: 'stdin' }, opts);
    } catch (err) {
      yield asInputError(err, 'stdin');
    }
    return;
  }
  let isDir: boolean;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch (err) {
    yield new ArticleInputError(target, 'unreadable', `cannot read: ${describeFsError(err)}`, { cause: err });
    return;
  }
  if (isDir) yield* walkFolder(target, opts, new Set());
  else if (BATCH_FILE.test(target)) yield* readJsonLines(target, opts);
  else yield await readOne(target, opts);
}
