// The filter sidebar, which doubles as the legend: node types and actor kinds (with their
// shapes and colours), event types, an issue, and a time range over event dates with playback.
import type { EntityType } from '../generated/graphql.js';
import { formatMonth, monthOf, monthScale } from './dates.js';
import { h, svg } from './dom.js';
import { EDGE_LOOKS, NODE_LOOKS } from './style.js';
import { ACTOR_KINDS, ENTITY_TYPES, type Filters, type ViewGraph } from './view-state.js';

// Display names of the entity types (the types themselves are the generated EntityType).
const TYPE_LABELS: Record<EntityType, string> = { ACTOR: 'Actors', ISSUE: 'Issues', EVENT: 'Events', PLACE: 'Places' };

function shapeIcon(key: string): SVGSVGElement {
  const look = NODE_LOOKS[key]!;
  const icon = svg('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'shape-icon' });
  const fill = { fill: look.color };
  const shapes: Record<string, () => SVGElement> = {
    ellipse: () => svg('circle', { cx: 8, cy: 8, r: 6.5, ...fill }),
    'round-rectangle': () => svg('rect', { x: 1.5, y: 3, width: 13, height: 10, rx: 3, ...fill }),
    hexagon: () => svg('polygon', { points: '4,2 12,2 15.5,8 12,14 4,14 0.5,8', ...fill }),
    octagon: () => svg('polygon', { points: '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5', ...fill }),
    diamond: () => svg('polygon', { points: '8,0.5 15.5,8 8,15.5 0.5,8', ...fill }),
    'round-tag': () => svg('polygon', { points: '1,3 11,3 15,8 11,13 1,13', ...fill }),
    'round-triangle': () => svg('polygon', { points: '8,1.5 15,14 1,14', ...fill }),
  };
  icon.append((shapes[look.shape] ?? shapes.ellipse!)());
  return icon;
}

function lineIcon(color: string, style: string): SVGSVGElement {
  const icon = svg('svg', { width: 28, height: 10, viewBox: '0 0 28 10', 'aria-hidden': 'true' });
  const dash = style === 'dashed' ? '5 3' : style === 'dotted' ? '1.5 2.5' : '';
  icon.append(svg('line', { x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, 'stroke-width': 3, 'stroke-dasharray': dash, 'stroke-linecap': 'round' }));
  return icon;
}

function check(label: string, checked: boolean, onChange: (on: boolean) => void, icon?: Element, name?: string): HTMLLabelElement {
  const input = h('input', { type: 'checkbox', checked, name });
  input.addEventListener('change', () => onChange(input.checked));
  const el = h('label', { class: 'check' }, input);
  if (icon) el.append(icon);
  el.append(document.createTextNode(label));
  return el;
}

const toggle = <T>(list: T[], value: T, on: boolean): T[] => (on ? list.filter((v) => v !== value) : [...new Set([...list, value])]);

export class FilterPanel {
  private filters!: Filters;
  private months: string[] = [];
  private playing: ReturnType<typeof setInterval> | null = null;
  private readonly typesBox = h('div', { class: 'checks' });
  private readonly eventTypesBox = h('div', { class: 'checks' });
  private readonly issueSelect = h('select', { id: 'issue-filter', 'aria-label': 'Show only what concerns an issue' });
  private readonly fromInput = h('input', { type: 'range', id: 'time-from', min: 0, max: 0, step: 1, 'aria-label': 'Earliest event month' });
  private readonly toInput = h('input', { type: 'range', id: 'time-to', min: 0, max: 0, step: 1, 'aria-label': 'Latest event month' });
  private readonly rangeLabel = h('output', { id: 'time-label', for: 'time-from time-to' });
  private readonly playButton = h('button', { type: 'button', id: 'time-play', 'aria-label': 'Play the time range month by month' }, '▶ Play');

  constructor(
    root: HTMLElement,
    private readonly onChange: (filters: Filters) => void,
  ) {
    this.issueSelect.addEventListener('change', () => this.emit({ ...this.filters, issue: this.issueSelect.value || null }));
    const onRange = (which: 'from' | 'to') => () => {
      this.stop();
      let a = Number(this.fromInput.value);
      let b = Number(this.toInput.value);
      if (a > b) {
        if (which === 'from') b = a;
        else a = b;
      }
      this.emitRange(a, b);
    };
    this.fromInput.addEventListener('input', onRange('from'));
    this.toInput.addEventListener('input', onRange('to'));
    this.playButton.addEventListener('click', () => (this.playing ? this.stop() : this.play()));
    const reset = h('button', { type: 'button', class: 'small', onclick: () => (this.stop(), this.emit({ ...this.filters, from: null, to: null })) }, 'All time');
    const edgeLegend = h(
      'ul',
      { class: 'legend' },
      ...Object.values(EDGE_LOOKS).map((l) => h('li', {}, lineIcon(l.color, l.style), l.label)),
      h('li', {}, lineIcon('#f59e0b', 'solid'), 'Shortest path'),
    );
    root.replaceChildren(
      h('h2', { class: 'sr-only' }, 'Filters and legend'),
      h('fieldset', {}, h('legend', {}, 'Show'), this.typesBox),
      h('fieldset', {}, h('legend', {}, 'Event types'), this.eventTypesBox),
      h('fieldset', {}, h('legend', {}, 'Issue'), this.issueSelect),
      h(
        'fieldset',
        { class: 'time' },
        h('legend', {}, 'Time (event dates)'),
        this.rangeLabel,
        h('div', { class: 'range' }, this.fromInput, this.toInput),
        h('div', { class: 'row' }, this.playButton, reset),
      ),
      h('fieldset', {}, h('legend', {}, 'Relations'), edgeLegend, h('p', { class: 'muted small graph-only' }, 'Node size grows with connections. Hover an edge for its relation.'), h('p', { class: 'muted small map-only' }, 'On the map, places (circles) and events (diamonds) grow with the articles that report them.')),
    );
  }

  private emit(filters: Filters): void {
    this.onChange(filters);
  }

  private emitRange(a: number, b: number): void {
    const last = this.months.length - 1;
    const from = a <= 0 ? null : (this.months[a] ?? null);
    const to = b >= last ? null : (this.months[b] ?? null);
    this.emit({ ...this.filters, from, to });
  }

  /** Shows `filters` over what `graph` holds (its event types, issues and months). */
  update(graph: ViewGraph, filters: Filters): void {
    this.filters = filters;
    const f = filters;
    this.typesBox.replaceChildren(
      ...ENTITY_TYPES.flatMap((t) => {
        const type = check(TYPE_LABELS[t]!, !f.hiddenTypes.includes(t), (on) => this.emit({ ...f, hiddenTypes: toggle(f.hiddenTypes, t, on) }), t === 'ACTOR' ? undefined : shapeIcon(t), `type-${t}`);
        if (t !== 'ACTOR') return [type];
        const kinds = h(
          'div',
          { class: 'checks nested' },
          ...ACTOR_KINDS.map((k) => check(NODE_LOOKS[k]!.label, !f.hiddenKinds.includes(k), (on) => this.emit({ ...f, hiddenKinds: toggle(f.hiddenKinds, k, on) }), shapeIcon(k), `kind-${k}`)),
        );
        return [type, kinds];
      }),
    );
    const eventTypes = new Set<string>(f.hiddenEventTypes);
    const issues: { id: string; label: string }[] = [];
    const dates: string[] = [];
    for (const n of graph.nodes.values()) {
      if (n.type === 'EVENT') {
        if (n.eventType) eventTypes.add(n.eventType);
        if (n.date) dates.push(n.date);
      } else if (n.type === 'ISSUE') issues.push({ id: n.id, label: n.label });
    }
    this.eventTypesBox.replaceChildren(
      ...(eventTypes.size
        ? [...eventTypes].sort().map((t) => check(t.toLowerCase().replace(/_/g, ' '), !f.hiddenEventTypes.includes(t), (on) => this.emit({ ...f, hiddenEventTypes: toggle(f.hiddenEventTypes, t, on) }), undefined, `event-${t}`))
        : [h('p', { class: 'muted small' }, 'No events in view.')]),
    );
    issues.sort((a, b) => a.label.localeCompare(b.label));
    if (f.issue && !issues.some((i) => i.id === f.issue)) issues.unshift({ id: f.issue, label: f.issue });
    this.issueSelect.replaceChildren(h('option', { value: '' }, 'All issues'), ...issues.map((i) => h('option', { value: i.id, selected: i.id === f.issue }, i.label)));
    this.issueSelect.value = f.issue ?? '';

    const months = monthScale([...dates, ...(f.from ? [f.from] : []), ...(f.to ? [f.to] : [])]);
    this.months = months;
    const last = Math.max(0, months.length - 1);
    for (const input of [this.fromInput, this.toInput]) {
      input.max = String(last);
      input.disabled = months.length < 2;
    }
    const a = f.from ? Math.max(0, months.indexOf(monthOf(f.from) ?? '')) : 0;
    const b = f.to ? months.indexOf(monthOf(f.to) ?? '') : last;
    this.fromInput.value = String(a);
    this.toInput.value = String(b < 0 ? last : b);
    this.playButton.disabled = months.length < 2;
    this.rangeLabel.textContent = months.length === 0 ? 'No dated events in view' : `${formatMonth(months[a]!)} – ${formatMonth(months[b < 0 ? last : b]!)}`;
    this.fromInput.setAttribute('aria-valuetext', months[a] ? formatMonth(months[a]) : '');
    this.toInput.setAttribute('aria-valuetext', months[b] ? formatMonth(months[b]) : '');
  }

  /** Plays the upper bound forward month by month from the lower bound. */
  play(): void {
    if (this.months.length < 2) return;
    const start = Number(this.fromInput.value);
    let at = start;
    const last = this.months.length - 1;
    this.playButton.textContent = '⏸ Pause';
    this.playButton.setAttribute('aria-label', 'Pause playback');
    // Long spans play in about 15 s whatever their length.
    const step = Math.max(1, Math.ceil((last - start) / 30));
    this.emitRange(start, at);
    this.playing = setInterval(() => {
      at = Math.min(last, at + step);
      this.emitRange(start, at);
      if (at >= last) this.stop();
    }, 500);
  }

  stop(): void {
    if (!this.playing) return;
    clearInterval(this.playing);
    this.playing = null;
    this.playButton.textContent = '▶ Play';
    this.playButton.setAttribute('aria-label', 'Play the time range month by month');
  }
}
