// The search box: suggestions as you type (debounced, stale requests aborted), keyboard
// navigation, and an accessible listbox.
import type { SearchQuery as SearchResult } from '../generated/graphql.js';
import { request } from './api.js';
import { formatDate } from './dates.js';
import { h } from './dom.js';
import { SearchQuery } from './operations.js';
import { lookOf } from './panels.js';

export type SearchHit = SearchResult['search']['edges'][number]['node'];

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

export class SearchBox {
  private hits: SearchHit[] = [];
  private active = -1;
  private inflight: AbortController | null = null;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly onChoose: (hit: SearchHit) => void,
  ) {
    const run = debounce((q: string) => void this.search(q), 180);
    input.addEventListener('input', () => {
      const q = input.value.trim();
      if (q.length < 1) {
        run.cancel();
        this.close();
        return;
      }
      run(q);
    });
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        if (this.hits.length === 0) return;
        const step = ev.key === 'ArrowDown' ? 1 : -1;
        this.setActive((this.active + step + this.hits.length) % this.hits.length);
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        const hit = this.hits[this.active >= 0 ? this.active : 0];
        if (hit) this.choose(hit);
      } else if (ev.key === 'Escape') {
        if (input.value || !list.hidden) {
          ev.stopPropagation();
          input.value = '';
          this.close();
        } else input.blur();
      }
    });
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  private async search(q: string): Promise<void> {
    this.inflight?.abort();
    const ctrl = new AbortController();
    this.inflight = ctrl;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const data = await request(SearchQuery, { query: q, first: 10 }, { signal: ctrl.signal });
      if (ctrl.signal.aborted) return;
      this.show(data.search.edges.map((e) => e.node), q);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.showMessage(`Search failed: ${(err as Error).message}`);
    } finally {
      if (this.inflight === ctrl) this.list.removeAttribute('aria-busy');
    }
  }

  private show(hits: SearchHit[], q: string): void {
    this.hits = hits;
    this.active = -1;
    if (hits.length === 0) {
      this.showMessage(`Nothing matches “${q}”.`);
      return;
    }
    this.list.replaceChildren(
      ...hits.map((hit, i) => {
        const look = lookOf({ type: hit.type, kind: 'kind' in hit ? hit.kind : undefined });
        const li = h(
          'li',
          { role: 'option', id: `search-opt-${i}`, 'aria-selected': 'false', class: 'option', 'data-id': hit.id },
          h('span', { class: 'dot', style: `--c: ${look.color}`, 'aria-hidden': 'true' }),
          h('span', { class: 'name' }, hit.name),
          h('span', { class: 'muted' }, 'date' in hit && hit.date ? `${look.label}, ${formatDate(hit.date)}` : look.label),
        );
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          this.choose(hit);
        });
        return li;
      }),
    );
    this.open();
  }

  private showMessage(message: string): void {
    this.hits = [];
    this.list.replaceChildren(h('li', { class: 'message', role: 'option', 'aria-disabled': 'true' }, message));
    this.open();
  }

  private setActive(i: number): void {
    this.active = i;
    [...this.list.children].forEach((li, j) => li.setAttribute('aria-selected', String(i === j)));
    this.input.setAttribute('aria-activedescendant', `search-opt-${i}`);
    this.list.children[i]?.scrollIntoView({ block: 'nearest' });
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private choose(hit: SearchHit): void {
    this.close();
    this.input.value = hit.name;
    this.input.blur();
    this.onChoose(hit);
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }
}
