// Zooming and panning the map by its SVG viewBox: the wheel zooms about the pointer, a drag pans,
// and the view never leaves the world. The box arithmetic is pure; `bindZoom` wires the events.
import { MAP_SIZE } from './map-projection.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const WORLD: Box = { x: 0, y: 0, w: MAP_SIZE.width, h: MAP_SIZE.height };
/** The closest zoom: 1/40 of the world's width (a region of a country). */
export const MAX_ZOOM = 40;

/** Keeps a box within the world and its size between the world and 1/MAX_ZOOM of it. */
export function clampBox(b: Box): Box {
  const w = Math.min(WORLD.w, Math.max(WORLD.w / MAX_ZOOM, b.w));
  const h = (w * WORLD.h) / WORLD.w;
  const x = Math.min(WORLD.w - w, Math.max(0, b.x));
  const y = Math.min(WORLD.h - h, Math.max(0, b.y));
  return { x, y, w, h };
}

/** Zooms by `factor` (>1 closer) keeping the map point (px, py) where it is on screen. */
export function zoomAbout(b: Box, factor: number, px: number, py: number): Box {
  const w = b.w / factor;
  const h = b.h / factor;
  return clampBox({ x: px - ((px - b.x) * w) / b.w, y: py - ((py - b.y) * h) / b.h, w, h });
}

/** The box that shows every point with a margin (the whole world when there are none). */
export function boxAround(points: readonly { x: number; y: number }[], margin = 40): Box {
  if (points.length === 0) return WORLD;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x1 = Math.min(...xs) - margin;
  const x2 = Math.max(...xs) + margin;
  const y1 = Math.min(...ys) - margin;
  const y2 = Math.max(...ys) + margin;
  // Widen one side so the box keeps the world's aspect ratio.
  let w = x2 - x1;
  let h = y2 - y1;
  if (w / h < WORLD.w / WORLD.h) w = (h * WORLD.w) / WORLD.h;
  else h = (w * WORLD.h) / WORLD.w;
  return clampBox({ x: (x1 + x2) / 2 - w / 2, y: (y1 + y2) / 2 - h / 2, w, h });
}

/**
 * Wheel and drag on `svg` change the box through `apply`. A press that moved is a pan, not a
 * click: `moved()` tells a click handler to ignore it.
 */
export function bindZoom(svg: SVGSVGElement, current: () => Box, apply: (b: Box) => void): { moved: () => boolean } {
  const toMap = (clientX: number, clientY: number) => {
    const r = svg.getBoundingClientRect();
    const b = current();
    // preserveAspectRatio xMidYMid meet: one scale, the box centred in the element.
    const s = Math.min(r.width / b.w, r.height / b.h) || 1;
    return { x: b.x + (clientX - r.left - (r.width - b.w * s) / 2) / s, y: b.y + (clientY - r.top - (r.height - b.h * s) / 2) / s, s };
  };
  svg.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const p = toMap(ev.clientX, ev.clientY);
      apply(zoomAbout(current(), Math.exp(-ev.deltaY * 0.0015), p.x, p.y));
    },
    { passive: false },
  );
  let drag: { x: number; y: number; box: Box; s: number } | null = null;
  let travelled = 0;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    const p = toMap(ev.clientX, ev.clientY);
    drag = { x: ev.clientX, y: ev.clientY, box: current(), s: p.s };
    travelled = 0;
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    travelled = Math.max(travelled, Math.hypot(dx, dy));
    if (travelled < 4) return;
    if (!svg.hasPointerCapture(ev.pointerId)) svg.setPointerCapture(ev.pointerId);
    apply(clampBox({ ...drag.box, x: drag.box.x - dx / drag.s, y: drag.box.y - dy / drag.s }));
  });
  const end = () => {
    drag = null;
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  return { moved: () => travelled >= 4 };
}
