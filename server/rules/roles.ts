// Roles and affiliations stated by titles and appositions:
//   "U.S. Trade Representative Robert Lighthizer"      -> ROLE_AT United States
//   "Chinese President Xi Jinping"                      -> LEADS + ROLE_AT China
//   "Huawei's chief financial officer Meng Wanzhou"     -> ROLE_AT Huawei
//   "Hu Xijin, the editor of the state-owned Global Times" -> LEADS + ROLE_AT Global Times
//   "Chinese technology firm Huawei"                    -> Huawei MEMBER_OF China
import { CONNECTIVES, DETERMINERS, ORG_NOUNS, TITLE_LINKS } from './lexicon.js';
import type { ActorSpan, TitleSpan } from './mentions.js';
import type { Article } from '../nlp/document.js';
import type { RelationType } from '../extractors/contract.js';

export interface Affiliation {
  from: ActorSpan;
  to: ActorSpan;
  type: RelationType;
  sentence: number;
  confidence: number;
}

export function findRoles(article: Article, actors: ActorSpan[], titles: TitleSpan[]): Affiliation[] {
  const { tokens } = article;
  const out: Affiliation[] = [];
  const actorEndingAt = new Map<number, ActorSpan>();
  const actorStartingAt = new Map<number, ActorSpan>();
  for (const a of actors) {
    if (a.via === 'pronoun') continue;
    if (!actorEndingAt.has(a.tj) || a.kind !== 'group') actorEndingAt.set(a.tj, a);
    if (!actorStartingAt.has(a.ti) || a.kind !== 'group') actorStartingAt.set(a.ti, a);
  }
  const titleEndingAt = new Map<number, TitleSpan>();
  const titleStartingAt = new Map<number, TitleSpan>();
  for (const t of titles) {
    titleEndingAt.set(t.tj, t);
    titleStartingAt.set(t.ti, t);
  }
  const isModifier = (i: number) => {
    const t = tokens[i];
    return !!t && t.isWord && !t.cap && !DETERMINERS.has(t.norm) && !CONNECTIVES.has(t.norm);
  };
  const orgOrCountry = (a: ActorSpan | undefined) => !!a && (a.kind === 'organization' || a.kind === 'country');
  const roleAt = new Map<ActorSpan, ActorSpan>();

  for (const p of actors) {
    if (p.kind !== 'person' || p.via === 'pronoun') continue;
    // Title before the name, with its organisation or country before that.
    const title = titleEndingAt.get(p.ti);
    if (title) {
      let k = title.ti;
      // "Huawei's chief financial officer", "White House economic advisor"
      let mods = 0;
      while (mods < 3 && isModifier(k - 1) && !actorEndingAt.has(k)) {
        k--;
        mods++;
      }
      if (tokens[k - 1]?.norm === 's' && tokens[k - 2]?.text.match(/^['’]$/)) k -= 2;
      let org = actorEndingAt.get(k);
      // A second title joined by "and" shares the first one's organisation:
      // "U.S. Trade Representative Robert Lighthizer and Treasury Secretary Steven T. Mnuchin".
      let confidence = 0.85;
      if (!orgOrCountry(org) && tokens[title.ti - 1]?.norm === 'and') {
        const prevPerson = actorEndingAt.get(title.ti - 1);
        if (prevPerson && roleAt.has(prevPerson)) {
          org = roleAt.get(prevPerson);
          confidence = 0.6;
        }
      }
      if (org && orgOrCountry(org) && org.sentence === p.sentence) {
        roleAt.set(p, org);
        out.push({ from: p, to: org, type: 'ROLE_AT', sentence: p.sentence, confidence });
        if (title.leader) out.push({ from: p, to: org, type: 'LEADS', sentence: p.sentence, confidence: confidence - 0.05 });
      }
    }
    // Apposition after the name: ", the editor of the state-owned Global Times".
    if (tokens[p.tj]?.text === ',') {
      let k = p.tj + 1;
      if (DETERMINERS.has(tokens[k]?.norm ?? '')) k++;
      // ", China's foreign minister"
      const possessor = actorStartingAt.get(k);
      if (orgOrCountry(possessor) && tokens[possessor!.tj]?.text.match(/^['’]$/) && tokens[possessor!.tj + 1]?.norm === 's') {
        let j = possessor!.tj + 2;
        let mods = 0;
        while (mods < 2 && !titleStartingAt.has(j) && isModifier(j)) {
          j++;
          mods++;
        }
        const t = titleStartingAt.get(j);
        if (t) {
          out.push({ from: p, to: possessor!, type: 'ROLE_AT', sentence: p.sentence, confidence: 0.8 });
          if (t.leader) out.push({ from: p, to: possessor!, type: 'LEADS', sentence: p.sentence, confidence: 0.75 });
        }
      } else {
        let mods = 0;
        while (mods < 3 && !titleStartingAt.has(k) && isModifier(k)) {
          k++;
          mods++;
        }
        const t = titleStartingAt.get(k);
        if (t && TITLE_LINKS.has(tokens[t.tj]?.norm ?? '')) {
          let j = t.tj + 1;
          if (DETERMINERS.has(tokens[j]?.norm ?? '')) j++;
          let m2 = 0;
          while (m2 < 4 && !actorStartingAt.has(j) && (isModifier(j) || tokens[j]?.text === '-')) {
            j++;
            m2++;
          }
          const org = actorStartingAt.get(j);
          if (orgOrCountry(org)) {
            out.push({ from: p, to: org!, type: 'ROLE_AT', sentence: p.sentence, confidence: 0.8 });
            if (t.leader) out.push({ from: p, to: org!, type: 'LEADS', sentence: p.sentence, confidence: 0.75 });
          }
        }
      }
    }
  }

  // Organisations described by nationality: "Chinese technology firm Huawei".
  for (const o of actors) {
    if (o.kind !== 'organization' || o.via === 'pronoun') continue;
    let k = o.ti;
    let sawNoun = false;
    let mods = 0;
    while (mods < 3 && isModifier(k - 1)) {
      if (ORG_NOUNS.has(tokens[k - 1]!.norm)) sawNoun = true;
      k--;
      mods++;
    }
    const c = actorEndingAt.get(k);
    if (c && c.kind === 'country' && (sawNoun || mods === 0) && c.sentence === o.sentence) {
      out.push({ from: o, to: c, type: 'MEMBER_OF', sentence: o.sentence, confidence: 0.75 });
    }
  }
  return out;
}
