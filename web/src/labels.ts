// Labels that never collide: nodes are ranked (degree relative to the best connected node of
// their type, so events rank beside actors), the top ranks get larger type that stays readable
// when zoomed out (the stylesheet's tiers and min-zoomed-font-size hide the rest at low zoom),
// and a label is drawn only if its box clears every higher-ranked label already drawn. Zoomed in,
// the labels of the nodes in view join in (declutterLabels runs again when the viewport settles).
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';

/** Rank thresholds of the label tiers (tier-1 and tier-2 classes in style.ts). */
export const LABEL_TIERS = { first: 12, second: 60 } as const;

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Nodes in reading order of importance: score within their type, then id for stability. */
export function rankNodes(nodes: NodeCollection): NodeSingular[] {
  const maxByType = new Map<string, number>();
  nodes.forEach((n) => {
    const t = String(n.data('type'));
    maxByType.set(t, Math.max(maxByType.get(t) ?? 0, Number(n.data('degree')) || 0));
  });
  const score = (n: NodeSingular) => (Number(n.data('degree')) || 0) / Math.max(1, maxByType.get(String(n.data('type'))) ?? 1);
  return nodes.toArray().sort((a, b) => score(b) - score(a) || (Number(b.data('degree')) || 0) - (Number(a.data('degree')) || 0) || a.id().localeCompare(b.id()));
}

/** Gives each shown node its tier class; call when the set of shown nodes changes. */
export function assignTiers(cy: Core): void {
  const ranked = rankNodes(cy.nodes().not('.filtered'));
  cy.batch(() => {
    cy.nodes().removeClass('tier-1 tier-2');
    ranked.forEach((n, i) => {
      if (i < LABEL_TIERS.first) n.addClass('tier-1');
      else if (i < LABEL_TIERS.second) n.addClass('tier-2');
    });
  });
}

/** The model-space box of a node's label (drawn or not). */
export function labelBox(n: NodeSingular): Box | null {
  const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeMainLabels: true, includeOverlays: false } as never);
  if (!Number.isFinite(b.x1) || b.w <= 0 || b.h <= 0) return null;
  return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
}

/** Zoom from which untiered labels (9 px, drawn from 8 px) are legible, so worth placing. */
export const DETAIL_ZOOM = 0.9;
/** At most this many untiered labels are placed (those of the viewport, best ranked first). */
const MAX_DETAIL_LABELS = 300;

/**
 * Decides which labels are drawn: the tiered ones always, and when zoomed in enough, those of
 * the nodes in the viewport; of these, a label that would overlap a higher-ranked one is
 * dropped. Every other node gets the class label-off (no label at all, so Cytoscape neither
 * measures nor draws it: that is what keeps 2,000 nodes fast). A grid over the model space
 * keeps it linear in the number of candidates.
 */
export function declutterLabels(cy: Core): void {
  const shown = cy.nodes().not('.filtered');
  const ext = cy.extent();
  const detail = cy.zoom() >= DETAIL_ZOOM;
  const ranked = rankNodes(shown);
  const candidates = new Set<NodeSingular>();
  let untiered = 0;
  for (const n of ranked) {
    if (n.hasClass('tier-1') || n.hasClass('tier-2')) candidates.add(n);
    else if (detail && untiered < MAX_DETAIL_LABELS) {
      const p = n.position();
      if (p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2) {
        candidates.add(n);
        untiered++;
      }
    }
  }
  const cell = 120;
  const grid = new Map<string, Box[]>();
  const keys = (b: Box): string[] => {
    const out: string[] = [];
    for (let x = Math.floor(b.x1 / cell); x <= Math.floor(b.x2 / cell); x++) for (let y = Math.floor(b.y1 / cell); y <= Math.floor(b.y2 / cell); y++) out.push(`${x},${y}`);
    return out;
  };
  cy.batch(() => {
    // Candidates get their label back first, so their boxes can be measured.
    for (const n of candidates) n.removeClass('label-off');
    shown.forEach((n) => {
      if (!candidates.has(n)) n.addClass('label-off');
    });
  });
  const off: NodeSingular[] = [];
  for (const n of ranked) {
    if (!candidates.has(n)) continue;
    const box = labelBox(n);
    if (!box) continue;
    const ks = keys(box);
    if (ks.some((k) => grid.get(k)?.some((o) => overlaps(o, box)))) {
      off.push(n);
      continue;
    }
    for (const k of ks) {
      const list = grid.get(k);
      if (list) list.push(box);
      else grid.set(k, [box]);
    }
  }
  cy.batch(() => {
    for (const n of off) n.addClass('label-off');
  });
}
