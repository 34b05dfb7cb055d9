// Markdown to plain prose: markup goes, the words stay, paragraphs stay apart. The result is the
// stored article text, so it must read like the article (link text, not URLs).

export interface MarkdownResult {
  text: string;
  /** Simple `key: value` pairs from a leading YAML front-matter block. */
  frontMatter: Record<string, string>;
}

function inline(line: string): string {
  return (
    line
      // images: keep the alt text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      // links: keep the link text
      .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
      // inline code
      .replace(/`+([^`]+?)`+/g, '$1')
      // inline html tags
      .replace(/<\/?[A-Za-z][^>]*>/g, '')
      // emphasis and strike-through (outer pairs first)
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1')
      .replace(/(?<![\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g, '$1')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      // backslash escapes
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
  );
}

export function markdownToText(source: string): MarkdownResult {
  let lines = source.replace(/\r\n?/g, '\n').split('\n');
  const frontMatter: Record<string, string> = {};
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      for (const l of lines.slice(1, end)) {
        const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(l);
        if (m && m[2]) frontMatter[m[1]!] = m[2].trim().replace(/^(['"])(.*)\1$/, '$2');
      }
      lines = lines.slice(end + 1);
    }
  }

  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const p = current.join(' ').replace(/[ \t]+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = [];
  };
  let fence: string | null = null;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (fence !== null) {
      if (raw.trim().startsWith(fence)) {
        fence = null;
        flush();
      } else if (raw.trim()) {
        paragraphs.push(raw.trim());
      }
      continue;
    }
    const fenceOpen = /^\s*(```|~~~)/.exec(raw);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1]!;
      continue;
    }
    let line = raw.replace(/^\s{0,3}(>\s?)+/, ''); // block quotes
    if (!line.trim()) {
      flush();
      continue;
    }
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definitions
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush(); // horizontal rule
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && /^\s{0,3}(=+|-+)\s*$/.test(next) && current.length === 0) {
      paragraphs.push(inline(line.trim())); // setext heading
      i++;
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$/.exec(line);
    if (heading) {
      flush();
      if (heading[1]) paragraphs.push(inline(heading[1]));
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table rule
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush(); // each list item is its own line
      line = item[1]!;
    }
    if (line.includes('|') && /^\s*\|/.test(line)) line = line.replace(/^\s*\||\|\s*$/g, '').replace(/\s*\|\s*/g, '; ');
    current.push(inline(line.trim()));
  }
  flush();
  return { text: paragraphs.join('\n\n'), frontMatter };
}
