// Relations between two actors by month as a plain SVG bar chart: bar height is the number of
// events, colour the mean Goldstein score (red conflict .. green cooperation).
import type { RelationsOverTimeQuery } from '../generated/graphql.js';
import { formatMonth, monthScale } from './dates.js';
import { h, svg } from './dom.js';

type MonthScore = RelationsOverTimeQuery['relationsOverTime'][number];

export function goldsteinColor(score: number): string {
  const t = Math.max(-1, Math.min(1, score / 10));
  // Interpolate red (-10) .. grey (0) .. green (+10).
  const mix = (a: number, b: number, k: number) => Math.round(a + (b - a) * k);
  const [r, g, b] = t < 0 ? [mix(148, 220, -t), mix(163, 38, -t), mix(184, 38, -t)] : [mix(148, 22, t), mix(163, 163, t), mix(184, 74, t)];
  return `rgb(${r}, ${g}, ${b})`;
}

export function relationsChart(scores: readonly MonthScore[], names: [string, string]): HTMLElement {
  const figure = h('figure', { class: 'chart' });
  const caption = h('figcaption', {}, `Events between ${names[0]} and ${names[1]}, by month`);
  if (scores.length === 0) {
    figure.append(caption, h('p', { class: 'muted' }, 'No dated events between them yet.'));
    return figure;
  }
  const byMonth = new Map(scores.map((s) => [s.month, s]));
  const months = monthScale(scores.map((s) => s.month)).slice(-36);
  const width = 300;
  const height = 120;
  const pad = { l: 24, r: 6, t: 8, b: 22 };
  const max = Math.max(1, ...scores.map((s) => s.eventCount));
  const bw = (width - pad.l - pad.r) / months.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', width: '100%' });
  chart.setAttribute('aria-label', caption.textContent ?? '');
  const axis = svg('line', { x1: pad.l, y1: height - pad.b, x2: width - pad.r, y2: height - pad.b, stroke: '#94a3b8' });
  chart.append(axis);
  const maxLabel = svg('text', { x: pad.l - 4, y: pad.t + 8, 'text-anchor': 'end', 'font-size': 9, fill: '#64748b' });
  maxLabel.textContent = String(max);
  chart.append(maxLabel);
  months.forEach((month, i) => {
    const s = byMonth.get(month);
    const x = pad.l + i * bw;
    if (s && s.eventCount > 0) {
      const bh = ((height - pad.t - pad.b) * s.eventCount) / max;
      const bar = svg('rect', { x: x + 1, y: height - pad.b - bh, width: Math.max(1, bw - 2), height: bh, fill: goldsteinColor(s.meanGoldstein), rx: 2 });
      const title = svg('title');
      title.textContent = `${formatMonth(month)}: ${s.eventCount} event(s), mean Goldstein ${s.meanGoldstein.toFixed(1)}${s.events.length ? ` — ${s.events.map((e) => e.name).join('; ')}` : ''}`;
      bar.append(title);
      chart.append(bar);
    }
    if (i === 0 || i === months.length - 1) {
      const label = svg('text', { x: i === 0 ? pad.l : width - pad.r, y: height - 6, 'text-anchor': i === 0 ? 'start' : 'end', 'font-size': 9, fill: '#64748b' });
      label.textContent = formatMonth(month);
      chart.append(label);
    }
  });
  const legend = h('p', { class: 'chart-legend muted' }, 'Bar colour: mean Goldstein score, ', h('span', { class: 'swatch conflict' }), ' conflict … ', h('span', { class: 'swatch coop' }), ' cooperation');
  figure.append(caption, chart, legend);
  return figure;
}
