// Stances stated in a sentence: who supports, opposes, is concerned about or denies an issue, and
// who accuses whom. The holder is the actor just before the cue ("American demands for") or else
// the sentence's subject (its first actor outside quotations). The cues are data (../lexicons/stances.json).
import stancesData from '../lexicons/stances.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { StancesSchema } from '../lexicons/schemas.js';
import type { IssueMention } from './issues.js';
import type { ActorSpan } from './mentions.js';
import { inQuote, type Article } from '../nlp/document.js';
import type { RelationType } from '../extractors/contract.js';

export interface Stance {
  holder: ActorSpan;
  issue: IssueMention | null;
  /** For ACCUSED: the accused actor. */
  target: ActorSpan | null;
  type: RelationType;
  sentence: number;
  confidence: number;
}

const STANCES = loadLexicon('stances.json', StancesSchema, stancesData);
const CUES: Array<{ re: RegExp; type: RelationType; all?: boolean }> = STANCES.cues.map((c) => ({ re: new RegExp(c.re, 'gi'), type: c.type, ...(c.all ? { all: true } : {}) }));
const ACCUSE_RE = new RegExp(STANCES.accuse, 'gi');

export function findStances(article: Article, actors: ActorSpan[], issues: IssueMention[]): Stance[] {
  const out: Stance[] = [];
  const bySentence = new Map<number, ActorSpan[]>();
  for (const a of actors) {
    if (inQuote(article.quotes, a.start)) continue;
    const l = bySentence.get(a.sentence) ?? [];
    l.push(a);
    bySentence.set(a.sentence, l);
  }
  const issuesBySentence = new Map<number, IssueMention[]>();
  for (const i of issues) {
    const l = issuesBySentence.get(i.sentence) ?? [];
    l.push(i);
    issuesBySentence.set(i.sentence, l);
  }
  for (const s of article.sentences) {
    const sIssues = issuesBySentence.get(s.index) ?? [];
    const sActors = bySentence.get(s.index) ?? [];
    if (!sActors.length) continue;
    const holderFor = (pos: number): ActorSpan | undefined => {
      const adjacent = [...sActors].reverse().find((a) => a.end <= pos && pos - a.end <= 2);
      if (adjacent) return adjacent;
      return sActors.find((a) => a.end <= pos);
    };
    // Accusations: "accusing China of stealing intellectual property".
    ACCUSE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ACCUSE_RE.exec(s.text)) !== null) {
      const pos = s.start + m.index;
      const holder = holderFor(pos);
      const accused = sActors.find((a) => a.start >= pos + m![0].length && a.start - (pos + m![0].length) <= 4);
      if (!holder || !accused || holder.name === accused.name) continue;
      out.push({ holder, issue: null, target: accused, type: 'ACCUSED', sentence: s.index, confidence: 0.75 });
      // What they are accused of, up to the end of the clause.
      const clauseEnd = s.text.indexOf(';', m.index) >= 0 ? s.start + s.text.indexOf(';', m.index) : s.end;
      for (const i of sIssues) if (i.start > accused.end && i.start < clauseEnd) out.push({ holder, issue: i, target: null, type: 'OPPOSES', sentence: s.index, confidence: 0.7 });
    }
    if (!sIssues.length) continue;
    for (const cue of CUES) {
      cue.re.lastIndex = 0;
      while ((m = cue.re.exec(s.text)) !== null) {
        const pos = s.start + m.index;
        const cueEnd = pos + m[0].length;
        if (inQuote(article.quotes, pos)) continue;
        const holder = holderFor(pos);
        if (!holder) continue;
        const following = sIssues.filter((i) => i.start >= cueEnd && i.start - cueEnd <= 80);
        const chosen = cue.all ? following : following.slice(0, 1);
        for (const i of chosen) out.push({ holder, issue: i, target: null, type: cue.type, sentence: s.index, confidence: 0.65 });
      }
    }
  }
  return out;
}
