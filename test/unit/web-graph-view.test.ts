import { afterEach, describe, expect, it } from 'vitest';
import { GraphView } from '../../web/src/graph-view.js';
import { NODE_SIZE, pairId, type EdgeData, type NodeData } from '../../web/src/to-elements.js';
import { defaultFilters, emptyGraph, mergeGraph, visibleNodeIds } from '../../web/src/view-state.js';

const node = (id: string, type: NodeData['type'] = 'ACTOR', extra: Partial<NodeData> = {}): NodeData => ({ id, label: id, type, degree: 1, ...extra });
const edge = (id: string, source: string, target: string): EdgeData => ({
  id, source, target, type: 'MET_WITH', label: 'met with', evidenceCount: 1, articleCount: 1, sources: [], confidence: 0.9, family: 'fact',
});
const noop = { onNodeTap() {}, onNodeDoubleTap() {}, onEdgeTap() {}, onBackgroundTap() {} };

let view: GraphView | undefined;
afterEach(() => view?.cy.destroy());

describe('GraphView (headless Cytoscape)', () => {
  it('adds what the graph gained, removes what it lost, and reports the added nodes', () => {
    view = new GraphView(undefined, noop, { headless: true });
    const g1 = mergeGraph(emptyGraph(), { nodes: [node('a'), node('b')], edges: [edge('ab', 'a', 'b')] }).graph;
    expect(view.sync(g1, new Set(g1.nodes.keys())).sort()).toEqual(['a', 'b']);
    const g2 = mergeGraph(g1, { nodes: [node('c')], edges: [edge('bc', 'b', 'c')] }).graph;
    expect(view.sync(g2, new Set(g2.nodes.keys()))).toEqual(['c']);
    expect(view.cy.elements().length).toBe(5);
    const g3 = { nodes: new Map([...g2.nodes].filter(([id]) => id !== 'a')), edges: new Map([...g2.edges].filter(([id]) => id !== 'ab')) };
    expect(view.sync(g3, new Set(g3.nodes.keys()))).toEqual([]);
    expect(view.cy.getElementById('a').empty()).toBe(true);
    expect(view.cy.getElementById(pairId('a', 'b')).empty()).toBe(true);
  });

  it('draws one edge per pair of nodes, folding every relation between them, with a bounded size per node', () => {
    view = new GraphView(undefined, noop, { headless: true });
    const stance: EdgeData = { ...edge('a|OPPOSES|b', 'a', 'b'), type: 'OPPOSES', label: 'opposes', family: 'stance', evidenceCount: 2 };
    const g = mergeGraph(emptyGraph(), {
      nodes: [node('a', 'ACTOR', { degree: 900 }), node('b', 'ISSUE', { degree: 3 })],
      edges: [edge('a|MET_WITH|b', 'a', 'b'), stance, edge('b|RELATED_TO|a', 'b', 'a')],
    }).graph;
    view.sync(g, new Set(g.nodes.keys()));
    expect(view.cy.edges().length).toBe(1);
    const pair = view.cy.edges().first();
    expect(pair.data('relations')).toEqual(['a|OPPOSES|b', 'a|MET_WITH|b', 'b|RELATED_TO|a']);
    expect(pair.data('type')).toBe('OPPOSES');
    expect(pair.data('evidenceCount')).toBe(4);
    const sizes = view.cy.nodes().map((n) => Number(n.data('size')));
    for (const s of sizes) {
      expect(s).toBeGreaterThanOrEqual(NODE_SIZE.min);
      expect(s).toBeLessThanOrEqual(NODE_SIZE.max);
    }
  });

  it('places the nodes an expansion adds on a ring around the expanded node and lays out only them', async () => {
    view = new GraphView(undefined, noop, { headless: true });
    const g1 = mergeGraph(emptyGraph(), { nodes: [node('hub'), node('far')], edges: [edge('hf', 'hub', 'far')] }).graph;
    view.sync(g1, new Set(g1.nodes.keys()));
    view.cy.getElementById('hub').position({ x: 0, y: 0 });
    view.cy.getElementById('far').position({ x: 2000, y: 2000 });
    const fresh = Array.from({ length: 8 }, (_, i) => node(`n${i}`));
    const g2 = mergeGraph(g1, { nodes: fresh, edges: fresh.map((n) => edge(`hub-${n.id}`, 'hub', n.id)) }).graph;
    const added = view.sync(g2, new Set(g2.nodes.keys()), 'hub');
    await view.layoutNew(added, false);
    expect(view.cy.getElementById('far').position()).toEqual({ x: 2000, y: 2000 });
    expect(view.cy.getElementById('hub').position()).toEqual({ x: 0, y: 0 });
    for (const id of added) {
      const p = view.cy.getElementById(id).position();
      expect(Math.hypot(p.x, p.y)).toBeLessThan(600);
    }
  });

  it('starts expanded neighbours around the node that was expanded', () => {
    view = new GraphView(undefined, noop, { headless: true });
    const g1 = mergeGraph(emptyGraph(), { nodes: [node('hub')], edges: [] }).graph;
    view.sync(g1, new Set(['hub']));
    view.cy.getElementById('hub').position({ x: 500, y: -300 });
    const g2 = mergeGraph(g1, { nodes: [node('n1'), node('n2')], edges: [edge('e1', 'hub', 'n1'), edge('e2', 'hub', 'n2')] }).graph;
    view.sync(g2, new Set(g2.nodes.keys()), 'hub');
    for (const id of ['n1', 'n2']) {
      const p = view.cy.getElementById(id).position();
      expect(Math.hypot(p.x - 500, p.y + 300)).toBeLessThan(200);
    }
  });

  it('marks filtered nodes instead of removing them, so clearing a filter brings them back in place', () => {
    view = new GraphView(undefined, noop, { headless: true });
    const g = mergeGraph(emptyGraph(), { nodes: [node('x'), node('talks', 'EVENT', { date: '2019-02-15' })], edges: [edge('e', 'x', 'talks')] }).graph;
    view.sync(g, visibleNodeIds(g, { ...defaultFilters(), hiddenTypes: ['EVENT'] }));
    expect(view.cy.getElementById('talks').hasClass('filtered')).toBe(true);
    expect(view.cy.getElementById('x').hasClass('filtered')).toBe(false);
    view.sync(g, visibleNodeIds(g, defaultFilters()));
    expect(view.cy.getElementById('talks').hasClass('filtered')).toBe(false);
  });

  it('shows one or two chosen nodes and lights up a path while fading the rest', () => {
    view = new GraphView(undefined, noop, { headless: true });
    const g = mergeGraph(emptyGraph(), { nodes: [node('a'), node('b'), node('c')], edges: [edge('ab', 'a', 'b'), edge('bc', 'b', 'c')] }).graph;
    view.sync(g, new Set(g.nodes.keys()));
    view.select(['a', 'c']);
    expect(view.cy.nodes('.chosen').map((n) => n.id()).sort()).toEqual(['a', 'c']);
    expect(view.cy.getElementById('c').hasClass('second')).toBe(true);
    view.highlight(['a', 'b'], ['ab']);
    expect(view.cy.elements('.path').map((e) => e.id()).sort()).toEqual(['a', 'b', pairId('a', 'b')]);
    expect(view.cy.elements('.faded').map((e) => e.id()).sort()).toEqual(['c', pairId('b', 'c')]);
    view.highlight([], []);
    expect(view.cy.elements('.path, .faded').length).toBe(0);
  });

  it('lays the graph out with fcose', async () => {
    view = new GraphView(undefined, noop, { headless: true });
    const nodes = Array.from({ length: 12 }, (_, i) => node(`n${i}`));
    const edges = nodes.slice(1).map((n, i) => edge(`e${i}`, 'n0', n.id));
    const g = mergeGraph(emptyGraph(), { nodes, edges }).graph;
    view.sync(g, new Set(g.nodes.keys()));
    await view.layout(false, false);
    const xs = new Set(view.cy.nodes().map((n) => Math.round(n.position('x'))));
    expect(xs.size).toBeGreaterThan(6);
  });
});
