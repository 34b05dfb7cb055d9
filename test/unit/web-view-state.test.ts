import { describe, expect, it } from 'vitest';
import { dateInRange, monthScale } from '../../web/src/dates.js';
import { highlightSegments, highlightTerms } from '../../web/src/highlight.js';
import type { EdgeData, NodeData } from '../../web/src/to-elements.js';
import {
  collapsible,
  decodeState,
  defaultFilters,
  defaultViewState,
  emptyGraph,
  encodeState,
  mergeGraph,
  undoExpansion,
  visibleNodeIds,
  type ViewState,
} from '../../web/src/view-state.js';

const node = (id: string, type: NodeData['type'], extra: Partial<NodeData> = {}): NodeData => ({ id, label: id, type, degree: 1, ...extra });
const edge = (id: string, source: string, target: string, type = 'RELATED_TO'): EdgeData => ({
  id, source, target, type, label: type.toLowerCase(), evidenceCount: 1, articleCount: 1, sources: [], confidence: 0.5, family: 'fact',
});

const base = mergeGraph(emptyGraph(), {
  nodes: [node('xi', 'ACTOR', { kind: 'PERSON' }), node('china', 'ACTOR', { kind: 'COUNTRY' }), node('tariffs', 'ISSUE')],
  edges: [edge('xi-china', 'xi', 'china', 'LEADS'), edge('china-tariffs', 'china', 'tariffs', 'OPPOSES')],
}).graph;

describe('merging neighbourhoods', () => {
  it('adds only what is new and reports it', () => {
    const m = mergeGraph(base, {
      nodes: [node('xi', 'ACTOR', { kind: 'PERSON', degree: 9 }), node('talks', 'EVENT', { date: '2019-02-15' })],
      edges: [edge('xi-talks', 'xi', 'talks', 'PARTICIPATED_IN'), edge('xi-china', 'xi', 'china', 'LEADS')],
    });
    expect(m.addedNodes).toEqual(['talks']);
    expect(m.addedEdges).toEqual(['xi-talks']);
    expect(m.graph.nodes.size).toBe(4);
    // A known node takes the fresher data.
    expect(m.graph.nodes.get('xi')?.degree).toBe(9);
    // The input graph is left as it was.
    expect(base.nodes.size).toBe(3);
  });

  it('skips edges whose ends are missing', () => {
    const m = mergeGraph(base, { nodes: [], edges: [edge('x', 'xi', 'nowhere')] });
    expect(m.addedEdges).toEqual([]);
    expect(m.graph.edges.has('x')).toBe(false);
  });

  it('undoing an expansion removes what it added and nothing else', () => {
    const m = mergeGraph(base, { nodes: [node('talks', 'EVENT')], edges: [edge('xi-talks', 'xi', 'talks')] });
    const back = undoExpansion(m.graph, { id: 'xi', addedNodes: m.addedNodes, addedEdges: m.addedEdges });
    expect([...back.nodes.keys()].sort()).toEqual(['china', 'tariffs', 'xi']);
    expect([...back.edges.keys()].sort()).toEqual(['china-tariffs', 'xi-china']);
  });

  it('collapsing a node offers only the neighbours that hang on it alone', () => {
    expect(collapsible(base, 'china')).toEqual(['xi', 'tariffs']);
    const m = mergeGraph(base, { nodes: [node('talks', 'EVENT')], edges: [edge('a', 'xi', 'talks'), edge('b', 'china', 'talks')] });
    expect(collapsible(m.graph, 'china')).toEqual(['tariffs']);
    expect(collapsible(m.graph, 'china', new Set(['tariffs']))).toEqual([]);
  });
});

