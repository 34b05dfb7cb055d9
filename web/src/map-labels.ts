// Which map markers get a label: the chosen ones, then the largest, each only where its label
// covers no label already placed and no other marker, up to a budget. Screen pixels in, ids out; pure.

export interface LabelCandidate {
  id: string;
  /** The marker's centre and radius, in screen pixels. */
  x: number;
  y: number;
  r: number;
  text: string;
  /** Chosen markers are labelled first, whatever their size. */
  chosen: boolean;
}

/** Text at 11 px is about this wide per character (a conservative average for system sans). */
export const CHAR_WIDTH = 6.4;
export const LABEL_HEIGHT = 14;

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The label's box: to the right of the marker, centred on it vertically. */
export function labelRect(c: LabelCandidate): Rect {
  const x1 = c.x + c.r + 3;
  return { x1, y1: c.y - LABEL_HEIGHT / 2, x2: x1 + c.text.length * CHAR_WIDTH, y2: c.y + LABEL_HEIGHT / 2 };
}

const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

export function placeLabels(candidates: readonly LabelCandidate[], budget: number): Set<string> {
  const order = [...candidates].sort((a, b) => Number(b.chosen) - Number(a.chosen) || b.r - a.r || a.id.localeCompare(b.id));
  const markers = candidates.map((c) => ({ id: c.id, rect: { x1: c.x - c.r, y1: c.y - c.r, x2: c.x + c.r, y2: c.y + c.r } }));
  const placed: Rect[] = [];
  const out = new Set<string>();
  for (const c of order) {
    if (!c.chosen && out.size >= budget) break;
    const rect = labelRect(c);
    if (!c.chosen && (placed.some((p) => overlaps(p, rect)) || markers.some((m) => m.id !== c.id && overlaps(m.rect, rect)))) continue;
    placed.push(rect);
    out.add(c.id);
  }
  return out;
}
