// Roles, names and relations of an event type are data: a type defined only in a taxonomy file
// gets its roles filled by the registered filler it names, its name from its own templates (its
// roles called by the names it gives them) and the relations it lists; and a typo in any of
// these is an error when the taxonomy is loaded, not a silently ignored entry.
import { describe, expect, it } from 'vitest';
import eventsData from '../../server/lexicons/events.json' with { type: 'json' };
import statusCues from '../../server/lexicons/status-cues.json' with { type: 'json' };
import { LexiconError, loadLexicon } from '../../server/lexicons/load.js';
import { StatusCuesSchema } from '../../server/lexicons/schemas.js';
import { extractArticle } from '../../server/rules/index.js';
import { loadTaxonomy } from '../../server/rules/taxonomy.js';
import type { Extraction } from '../../server/extractors/contract.js';

type Data = { types: Record<string, Record<string, unknown>>; triggers: Array<{ type: string; re: string; noun?: boolean }> };
const clone = () => JSON.parse(JSON.stringify(eventsData)) as Data;
const ofType = (x: Extraction, t: string) => x.entities.filter((e) => e.type === 'event' && e.eventType === t);
const idOf = (x: Extraction, name: string) => x.entities.find((e) => e.name === name)?.id;
const meta = { publishedAt: '2025-03-04' };

const KIDNAPPING = {
  category: 'justice', label: 'Kidnapping', cameo: null, goldstein: null,
  verbs: ['kidnap', 'abduct'], nouns: ['kidnapping', 'abduction'],
  filler: 'detention',
  roleNames: { agent: 'kidnapper', patient: 'kidnapped' },
  name: ['Kidnapping of {kidnapped} by {kidnapper}', 'Kidnapping of {kidnapped}'],
  relations: [{ from: 'agent', to: 'target', type: 'ACCUSED', confidence: 0.55 }],
  locatable: true,
};

describe('an event type defined only in data', () => {
  const text = 'Marco Bellini was kidnapped by the Taliban in Kabul on Monday.';
  const data = clone();
  data.types.kidnapping = KIDNAPPING;
  const x = extractArticle(text, meta, { taxonomy: loadTaxonomy(data) });
  const [k] = ofType(x, 'kidnapping');

  it('fills its roles with the filler it names and takes its name from its templates, by its own role names', () => {
    expect(k).toBeDefined();
    expect(k!.name).toBe('Kidnapping of Marco Bellini by Taliban');
    expect(x.relations.some((r) => r.type === 'TARGET_OF' && r.source === idOf(x, 'Marco Bellini') && r.target === k!.id)).toBe(true);
  });

  it('relates its participants as its "relations" say, and only as they say', () => {
    const between = (y: Extraction, type: string) => y.relations.some((r) => r.type === type && r.source === idOf(y, 'Taliban') && r.target === idOf(y, 'Marco Bellini'));
    expect(between(x, 'ACCUSED')).toBe(true);
    const without = clone();
    without.types.kidnapping = { ...KIDNAPPING, relations: [] };
    expect(between(extractArticle(text, meta, { taxonomy: loadTaxonomy(without) }), 'ACCUSED')).toBe(false);
  });

  it('with another registered filler the same words fill other roles (an imposer before the trigger, no one held)', () => {
    const other = clone();
    other.types.kidnapping = { ...KIDNAPPING, filler: 'imposition' };
    const [j] = ofType(extractArticle(text, meta, { taxonomy: loadTaxonomy(other) }), 'kidnapping');
    expect(j?.name).not.toBe(k!.name);
  });
});

