// The one place GraphQL graph results become Cytoscape elements: plain JSON whose data fields
// the stylesheet (style.ts) selects on. Pure, so the view state can be tested without a browser.
import type { ElementDefinition } from 'cytoscape';
import type { OverviewQuery } from '../generated/graphql.js';

export type GraphNodeResult = OverviewQuery['overview']['nodes'][number];
export type GraphEdgeResult = OverviewQuery['overview']['edges'][number];

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
  return [
    ...[...nodes.values()].map((data): ElementDefinition => ({ group: 'nodes', data: { ...data } })),
    ...[...edges.values()].map((data): ElementDefinition => ({ group: 'edges', data: { ...data } })),
  ];
}