describe('filters', () => {
  const g = mergeGraph(base, {
    nodes: [
      node('talks', 'EVENT', { eventType: 'MEETING', date: '2019-02-15' }),
      node('argentina', 'EVENT', { eventType: 'AGREEMENT', date: '2018-12' }),
      node('wto', 'EVENT', { eventType: 'MEMBERSHIP', date: '2001' }),
      node('beijing', 'PLACE'),
    ],
    edges: [edge('1', 'xi', 'talks'), edge('2', 'talks', 'tariffs', 'CONCERNS'), edge('3', 'talks', 'beijing'), edge('4', 'china', 'wto')],
  }).graph;
  const all = [...g.nodes.keys()].sort();

  it('shows everything by default', () => {
    expect([...visibleNodeIds(g, defaultFilters())].sort()).toEqual(all);
  });

  it('hides node types, actor kinds and event types', () => {
    const v = visibleNodeIds(g, { ...defaultFilters(), hiddenTypes: ['PLACE'], hiddenKinds: ['COUNTRY'], hiddenEventTypes: ['MEMBERSHIP'] });
    expect([...v].sort()).toEqual(['argentina', 'talks', 'tariffs', 'xi']);
  });

  it('keeps events whose (partial) dates overlap the time range', () => {
    const v = visibleNodeIds(g, { ...defaultFilters(), from: '2018-12', to: '2019-01' });
    expect(v.has('argentina')).toBe(true);
    expect(v.has('talks')).toBe(false);
    expect(v.has('wto')).toBe(false);
    expect(v.has('xi')).toBe(true);
    expect(dateInRange('2001', '2001-06', null)).toBe(true);
    expect(dateInRange('2019-02-15', null, '2019-01')).toBe(false);
  });

  it('an issue filter keeps the issue, what touches it and the actors of its events', () => {
    const v = visibleNodeIds(g, { ...defaultFilters(), issue: 'tariffs' });
    expect([...v].sort()).toEqual(['beijing', 'china', 'talks', 'tariffs', 'xi']);
  });

  it('hidden nodes stay hidden', () => {
    expect(visibleNodeIds(g, defaultFilters(), new Set(['xi'])).has('xi')).toBe(false);
  });

  it('the time scale runs month by month across the dates', () => {
    expect(monthScale(['2018-11-30', '2019-02'])).toEqual(['2018-11', '2018-12', '2019-01', '2019-02']);
    expect(monthScale([])).toEqual([]);
  });
});

describe('URL state', () => {
  it('round-trips a full state through the query string', () => {
    const state: ViewState = {
      selected: 'actor:person:xi-jinping',
      expanded: ['actor:person:xi-jinping', 'event:meeting:2019-02-15:beijing talks'],
      hidden: ['place:beijing'],
      filters: { hiddenTypes: ['PLACE'], hiddenKinds: ['GROUP', 'COUNTRY'], hiddenEventTypes: ['MEETING'], issue: 'issue:tariffs', from: '2018-12', to: '2019-02' },
      path: ['actor:person:meng-wanzhou', 'actor:person:donald-trump'],
      mode: 'map',
    };
    const query = encodeState(state);
    expect(decodeState(query)).toEqual(state);
    expect(decodeState(`?${query}`)).toEqual(state);
  });

  it('leaves defaults out so an untouched view has an empty query', () => {
    expect(encodeState(defaultViewState())).toBe('');
    expect(decodeState('')).toEqual(defaultViewState());
  });

  it('opens on the graph unless the link asks for the map', () => {
    expect(decodeState('view=map').mode).toBe('map');
    expect(decodeState('view=globe').mode).toBe('graph');
    expect(encodeState({ ...defaultViewState(), mode: 'graph' })).toBe('');
  });

  it('ignores malformed values instead of failing', () => {
    const s = decodeState('notype=ACTOR,BOGUS&nokind=ALIEN&from=2019-13&to=yesterday&pathFrom=a&pathTo=a&expand=&expand=x&expand=x');
    expect(s.filters.hiddenTypes).toEqual(['ACTOR']);
    expect(s.filters.hiddenKinds).toEqual([]);
    expect(s.filters.from).toBeNull();
    expect(s.filters.to).toBeNull();
    expect(s.path).toBeNull();
    expect(s.expanded).toEqual(['x']);
  });

  it('puts a reversed time range the right way round', () => {
    const s = decodeState('from=2019-05&to=2019-01');
    expect([s.filters.from, s.filters.to]).toEqual(['2019-01', '2019-05']);
  });
});

describe('evidence highlighting', () => {
  it('marks a person by full name and by surname, as whole words only', () => {
    const terms = highlightTerms('Steven T. Mnuchin', [], true);
    const segs = highlightSegments('Afterward, Mnuchin tweeted; Mnuchins are not him.', terms);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(['Mnuchin']);
    expect(segs.map((s) => s.text).join('')).toBe('Afterward, Mnuchin tweeted; Mnuchins are not him.');
  });

  it('marks a Chinese family name written first', () => {
    const segs = highlightSegments('Xi agreed that progress was made.', highlightTerms('Xi Jinping', [], true));
    expect(segs[0]).toEqual({ text: 'Xi', mark: true });
  });

  it('treats markup in sentences as plain text to mark around', () => {
    const segs = highlightSegments('<script>alert(1)</script> China said', highlightTerms('China', [], false));
    expect(segs).toEqual([
      { text: '<script>alert(1)</script> ', mark: false },
      { text: 'China', mark: true },
      { text: ' said', mark: false },
    ]);
  });
});
