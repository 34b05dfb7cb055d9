// The one Cytoscape stylesheet. Every visual distinction is selected by element data
// (type, kind, relation type) or by a state class (hover, path, faded), never set in code.
import type { StylesheetJson } from 'cytoscape';

export interface Look {
  label: string;
  color: string;
  shape: string;
}

/** Node looks, shared by the stylesheet and the legend. */
export const NODE_LOOKS: Record<string, Look> = {
  PERSON: { label: 'Person', color: '#2563eb', shape: 'ellipse' },
  ORGANIZATION: { label: 'Organization', color: '#7c3aed', shape: 'round-rectangle' },
  COUNTRY: { label: 'Country', color: '#0d9488', shape: 'hexagon' },
  GROUP: { label: 'Group', color: '#db2777', shape: 'octagon' },
  ISSUE: { label: 'Issue', color: '#ca8a04', shape: 'diamond' },
  EVENT: { label: 'Event', color: '#e11d48', shape: 'round-tag' },
  PLACE: { label: 'Place', color: '#4d7c0f', shape: 'round-triangle' },
};

export const EDGE_LOOKS: Record<string, { label: string; color: string; style: 'solid' | 'dashed' | 'dotted' }> = {
  SUPPORTS: { label: 'Supports', color: '#16a34a', style: 'solid' },
  OPPOSES: { label: 'Opposes', color: '#dc2626', style: 'dashed' },
  CONCERNED_ABOUT: { label: 'Concerned about', color: '#d97706', style: 'dotted' },
  OTHER: { label: 'Other relation', color: '#94a3b8', style: 'solid' },
};

const nodeLook = (selector: string, look: Look): StylesheetJson[number] => ({
  selector,
  style: { 'background-color': look.color, shape: look.shape as never },
});

export function stylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        // data(size) is bounded (to-elements.ts nodeSize): hubs of a large corpus stay readable.
        width: 'data(size)',
        height: 'data(size)',
        'font-size': 9,
        'font-family': 'system-ui, sans-serif',
        color: '#1e293b',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        // Label tiers by rank (labels.ts): only the top ranks stay drawn when zoomed out.
        'min-zoomed-font-size': 8,
        'border-width': 1.5,
        'border-color': '#ffffff',
        'transition-property': 'opacity, border-width, border-color',
        'transition-duration': 200,
      },
    },
    nodeLook('node[type = "ACTOR"]', NODE_LOOKS.PERSON!),
    nodeLook('node[type = "ACTOR"][kind = "PERSON"]', NODE_LOOKS.PERSON!),
    nodeLook('node[type = "ACTOR"][kind = "ORGANIZATION"]', NODE_LOOKS.ORGANIZATION!),
    nodeLook('node[type = "ACTOR"][kind = "COUNTRY"]', NODE_LOOKS.COUNTRY!),
    nodeLook('node[type = "ACTOR"][kind = "GROUP"]', NODE_LOOKS.GROUP!),
    nodeLook('node[type = "ISSUE"]', NODE_LOOKS.ISSUE!),
    nodeLook('node[type = "EVENT"]', NODE_LOOKS.EVENT!),
    nodeLook('node[type = "PLACE"]', NODE_LOOKS.PLACE!),
    { selector: 'node[type = "EVENT"]', style: { color: '#7f1d1d' } },
    // The top ranks draw above the rest, so their labels are never under another node.
    { selector: 'node.tier-2', style: { 'font-size': 11, 'min-zoomed-font-size': 6, 'z-index': 5 } },
    { selector: 'node.tier-1', style: { 'font-size': 13, 'font-weight': 600, 'min-zoomed-font-size': 4, 'text-outline-width': 2.5, 'text-max-width': '150px', 'z-index': 10 } },
    {
      selector: 'edge',
      style: {
        // One edge per pair (to-elements.ts foldEdges); weight is log2(1 + sentences).
        width: 'mapData(weight, 1, 8, 1, 5)',
        'line-color': EDGE_LOOKS.OTHER!.color,
        'target-arrow-color': EDGE_LOOKS.OTHER!.color,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        opacity: 0.75,
        'font-size': 10,
        'text-rotation': 'autorotate',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        color: '#334155',
      },
    },
    { selector: 'edge[type = "RELATED_TO"]', style: { 'line-style': 'dotted', opacity: 0.45, 'target-arrow-shape': 'none' } },
    { selector: 'edge[type = "MET_WITH"]', style: { 'line-color': '#3b82f6', 'target-arrow-shape': 'none' } },
    ...(['SUPPORTS', 'OPPOSES', 'CONCERNED_ABOUT'] as const).map((t) => ({
      selector: `edge[type = "${t}"]`,
      style: {
        'line-color': EDGE_LOOKS[t]!.color,
        'target-arrow-color': EDGE_LOOKS[t]!.color,
        'line-style': EDGE_LOOKS[t]!.style,
        width: 3,
        opacity: 0.95,
      },
    })),
    { selector: 'edge[type = "OPPOSES"]', style: { 'target-arrow-shape': 'tee' } },
    { selector: 'edge[type = "CONCERNED_ABOUT"]', style: { 'target-arrow-shape': 'circle' } },
    // Pairs off the backbone (to-elements.ts foldEdges) appear when one of their ends is pointed at.
    { selector: 'edge[!strong]', style: { display: 'none' } },
    { selector: 'edge[!strong].hover, edge[!strong].path', style: { display: 'element', opacity: 0.6 } },
    { selector: 'edge.hover, edge.chosen', style: { label: 'data(label)', opacity: 1, 'z-index': 10 } },
    { selector: 'node.hover', style: { 'border-color': '#0f172a', 'border-width': 2 } },
    { selector: 'node.chosen', style: { 'border-color': '#f59e0b', 'border-width': 4, 'z-index': 20 } },
    { selector: 'node.second', style: { 'border-color': '#0ea5e9', 'border-width': 4 } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.path', style: { 'border-color': '#f59e0b', 'border-width': 4, opacity: 1 } },
    {
      selector: 'edge.path',
      style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 5, opacity: 1, label: 'data(label)', 'z-index': 30 },
    },
    { selector: 'node.fresh', style: { 'border-color': '#22c55e', 'border-width': 5 } },
    { selector: 'node.entering', style: { opacity: 0 } },
    { selector: '.filtered', style: { display: 'none' } },
    // Labels that would collide with a higher-ranked one, or are not worth placing at this zoom
    // (labels.ts), are not drawn (nor measured) until their node is pointed at.
    { selector: 'node.label-off', style: { label: '' } },
    { selector: 'node.label-off.hover, node.label-off.chosen, node.label-off.path', style: { label: 'data(label)', 'z-index': 40 } },
    // Large graphs: straight edges without arrows draw far faster (haystack), labels only zoomed in.
    { selector: 'edge.compact', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' } },
    { selector: 'node.compact', style: { 'min-zoomed-font-size': 10, 'border-width': 0 } },
    { selector: 'node.compact.tier-1', style: { 'min-zoomed-font-size': 4 } },
  ];
}
