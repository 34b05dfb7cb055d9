// Names a tagger may take for people or organisations that are really streets, venues,
// competitions, works or products (server/lexicons/non-actors.json, checked when loaded).
import data from '../lexicons/non-actors.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { NonActorsSchema } from '../lexicons/schemas.js';
import type { Token } from '../nlp/document.js';

const lex = loadLexicon('non-actors.json', NonActorsSchema, data);
const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const facilityHeads = lower(lex.facilityHeads);
const facilityExceptions = lower(lex.facilityExceptions);
const competitionHeads = lower(lex.competitionHeads);
const introducers = lower([...lex.workNouns, ...lex.productNouns]);

const businessHeads = lower(lex.businessHeads);

/** "the Danish shipping group", "German carmaker Volkswagen": the demonym at ti describes a company. */
export function describesBusiness(tokens: Token[], ti: number, tj: number): boolean {
  for (let k = tj; k < Math.min(tokens.length, tj + 3); k++) {
    const t = tokens[k]!;
    if (!t.isWord || t.cap) return false;
    if (businessHeads.has(t.norm)) return true;
  }
  return false;
}

export type NonActorKind = 'facility' | 'competition' | 'work' | 'product';

// "Volvo EX90", "Airbus A380", "Galaxy S24": a maker's name and a model code is a product.
// A numbered channel or station ("Channel 4", "BBC Radio 4") is a broadcaster.
const MODEL_CODE = /^(?=.*\d)[A-Za-z]*\d+[A-Za-z\d-]*$/;
const NUMBERED_BROADCASTERS = new Set(lex.numberedBroadcasters);

/** Why the name tokens[ti, tj) is not an actor, or null when nothing says so. */
export function nonActorKind(tokens: Token[], ti: number, tj: number): NonActorKind | null {
  const words = tokens.slice(ti, tj).filter((t) => t.isWord).map((t) => t.norm);
  if (words.length === 0) return null;
  const name = words.join(' ');
  const last = words[words.length - 1]!;
  const lastTwo = words.slice(-2).join(' ');
  if (words.length >= 2 && facilityHeads.has(last) && ![...facilityExceptions].some((e) => name.endsWith(e))) return 'facility';
  if (competitionHeads.has(last) || competitionHeads.has(lastTwo)) return 'competition';
  const named = tokens.slice(ti, tj).filter((t) => t.isWord);
  if (named.length >= 2 && MODEL_CODE.test(named[named.length - 1]!.text) && !NUMBERED_BROADCASTERS.has(words[words.length - 2]!)) return 'product';
  // "her 2019 debut Lovely Bones", "the film Donnie Brasco", "the phone, Pixel 9": the word right
  // before the name (past quotation marks and one comma) introduces a work or product.
  let k = ti - 1;
  while (k >= 0 && /^["“”‘’'«»]$/.test(tokens[k]!.text)) k--;
  if (tokens[k]?.text === ',') k--;
  if (k >= 0 && introducers.has(tokens[k]!.norm)) return 'work';
  return null;
}
