import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { stylesheet } from '../../web/src/style.js';
import { toElements, type GraphResult } from '../../web/src/to-elements.js';

const graph: GraphResult = {
  nodes: [
    { id: 'actor:person:xi-jinping', name: 'Xi Jinping', type: 'ACTOR', kind: 'PERSON', eventType: null, date: null, degree: 7, latitude: null, longitude: null, articleCount: null },
    { id: 'actor:country:china', name: 'China', type: 'ACTOR', kind: 'COUNTRY', eventType: null, date: null, degree: 12, latitude: null, longitude: null, articleCount: null },
    { id: 'issue:tariffs', name: 'tariffs', type: 'ISSUE', kind: null, eventType: null, date: null, degree: 4, latitude: null, longitude: null, articleCount: null },
    { id: 'event:meeting:2019-02-15:talks', name: 'Beijing talks', type: 'EVENT', kind: null, eventType: 'MEETING', date: '2019-02-15', degree: 3, latitude: 39.9075, longitude: 116.39723, articleCount: 2 },
  ],
  edges: [
    { id: 'e1', source: 'actor:person:xi-jinping', target: 'event:meeting:2019-02-15:talks', type: 'PARTICIPATED_IN', evidenceCount: 2, articleCount: 1, sources: ['LA Times'], confidence: 0.9, firstSeen: '2019-02-15' },
    { id: 'e2', source: 'actor:country:china', target: 'issue:tariffs', type: 'OPPOSES', evidenceCount: 1, articleCount: 1, sources: [], confidence: 0.7, firstSeen: null },
    { id: 'e3', source: 'actor:country:china', target: 'actor:person:missing', type: 'MET_WITH', evidenceCount: 1, articleCount: 1, sources: [], confidence: 0.5, firstSeen: null },
  ],
};

describe('toElements', () => {
  it('turns graph nodes into node elements whose data carries type, kind and degree', () => {
    const els = toElements(graph);
    const xi = els.find((e) => e.data.id === 'actor:person:xi-jinping');
    expect(xi).toMatchObject({ group: 'nodes', data: { label: 'Xi Jinping', type: 'ACTOR', kind: 'PERSON', degree: 7 } });
    const talks = els.find((e) => e.data.id === 'event:meeting:2019-02-15:talks');
    expect(talks?.data).toMatchObject({ eventType: 'MEETING', date: '2019-02-15' });
    expect(talks?.data).not.toHaveProperty('kind');
  });

  it("keeps an event's coordinates and article count for the map, and leaves them out where the server has none", () => {
    const els = toElements(graph);
    const talks = els.find((e) => e.data.id === 'event:meeting:2019-02-15:talks');
    expect(talks?.data).toMatchObject({ lat: 39.9075, lon: 116.39723, articleCount: 2 });
    const xi = els.find((e) => e.data.id === 'actor:person:xi-jinping');
    expect(xi?.data).not.toHaveProperty('lat');
    expect(xi?.data).not.toHaveProperty('articleCount');
  });

  it('labels edges in words and marks stance edges as a family', () => {
    const els = toElements(graph);
    expect(els.find((e) => e.data.id === 'e2')?.data).toMatchObject({ label: 'opposes', family: 'stance' });
    expect(els.find((e) => e.data.id === 'e1')?.data).toMatchObject({ label: 'participated in', family: 'fact', sources: ['LA Times'] });
  });

  it('drops edges to nodes that are neither in the result nor already known', () => {
    expect(toElements(graph).some((e) => e.data.id === 'e3')).toBe(false);
    expect(toElements(graph, new Set(['actor:person:missing'])).some((e) => e.data.id === 'e3')).toBe(true);
  });

  it('keeps the first of duplicated ids', () => {
    const doubled = { nodes: [...graph.nodes, { ...graph.nodes[0]!, name: 'Other' }], edges: graph.edges };
    const xi = toElements(doubled).filter((e) => e.data.id === 'actor:person:xi-jinping');
    expect(xi).toHaveLength(1);
    expect(xi[0]!.data.label).toBe('Xi Jinping');
  });

  it('loads into a headless Cytoscape where the stylesheet tells kinds and stances apart', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: stylesheet(), elements: toElements(graph) });
    const xi = cy.getElementById('actor:person:xi-jinping');
    const china = cy.getElementById('actor:country:china');
    const issue = cy.getElementById('issue:tariffs');
    expect(xi.style('shape')).toBe('ellipse');
    expect(china.style('shape')).toBe('hexagon');
    expect(issue.style('shape')).toBe('diamond');
    expect(xi.style('background-color')).not.toBe(china.style('background-color'));
    // Size follows degree.
    expect(parseFloat(china.style('width'))).toBeGreaterThan(parseFloat(issue.style('width')));
    const opposes = cy.getElementById('e2');
    expect(opposes.style('line-style')).toBe('dashed');
    expect(opposes.style('target-arrow-shape')).toBe('tee');
    expect(cy.getElementById('e1').style('line-style')).toBe('solid');
    cy.destroy();
  });
});
