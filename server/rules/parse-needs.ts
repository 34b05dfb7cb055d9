// Which sentences the extraction reads a dependency parse of: those where an event trigger of the
// taxonomy matches, since an event's roles and the tense of its time expression come from the
// parse (./event-arguments.ts, ./event-time.ts) and nothing else reads heads. The annotator parses
// only these (about 45% of the tokens of news text), which halves the parser's cost.
import { TAXONOMY, type Taxonomy } from './taxonomy.js';

export function sentenceNeedsParse(text: string, taxonomy: Taxonomy = TAXONOMY): boolean {
  return taxonomy.triggers.some((def) => {
    def.re.lastIndex = 0;
    const hit = def.re.test(text);
    def.re.lastIndex = 0;
    return hit;
  });
}
