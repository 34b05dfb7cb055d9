// Stances stated in a sentence: who supports, opposes, is concerned about or denies an issue, and
// who accuses whom. The holder is the actor just before the cue ("American demands for") or else
// the sentence's subject (its first actor outside quotations).
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

const CUES: Array<{ re: RegExp; type: RelationType; all?: boolean }> = [
  { re: /\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted)\b(?:\s+\S+){0,4}?\s+(?:accusations?|allegations?|claims?|charges?|reports?|suggestions?)\s+(?:of|that|about)\b/gi, type: 'DENIED', all: true },
  { re: /\b(?:call(?:ed|ing|s)? for|demands? for|demanded|demanding|urg(?:ed|es|ing)|support(?:s|ed|ing)?|back(?:s|ed|ing)|favou?r(?:s|ed|ing)|push(?:ed|ing|es)? for|press(?:ed|ing|es)? for|want(?:s|ed)?|seek(?:s|ing)?|sought|welcom(?:ed|es|ing)|promis(?:ed|es|ing) to|pledg(?:ed|es|ing) to|committed to|offer(?:ed|s|ing)? to|agreed to|to (?:promote|strengthen|boost|protect)|in favou?r of)\b/gi, type: 'SUPPORTS' },
  { re: /\b(?:warn(?:ed|s|ing)? (?:that|of|against|about)|oppos(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)|against|protest(?:s|ed|ing)? (?:against|over)|anger (?:over|at)|angry (?:over|at|about)|to (?:end|stop|curb|fight|combat|tackle|reduce|narrow|cut|halt|prevent)|would (?:only )?hurt|(?:end|stop|curb|fight|combat|tackle|narrow) (?:the|a)|blam(?:e|es|ed|ing))\b/gi, type: 'OPPOSES' },
  { re: /\b(?:concern(?:s|ed)? (?:about|over|that)|worr(?:y|ies|ied) (?:about|over|that)|fear(?:s|ed)? (?:of|that|about)?|alarm(?:ed)? (?:about|over|at)|threat to|skeptic(?:al|ism) (?:about|over|of)|uneasy about|sees? as a threat)\b/gi, type: 'CONCERNED_ABOUT' },
];
const ACCUSE_RE = /\b(?:accus(?:ing|ed|es|e)|blam(?:ing|ed|es|e)|charg(?:ing|ed))\s+/gi;

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
