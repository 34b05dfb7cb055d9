// Finds issues from the taxonomy in ./lexicons/issues.json. Each issue is one node however it is
// worded; overlapping phrases go to the longest match ("trade war" beats "war").
import issuesData from './lexicons/issues.json' with { type: 'json' };
import { sentenceAt, type Article } from './text.js';

export interface IssueDef {
  key: string;
  name: string;
  re: RegExp;
}

export interface IssueMention {
  key: string;
  name: string;
  start: number;
  end: number;
  text: string;
  sentence: number;
}

export const ISSUES: IssueDef[] = (issuesData.issues as Array<{ key: string; name: string; phrases: string[] }>).map((d) => ({
  key: d.key,
  name: d.name,
  re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${d.phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
}));

export function findIssues(article: Article): IssueMention[] {
  const raw: IssueMention[] = [];
  for (const def of ISSUES) {
    def.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = def.re.exec(article.text)) !== null) {
      if (m[0].length === 0) {
        def.re.lastIndex++;
        continue;
      }
      const sentence = sentenceAt(article.sentences, m.index);
      if (sentence < 0 || article.sentences[sentence]!.boilerplate) continue;
      // Matches never cross a sentence boundary.
      if (m.index + m[0].length > article.sentences[sentence]!.end) continue;
      raw.push({ key: def.key, name: def.name, start: m.index, end: m.index + m[0].length, text: m[0], sentence });
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: IssueMention[] = [];
  for (const r of raw) {
    // Sorted by start, so only the last kept match can overlap this one.
    const clash = out[out.length - 1];
    if (!clash || r.start >= clash.end) {
      out.push(r);
      continue;
    }
    if (r.end - r.start > clash.end - clash.start) out[out.length - 1] = r;
  }
  return out.sort((a, b) => a.start - b.start);
}
