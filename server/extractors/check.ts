// The contract's invariants (./contract.ts), checked on every extraction the registry hands out,
// whichever extractor made it: what the store and the API receive can be trusted to point into
// the article's text and at its own entities.
import { isEventRoleType, isRelationType, type Extraction } from './contract.js';

/** An extractor returned something that breaks the contract: a bug in it, not in the article. */
export class ExtractionFailed extends Error {
  override name = 'ExtractionFailed';
  constructor(
    readonly extractor: string,
    readonly problems: string[],
  ) {
    super(`The ${extractor} extractor broke the extraction contract: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
  }
}

const isSpan = (text: string, start: number, end: number) => Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length;

/** Each way `x` breaks the contract over `text`; empty when it keeps it. */
export function contractViolations(text: string, x: Extraction): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const events = new Set<string>();
  for (const e of x.entities) {
    if (ids.has(e.id)) problems.push(`entity id ${e.id} is used twice`);
    ids.add(e.id);
    if (e.type === 'event') events.add(e.id);
    for (const m of e.mentions) {
      if (!isSpan(text, m.start, m.end) || text.slice(m.start, m.end) !== m.text) problems.push(`${e.id}: mention ${JSON.stringify(m.text)} is not the text at ${m.start}..${m.end}`);
    }
  }
  for (const r of x.relations) {
    const what = `relation ${r.source} ${r.type} ${r.target}`;
    if (!isRelationType(r.type)) problems.push(`${what}: type not in the allow-list`);
    if (!ids.has(r.source) || !ids.has(r.target)) problems.push(`${what}: points at an entity the extraction does not have`);
    else if (isEventRoleType(r.type) && !events.has(r.target)) problems.push(`${what}: a ${r.type} relation must point at an event`);
    if (!isSpan(text, r.start, r.end) || text.slice(r.start, r.end) !== r.evidence) problems.push(`${what}: evidence is not the text at ${r.start}..${r.end}`);
  }
  return problems;
}

/** `x` itself when it keeps the contract; otherwise ExtractionFailed naming what it broke. */
export function checkedExtraction(extractor: string, text: string, x: Extraction): Extraction {
  const problems = contractViolations(text, x);
  if (problems.length > 0) throw new ExtractionFailed(extractor, problems);
  return x;
}
