// The toolbar buttons and the keyboard shortcuts, bound to what they do.
import { render, type App } from './app.js';
import { showStories } from './stories-panel.js';
import { byId } from './dom.js';
import { expand, hide, undo } from './expanding.js';
import { closeDetails } from './details.js';
import { exportJson, exportPng } from './export.js';
import { toast } from './notify.js';
import { clearSelection, stopPicking } from './paths.js';
import { setMode } from './view-mode.js';

export function bindControls(app: App, o: { openIngest: () => void; focusSearch: () => void }): void {
  const { state, view } = app;
  byId('undo').addEventListener('click', () => undo(app));
  byId('unhide').addEventListener('click', () => {
    state.hidden.clear();
    render(app);
  });
  const fit = () => (state.mode === 'map' ? app.map?.fit() : view.fit());
  byId('fit').addEventListener('click', fit);
  byId('world').addEventListener('click', () => app.map?.reset());
  byId('relayout').addEventListener('click', () => void view.layout(false));
  byId('export-png').addEventListener('click', () => exportPng(app));
  byId('export-json').addEventListener('click', () => exportJson(app));
  byId('add-article').addEventListener('click', o.openIngest);
  byId('stories').addEventListener('click', () => void showStories(app));
  byId('pick-cancel').addEventListener('click', () => stopPicking(app));
  byId('share').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      toast('Link to this view copied.');
    } catch {
      toast(`Share this link: ${location.href}`);
    }
  });
  byId('help').addEventListener('click', () => byId<HTMLDialogElement>('help-dialog').showModal());
  byId('toggle-filters').addEventListener('click', () => {
    const open = document.body.classList.toggle('filters-open');
    byId('toggle-filters').setAttribute('aria-expanded', String(open));
  });

  document.addEventListener('keydown', (ev) => {
    const target = ev.target as HTMLElement;
    const typing = target.matches('input, textarea, select') || target.isContentEditable;
    if (document.querySelector('dialog[open]')) return;
    if (ev.key === 'Escape') {
      if (typing) return;
      byId<HTMLInputElement>('search').value = '';
      clearSelection(app);
      return;
    }
    if (typing || ev.metaKey || ev.altKey) return;
    const selected = state.selected[0];
    if (ev.key === '/') {
      ev.preventDefault();
      o.focusSearch();
    } else if ((ev.key === 'z' && ev.ctrlKey) || ev.key === 'u') {
      ev.preventDefault();
      undo(app);
    } else if (ev.ctrlKey) {
      return;
    } else if (ev.key === 'e' && selected) void expand(app, selected);
    else if (ev.key === 'h' && selected) hide(app, selected, closeDetails);
    else if (ev.key === 'f') fit();
    else if (ev.key === 'm') void setMode(app, state.mode === 'map' ? 'graph' : 'map');
    else if (ev.key === '?') byId<HTMLDialogElement>('help-dialog').showModal();
  });
}
