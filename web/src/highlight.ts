// Splits a sentence into plain and highlighted runs for the entity's names, so the details
// panel can mark them while building the DOM with textContent only (article text is data).
export interface Segment {
  text: string;
  mark: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words to look for: name, aliases, and a person's surname (articles say "Mnuchin"). */
export function highlightTerms(name: string, aliases: readonly string[], isPerson: boolean): string[] {
  const terms = new Set([name, ...aliases].map((t) => t.trim()).filter((t) => t.length >= 2));
  if (isPerson) {
    const parts = name.split(/\s+/);
    const last = parts[parts.length - 1];
    if (parts.length > 1 && last && last.length >= 3) terms.add(last);
    const first = parts[0];
    // Chinese names put the family name first ("Xi Jinping" -> "Xi").
    if (parts.length === 2 && first && first.length >= 2 && /^[A-Z][a-z]$/.test(first)) terms.add(first);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

export function highlightSegments(text: string, terms: readonly string[]): Segment[] {
  const usable = terms.filter((t) => t.length > 0);
  if (usable.length === 0) return [{ text, mark: false }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${usable.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: m[0], mark: true });
    at = start + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
