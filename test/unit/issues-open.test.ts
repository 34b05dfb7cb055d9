// Issues as open vocabulary on the taxonomy: what news puts where a matter of dispute or policy
// goes becomes an issue, however worded, filed under the taxonomy issue it belongs to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../server/rules/index.js';
import type { Extraction } from '../../server/extractors/contract.js';

const issues = (x: Extraction) => x.entities.filter((e) => e.type === 'issue');
const named = (x: Extraction, name: string) => issues(x).find((e) => e.name === name);
function filedUnder(x: Extraction, child: string, parent: string): boolean {
  const c = named(x, child);
  const p = named(x, parent);
  return x.relations.some((r) => r.type === 'SUBTOPIC_OF' && r.source === c?.id && r.target === p?.id);
}
const fixture = (name: string) =>
  extractArticle(readFileSync(`test/fixtures/articles/${name}.txt`, 'utf8'), JSON.parse(readFileSync(`test/fixtures/articles/${name}.meta.json`, 'utf8')));

describe('open-vocabulary issues', () => {
  const x = fixture('politics-arms-embargo');

  it('"the arms embargo" and "the weapons ban" are one issue, filed under Sanctions', () => {
    const embargo = named(x, 'Arms embargo');
    expect(embargo?.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['arms embargo', 'weapons ban']));
    expect(issues(x).filter((e) => /weapons|arms/i.test(e.name))).toHaveLength(1);
    expect(filedUnder(x, 'Arms embargo', 'Sanctions')).toBe(true);
  });

  it('"the dispute over Taiwan" is the Taiwan dispute, under territorial disputes; "concerns about human rights" is the taxonomy issue', () => {
    expect(filedUnder(x, 'Taiwan dispute', 'Territorial disputes')).toBe(true);
    expect(named(x, 'Human rights')).toBeDefined();
  });

  it('frames name new issues: "ban on neonicotinoids", "fuel taxes", "talks on fishing quotas"', () => {
    expect(named(fixture('science-study-bees'), 'Pesticides')).toBeDefined();
    expect(named(fixture('protest-farmers-fuel'), 'Fuel taxes')).toBeDefined();
    const t = extractArticle('Norway and Iceland resumed talks on fishing quotas in Oslo on Monday. Fishermen fear the quotas will be cut.', { publishedAt: '2025-01-14' });
    expect(named(t, 'Fishing quotas')).toBeDefined();
  });

  it('a keyword once, in no frame, is no issue; a target after "ban on" is no issue; days and pronouns are not phrases', () => {
    const once = extractArticle('The mayor of Lyon cut the ribbon on a new bridge, and said the vote in June would go ahead.', { publishedAt: '2025-01-14' });
    expect(named(once, 'Elections')).toBeUndefined();
    const target = extractArticle('The European Union kept its ban on Russia in place. Talks on Tuesday ended without a deal.', { publishedAt: '2025-01-14' });
    expect(issues(target).map((e) => e.name)).not.toEqual(expect.arrayContaining(['Russia ban', 'Tuesday']));
  });
});
