// Markdown to plain prose: markup goes, the words stay, paragraphs stay apart. The result is the
// stored article text, so it must read like the article (link text, not URLs). gray-matter reads
// the front matter and mdast-util-from-markdown (micromark, CommonMark with the GFM extensions)
// the body; this file only decides which parts of the tree are the article's prose.
import matter from 'gray-matter';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseHTML } from 'linkedom';
import type { Nodes, Parents, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { htmlNodeToText } from './html.js';

export interface MarkdownResult {
  text: string;
  /** Top-level `key: value` pairs of a leading YAML (or JSON) front-matter block, as strings. */
  frontMatter: Record<string, string>;
}

/** The file cannot be read as an article in Markdown (bad front matter, absurd nesting); the message says why. */
export class MarkdownError extends Error {
  override name = 'MarkdownError';
}

const refuse = (language: string) => () => {
  throw new MarkdownError(`front matter in ${language} is not read; use YAML`);
};

const MATTER_OPTIONS = {
  engines: {
    // The core schema keeps dates as written ("2019-02-30" stays a string the date check refuses,
    // instead of a Date rolled over to March) and builds no other objects.
    yaml: (source: string) => load(source, { schema: CORE_SCHEMA }) as object,
    // gray-matter would eval() a "---js" block: an article file must never run code.
    javascript: refuse('JavaScript'),
    coffee: refuse('CoffeeScript'),
  },
};

/** gray-matter reads to the end of the file when the block is never closed; that is a rule, not front matter. */
function hasFrontMatter(lines: string[]): boolean {
  if (!/^---[^\S\n]*[A-Za-z]*[^\S\n]*$/.test(lines[0] ?? '')) return false;
  return lines.slice(1).some((l) => l.trimEnd() === '---');
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((v): v is string => v !== undefined);
    return parts.length ? parts.join(', ') : undefined;
  }
  return undefined;
}

function readFrontMatter(source: string): { body: string; frontMatter: Record<string, string> } {
  if (!hasFrontMatter(source.split('\n'))) return { body: source, frontMatter: {} };
  let parsed: { data: unknown; content: string };
  try {
    parsed = matter(source, MATTER_OPTIONS);
  } catch (err) {
    if (err instanceof MarkdownError) throw err;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new MarkdownError(`front matter is not valid YAML: ${reason}`, { cause: err });
  }
  const { data } = parsed;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new MarkdownError('front matter must be `key: value` lines');
  }
  const frontMatter: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    const text = asText(value);
    if (text !== undefined) frontMatter[key] = text;
  }
  return { body: parsed.content, frontMatter };
}

/** The words of inline content: links keep their text, images and footnote marks go. */
function phrasing(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'html':
      return /^<br\b/i.test(node.value) ? ' ' : '';
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(phrasing).join('') : '';
  }
}

function blocks(node: Nodes, out: string[]): void {
  const push = (text: string) => {
    const p = text.replace(/\s+/g, ' ').trim();
    if (p) out.push(p);
  };
  switch (node.type) {
    case 'heading':
    case 'paragraph':
      push(phrasing(node));
      return;
    case 'table':
      // One line per row, cells apart, so a row reads as one statement.
      for (const row of node.children) push(row.children.map((cell) => phrasing(cell).trim()).filter(Boolean).join('; '));
      return;
    case 'html':
      // Raw HTML blocks read as the HTML reader reads a page (scripts and styles dropped).
      for (const p of htmlNodeToText(parseHTML(`<!doctype html><html><body>${node.value}</body></html>`).document.body).split('\n\n')) push(p);
      return;
    // Code is not the article's prose; definitions are link targets.
    case 'code':
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      // Lists, list items, block quotes, footnote definitions: each block inside is a paragraph.
      if ('children' in node) for (const child of (node as Parents).children) blocks(child, out);
  }
}

// micromark's time grows with the square of the nesting (20,000 nested emphasis marks: over a
// minute; 5,000 nested list items: many seconds), so nesting no article has is refused up front.
const ABSURD_NESTING = /([*_~[\]>`])\1{199}|^(?:[ \t]*(?:>|[*+-][ \t]|\d{1,9}[.)][ \t])){50}/m;

export function markdownToText(source: string): MarkdownResult {
  const normalised = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const { body, frontMatter } = readFrontMatter(normalised);
  if (ABSURD_NESTING.test(body)) throw new MarkdownError('Markdown is nested too deeply to read');
  const paragraphs: string[] = [];
  try {
    const tree: Root = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    blocks(tree, paragraphs);
  } catch (err) {
    // The parser and the tree walk recurse once per level of nesting: thousands of nested
    // emphasis marks or quotes run out of stack, and that is the file's fault, not the server's.
    if (err instanceof RangeError) throw new MarkdownError('Markdown is nested too deeply to read', { cause: err });
    throw err;
  }
  return { text: paragraphs.join('\n\n'), frontMatter };
}
