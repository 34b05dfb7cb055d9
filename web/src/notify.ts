// Messages to the reader: the overlay card over the canvas (loading, error, empty) and toasts.
import { byId, h } from './dom.js';

export function showOverlay(kind: 'loading' | 'error' | 'empty' | null, title = '', message: string | Node = '', action?: HTMLElement): void {
  const overlay = byId('overlay');
  if (!kind) {
    overlay.hidden = true;
    return;
  }
  overlay.hidden = false;
  overlay.className = `overlay ${kind}`;
  overlay.replaceChildren(h('div', { class: 'card', role: kind === 'error' ? 'alert' : 'status' }, h('h2', {}, title), h('p', {}, message), action ?? null));
}

/** Takes the "graph is empty" card away once something arrived. */
export function hideEmptyHint(nodes: number): void {
  if (nodes > 0 && byId('overlay').classList.contains('empty')) showOverlay(null);
}

export function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  const el = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  byId('toasts').append(el);
  setTimeout(() => el.remove(), 6000);
}
