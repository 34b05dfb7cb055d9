// The one place GraphQL graph results become Cytoscape elements: plain JSON whose data fields
// the stylesheet (style.ts) selects on. Pure, so the view state can be tested without a browser.
import type { ElementDefinition } from 'cytoscape';
import type { GraphEdgeFieldsFragment, GraphNodeFieldsFragment } from '../generated/graphql.js';

/** The shared fragments (operations.ts) every graph-shaped answer is made of. */
export type GraphNodeResult = GraphNodeFieldsFragment;
export type GraphEdgeResult = GraphEdgeFieldsFragment;

export interface GraphResult {
  nodes: readonly GraphNodeResult[];
  edges: readonly GraphEdgeResult[];
}

/** Data of a node element; `type`/`kind` are the schema's enum values, used by style selectors. */
export interface NodeData {
  id: string;
  label: string;
  type: GraphNodeResult['type'];
  kind?: NonNullable<GraphNodeResult['kind']>;
  eventType?: string;
  date?: string;
  degree: number;
  /** Places, and events at a place: WGS84 degrees, for the map. */
  lat?: number;
  lon?: number;
  /** Events and places: the articles that report or mention them (the map's marker size). */
  articleCount?: number;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  /** Human label shown on hover ("opposes", "met with"). */
  label: string;
  evidenceCount: number;
  articleCount: number;
  sources: string[];
  confidence: number;
  firstSeen?: string;
  /** "stance" for SUPPORTS / OPPOSES / CONCERNED_ABOUT, so one selector styles all three. */
  family: 'stance' | 'fact';
}

export const STANCE_TYPES: readonly string[] = ['SUPPORTS', 'OPPOSES', 'CONCERNED_ABOUT'];

export function relationLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

export function toNodeData(node: GraphNodeResult): NodeData {
  const data: NodeData = { id: node.id, label: node.name, type: node.type, degree: node.degree };
  if (node.kind) data.kind = node.kind;
  if (node.eventType) data.eventType = node.eventType;
  if (node.date) data.date = node.date;
  if (node.latitude != null && node.longitude != null) {
    data.lat = node.latitude;
    data.lon = node.longitude;
  }
  if (node.articleCount != null) data.articleCount = node.articleCount;
  return data;
}

export function toEdgeData(edge: GraphEdgeResult): EdgeData {
  const data: EdgeData = {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: edge.type,
    label: relationLabel(edge.type),
    evidenceCount: edge.evidenceCount,
    articleCount: edge.articleCount,
    sources: [...edge.sources],
    confidence: edge.confidence,
    family: STANCE_TYPES.includes(edge.type) ? 'stance' : 'fact',
  };
  if (edge.firstSeen) data.firstSeen = edge.firstSeen;
  return data;
}

/**
 * Nodes first, then edges whose two ends are among the nodes or in `knownIds` (Cytoscape
 * rejects an edge to a missing node). Duplicate ids keep their first occurrence.
 */
export function toElements(graph: GraphResult, knownIds: ReadonlySet<string> = new Set()): ElementDefinition[] {
  const nodes = new Map<string, NodeData>();
  for (const n of graph.nodes) if (!nodes.has(n.id)) nodes.set(n.id, toNodeData(n));
  const edges = new Map<string, EdgeData>();
  for (const e of graph.edges) {
    if (edges.has(e.id)) continue;
    const ends = [e.source, e.target].every((id) => nodes.has(id) || knownIds.has(id));
    if (ends) edges.set(e.id, toEdgeData(e));
  }
  const maxDegree = Math.max(0, ...[...nodes.values()].map((n) => n.degree));
  return [
    ...[...nodes.values()].map((data): ElementDefinition => ({ group: 'nodes', data: { ...data, size: nodeSize(data.degree, maxDegree) } })),
    ...[...edges.values()].map((data): ElementDefinition => ({ group: 'edges', data: { ...data } })),
  ];
}

/** One drawn edge per pair of nodes: the relations between them folded, with their weight. */
export interface PairData {
  id: string;
  source: string;
  target: string;
  /** The ids of the folded relations (ViewGraph edge ids), strongest first. */
  relations: string[];
  /** The strongest relation's type, so the stylesheet colours a pair by what matters most. */
  type: string;
  family: 'stance' | 'fact';
  /** "opposes", or "3 relations" when several are folded. */
  label: string;
  evidenceCount: number;
  /** log2(1 + sentences): the stylesheet maps it to a bounded width. */
  weight: number;
  count: number;
  /** Among the `BACKBONE` strongest pairs of one of its ends; the others show on demand. */
  strong: boolean;
}

/** How many of its strongest pairs each node keeps drawn at rest. */
export const BACKBONE = 3;

/** Stances first (they are what a reader looks for), then the most evidenced relation. */
function strength(e: EdgeData): number {
  return (e.family === 'stance' ? 1e6 : 0) + (e.type === 'RELATED_TO' ? 0 : 1e5) + e.evidenceCount;
}

export function pairId(a: string, b: string): string {
  return a < b ? `pair:${a}|${b}` : `pair:${b}|${a}`;
}

/**
 * Folds relations into one edge per unordered pair of nodes; the pair points the way its
 * strongest relation does. Pure and order-independent.
 */
export function foldEdges(edges: Iterable<EdgeData>): PairData[] {
  const groups = new Map<string, EdgeData[]>();
  for (const e of edges) {
    const id = pairId(e.source, e.target);
    const g = groups.get(id);
    if (g) g.push(e);
    else groups.set(id, [e]);
  }
  const out: PairData[] = [];
  for (const [id, rels] of groups) {
    rels.sort((x, y) => strength(y) - strength(x) || x.id.localeCompare(y.id));
    const top = rels[0]!;
    const evidenceCount = rels.reduce((s, r) => s + r.evidenceCount, 0);
    out.push({
      id,
      source: top.source,
      target: top.target,
      relations: rels.map((r) => r.id),
      type: top.type,
      family: top.family,
      label: rels.length === 1 ? top.label : `${top.label} +${rels.length - 1}`,
      evidenceCount,
      weight: Math.log2(1 + evidenceCount),
      count: rels.length,
      strong: false,
    });
  }
  // The backbone: each node's strongest pairs. A dense corpus links every hub to every other;
  // drawing all of them hides the structure the strongest ones show.
  const byNode = new Map<string, PairData[]>();
  for (const p of out) {
    for (const end of [p.source, p.target]) {
      const list = byNode.get(end);
      if (list) list.push(p);
      else byNode.set(end, [p]);
    }
  }
  for (const list of byNode.values()) {
    list.sort((x, y) => (y.family === 'stance' ? 1 : 0) - (x.family === 'stance' ? 1 : 0) || y.evidenceCount - x.evidenceCount || x.id.localeCompare(y.id));
    for (const p of list.slice(0, BACKBONE)) p.strong = true;
  }
  return out;
}

/** Node diameter from degree, relative to the best connected node shown: bounded both ways. */
export const NODE_SIZE = { min: 14, max: 46 } as const;
export function nodeSize(degree: number, maxDegree: number): number {
  if (maxDegree <= 0) return NODE_SIZE.min;
  const t = Math.sqrt(Math.max(0, Math.min(degree, maxDegree)) / maxDegree);
  return Math.round(NODE_SIZE.min + t * (NODE_SIZE.max - NODE_SIZE.min));
}