describe('the kinds of actor a role takes are data', () => {
  const text = 'Harry Kane signed for Tottenham Hotspur Football Club on Saturday.';
  it('a transfer moves a player to a club; a role that takes no person leaves him out of it', () => {
    const [t] = ofType(extractArticle(text, meta), 'player-transfer');
    expect(t?.name).toBe('Transfer of Harry Kane to Tottenham Hotspur Football Club');
    const clubsOnly = clone();
    clubsOnly.types['player-transfer'] = { ...clubsOnly.types['player-transfer'], fillers: { agent: ['organization'] } };
    const [u] = ofType(extractArticle(text, meta, { taxonomy: loadTaxonomy(clubsOnly) }), 'player-transfer');
    expect(u?.name).not.toMatch(/Harry Kane to/);
  });
  it('a transfer names the club he leaves, a role only the types that list it have', () => {
    const move = 'Harry Kane signed for Tottenham Hotspur Football Club from Leyton Orient Football Club on Saturday.';
    const [t] = ofType(extractArticle(move, meta), 'player-transfer');
    expect(t?.name).toBe('Transfer of Harry Kane from Leyton Orient Football Club to Tottenham Hotspur Football Club');
    const noSource = clone();
    const roles = { ...(noSource.types['player-transfer']!.roles as Record<string, string[]>) };
    delete roles.source;
    const { clubFrom: _drop, ...names } = noSource.types['player-transfer']!.roleNames as Record<string, string>;
    const fillers = { ...(noSource.types['player-transfer']!.fillers as Record<string, string[]>) };
    delete fillers.source;
    noSource.types['player-transfer'] = { ...noSource.types['player-transfer'], roles, roleNames: { agent: names.agent, patient: names.patient }, fillers, name: ['Transfer of {player} to {clubTo}'] };
    const [v] = ofType(extractArticle(move, meta, { taxonomy: loadTaxonomy(noSource) }), 'player-transfer');
    expect(v?.name).toBe('Transfer of Harry Kane to Tottenham Hotspur Football Club');
  });
});

describe('a type that names what does not exist fails at load', () => {
  const broken = (patch: Record<string, unknown>) => {
    const data = clone();
    data.types.kidnapping = { ...KIDNAPPING, ...patch };
    return () => loadTaxonomy(data);
  };
  it('an unregistered filler', () => expect(broken({ filler: 'detension' })).toThrow(/types\.kidnapping\.filler/));
  it('a misspelt flag', () => expect(broken({ sourcesApartt: true })).toThrow(/types\.kidnapping: Unrecognized key.*sourcesApartt/));
  it('a relation type outside the allow-list', () =>
    expect(broken({ relations: [{ from: 'agent', to: 'target', type: 'KIDNAPPED', confidence: 0.5 }] })).toThrow(/types\.kidnapping\.relations/));
  it('a template slot that is neither a slot nor one of its role names', () => expect(broken({ name: ['Kidnapping of {kidnaped}'] })).toThrow(/unknown slot \{kidnaped\}/));
  it('a name for a role the type does not have', () =>
    expect(broken({ roles: { place: ['obl:in'] } })).toThrow(/role "agent" is named but the type has no such role/));
  it('an actor kind that does not exist', () => expect(broken({ fillers: { agent: ['persons'] } })).toThrow(/types\.kidnapping\.fillers/));
  it('a retype or outcome to an unknown type', () => {
    expect(broken({ retype: [{ followedBy: '^\\s+that', type: 'statment' }] })).toThrow(/unknown event type "statment"/);
    expect(broken({ outcomeOf: ['meting'] })).toThrow(/unknown event type "meting"/);
  });
});

describe('status cues are a checked lexicon', () => {
  it('a misspelt cue group or a capitalised cue word fails at load', () => {
    const data = JSON.parse(JSON.stringify(statusCues)) as { before: Record<string, unknown>; hypothetical: string[] };
    data.before.negatd = data.before.negated;
    expect(() => loadLexicon('status-cues.json', StatusCuesSchema, data)).toThrow(LexiconError);
    const caps = JSON.parse(JSON.stringify(statusCues)) as { hypothetical: string[] };
    caps.hypothetical.push('Unless');
    expect(() => loadLexicon('status-cues.json', StatusCuesSchema, caps)).toThrow(/hypothetical/);
  });
  it('the words in it decide: "denied" before a trigger makes the event denied', () => {
    const x = extractArticle('Russia denied its troops attacked the village of Kupiansk on Monday.', meta);
    expect(ofType(x, 'attack').map((e) => e.status)).toEqual(['denied']);
  });
});
