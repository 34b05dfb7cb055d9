// The details panel: one entity (kind, aliases, roles, events, issues, evidence), one edge,
// or two selected nodes (relations chart and shortest paths). Built with textContent only.
import type { EntityDetailsQuery, PathsQuery, RelationsOverTimeQuery } from '../generated/graphql.js';
import { relationsChart } from './chart.js';
import { formatDate } from './dates.js';
import { h, type Child } from './dom.js';
import { highlightSegments, highlightTerms } from './highlight.js';
import { NODE_LOOKS } from './style.js';
import { relationLabel, type EdgeData, type NodeData } from './to-elements.js';

export type EntityDetails = NonNullable<EntityDetailsQuery['node']>;
export type PathResult = PathsQuery['paths'][number];
export type MonthScores = RelationsOverTimeQuery['relationsOverTime'];

export interface PanelActions {
  focus(id: string): void;
  expand(id: string): void;
  collapse(id: string): void;
  hide(id: string): void;
  connect(id: string): void;
  findPaths(a: string, b: string): void;
  /** From the map: back to the graph with this node selected. */
  showOnGraph(id: string): void;
  /** From the graph: the map, zoomed to this place or event. */
  showOnMap(id: string): void;
  close(): void;
}

export function lookOf(node: Pick<NodeData, 'type' | 'kind'>): { label: string; color: string; key: string } {
  const key = node.type === 'ACTOR' ? (node.kind ?? 'PERSON') : node.type;
  const look = NODE_LOOKS[key] ?? NODE_LOOKS.PERSON!;
  return { label: look.label, color: look.color, key };
}

function badge(node: Pick<NodeData, 'type' | 'kind'>, extra?: string): HTMLElement {
  const look = lookOf(node);
  return h('span', { class: `badge shape-${look.key.toLowerCase()}`, style: `--c: ${look.color}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), extra ? `${look.label} · ${extra}` : look.label);
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel-section' }, h('h3', {}, title), ...children);
}

function entityLink(actions: PanelActions, id: string, name: string, note?: string): HTMLElement {
  return h('li', {}, h('button', { class: 'link', type: 'button', onclick: () => actions.focus(id) }, name), note ? h('span', { class: 'muted' }, ` ${note}`) : null);
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

type EvidenceEdges = EntityDetails extends infer T ? (T extends { evidence: infer E } ? E : never) : never;

function evidenceList(evidence: EvidenceEdges, terms: string[]): HTMLElement {
  if (evidence.edges.length === 0) return h('p', { class: 'muted' }, 'No evidence sentences.');
  const list = h('ol', { class: 'evidence' });
  for (const { node: ev } of evidence.edges) {
    const quote = h('blockquote', {});
    for (const seg of highlightSegments(ev.sentence, terms)) quote.append(seg.mark ? h('mark', {}, seg.text) : document.createTextNode(seg.text));
    const a = ev.article;
    const url = safeUrl(a.url);
    const title = a.title ?? 'Untitled article';
    const cite = h(
      'p',
      { class: 'cite' },
      h('span', { class: 'rel' }, relationLabel(ev.relationType)),
      ' ',
      url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, title) : h('cite', {}, title),
      a.source ? ` — ${a.source}` : '',
      a.publishedAt ? `, ${formatDate(a.publishedAt)}` : '',
    );
    list.append(h('li', {}, quote, cite));
  }
  return list;
}

type EventItem = { id: string; name: string; date: string | null; status: string | null; typeLabel: string; articleCount: number; sources: string[] };
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Happenings by date, each with its type and how many articles and outlets report it. */
function eventList(actions: PanelActions, events: { edges: { node: EventItem }[] }): HTMLElement {
  const sorted = [...events.edges].map((e) => e.node).sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  if (sorted.length === 0) return h('p', { class: 'muted' }, 'No events.');
  return h('ul', { class: 'events' }, ...sorted.map((e) => h('li', {},
    h('time', {}, formatDate(e.date) || 'undated'), ' ',
    h('button', { class: 'link', type: 'button', onclick: () => actions.focus(e.id) }, e.name),
    e.status && e.status !== 'OCCURRED' ? h('span', { class: 'muted' }, ` (${e.status.toLowerCase()})`) : null,
    h('span', { class: 'muted' }, ` · ${e.typeLabel} · ${plural(e.articleCount, 'article')}${e.sources.length ? `, ${plural(e.sources.length, 'outlet')}` : ''}`),
  )));
}

/** 39.91° N, 116.40° E */
export function formatCoordinates(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(2)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(2)}° ${lon >= 0 ? 'E' : 'W'}`;
}

function actionBar(actions: PanelActions, id: string, located: boolean): HTMLElement {
  return h(
    'div',
    { class: 'panel-actions', role: 'toolbar', 'aria-label': 'Node actions' },
    h('button', { type: 'button', id: 'expand-node', onclick: () => actions.expand(id), title: 'Load neighbours (E or double-click)' }, 'Expand'),
    h('button', { type: 'button', onclick: () => actions.collapse(id), title: 'Remove neighbours that hang only on this node' }, 'Collapse'),
    h('button', { type: 'button', onclick: () => actions.hide(id), title: 'Hide this node (H)' }, 'Hide'),
    h('button', { type: 'button', id: 'connect-node', onclick: () => actions.connect(id), title: 'Pick a second node to find the shortest paths' }, 'Connect to…'),
    h('button', { type: 'button', id: 'show-on-graph', class: 'map-only', onclick: () => actions.showOnGraph(id), title: 'Switch to the graph with this node selected' }, 'Show on graph'),
    located ? h('button', { type: 'button', id: 'show-on-map', class: 'graph-only', onclick: () => actions.showOnMap(id), title: 'Switch to the map, zoomed to where this is' }, 'Show on map') : null,
  );
}

export function renderEntity(panel: HTMLElement, details: EntityDetails, actions: PanelActions): void {
  if (details.__typename === 'Article') return;
  const node = { type: details.type, kind: details.__typename === 'Actor' ? details.kind : undefined } as Pick<NodeData, 'type' | 'kind'>;
  const terms = highlightTerms(details.name, details.aliases, details.__typename === 'Actor' && details.kind === 'PERSON');
  const head = h(
    'header',
    { class: 'panel-head' },
    badge(node, details.__typename === 'Event' ? details.eventType.toLowerCase().replace(/_/g, ' ') : undefined),
    h('h2', { id: 'details-title' }, details.name),
    details.aliases.length ? h('p', { class: 'aliases' }, 'Also: ', details.aliases.join(', ')) : null,
    h('p', { class: 'muted' }, `Connected to ${details.degree} ${details.degree === 1 ? 'entity' : 'entities'}`),
    h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: () => actions.close() }, '×'),
  );
  const body: Child[] = [];
  if (details.__typename === 'Actor') {
    if (details.roles.length) body.push(section('Roles', h('ul', {}, ...details.roles.map((r) => entityLink(actions, r.organization.id, r.organization.name, `— ${r.title ?? relationLabel(r.relationType)}`)))));
    body.push(section(`Events (${details.events.totalCount})`, eventList(actions, details.events)));
    if (details.issues.edges.length) body.push(section('Issues', h('ul', { class: 'chips' }, ...details.issues.edges.map((e) => entityLink(actions, e.node.id, e.node.name)))));
    if (details.stances.edges.length)
      body.push(section('Stances', h('ul', {}, ...details.stances.edges.map(({ node: s }) => entityLink(actions, s.issue.id, s.issue.name, `${relationLabel(s.stance)}${s.date ? `, ${formatDate(s.date)}` : ''}`)))));
  } else if (details.__typename === 'Event') {
    const facts = h('dl', { class: 'facts' });
    const fact = (k: string, v: string | null | undefined) => v && facts.append(h('dt', {}, k), h('dd', {}, v));
    fact('Date', formatDate(details.date) || 'undated');
    fact('Status', details.status?.toLowerCase());
    fact('Goldstein', details.goldstein != null ? `${details.goldstein > 0 ? '+' : ''}${details.goldstein.toFixed(1)} (${details.goldstein >= 0 ? 'cooperation' : 'conflict'})` : null);
    fact('Amounts', details.amounts.map((a) => a.text).join(', ') || null);
    body.push(facts);
    body.push(section('Participants', details.participants.length ? h('ul', {}, ...details.participants.map((p) => entityLink(actions, p.actor.id, p.actor.name, `— ${relationLabel(p.role)}`))) : h('p', { class: 'muted' }, 'None recorded.')));
    if (details.places.length) body.push(section('Places', h('ul', {}, ...details.places.map((p) => entityLink(actions, p.id, p.name)))));
    if (details.eventIssues.length) body.push(section('Issues', h('ul', { class: 'chips' }, ...details.eventIssues.map((i) => entityLink(actions, i.id, i.name)))));
  } else if (details.__typename === 'Issue') {
    body.push(section('Actors', details.actors.edges.length ? h('ul', {}, ...details.actors.edges.map((e) => entityLink(actions, e.node.id, e.node.name))) : h('p', { class: 'muted' }, 'None recorded.')));
    body.push(section(`Events (${details.events.totalCount})`, eventList(actions, details.events)));
  } else if (details.__typename === 'Place') {
    const facts = h('dl', { class: 'facts', id: 'place-facts' });
    const fact = (k: string, v: string | null | undefined) => v && facts.append(h('dt', {}, k), h('dd', {}, v));
    fact('Kind', details.placeKind);
    fact('Country', details.countryCode);
    fact('Coordinates', details.latitude != null && details.longitude != null ? formatCoordinates(details.latitude, details.longitude) : 'not in the gazetteer');
    body.push(facts);
    body.push(section(`Events here (${details.events.totalCount})`, eventList(actions, details.events)));
  }
  body.push(section(`Evidence (${details.evidence.totalCount})`, evidenceList(details.evidence, terms)));
  const located = (details.__typename === 'Place' || details.__typename === 'Event') && details.latitude != null && details.longitude != null;
  panel.replaceChildren(head, actionBar(actions, details.id, located), h('div', { class: 'panel-body', id: 'evidence-panel' }, ...body));
}

/** The relations folded into one drawn edge (strongest first), each with its corroboration. */
export function renderEdge(panel: HTMLElement, edges: readonly EdgeData[], source: NodeData | undefined, target: NodeData | undefined, actions: PanelActions): void {
  const first = edges[0];
  if (!first) return;
  const facts = (edge: EdgeData) => {
    const dl = h('dl', { class: 'facts' });
    dl.append(h('dt', {}, 'Evidence'), h('dd', {}, `${edge.evidenceCount} sentence(s) in ${edge.articleCount} article(s)`));
    if (edge.sources.length) dl.append(h('dt', {}, 'Outlets'), h('dd', {}, edge.sources.join(', ')));
    if (edge.firstSeen) dl.append(h('dt', {}, 'First seen'), h('dd', {}, formatDate(edge.firstSeen)));
    dl.append(h('dt', {}, 'Confidence'), h('dd', {}, `${Math.round(edge.confidence * 100)}%`));
    return dl;
  };
  const title = edges.length === 1 ? relationLabel(first.type) : `${edges.length} relations`;
  const body =
    edges.length === 1
      ? [facts(first)]
      : edges.map((e) => h('section', { class: 'relation' }, h('h3', {}, `${relationLabel(e.type)} (${e.source === first.source ? '→' : '←'})`), facts(e)));
  panel.replaceChildren(
    h('header', { class: 'panel-head' }, h('span', { class: 'badge' }, 'Relation'), h('h2', { id: 'details-title' }, title), h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: () => actions.close() }, '×')),
    h('div', { class: 'panel-body' }, h('ul', {}, entityLink(actions, first.source, source?.label ?? first.source, '(from)'), entityLink(actions, first.target, target?.label ?? first.target, '(to)')), ...body, h('p', { class: 'muted' }, 'Open either end to read the sentences behind this relation.')),
  );
}

export interface PairView {
  a: NodeData;
  b: NodeData;
  scores: MonthScores | null;
  paths: PathResult[] | null;
  pathsLoading: boolean;
  error: string | null;
}

export function renderPair(panel: HTMLElement, pair: PairView, actions: PanelActions): void {
  const { a, b } = pair;
  const body: Child[] = [];
  body.push(
    h('div', { class: 'panel-actions' }, h('button', { type: 'button', id: 'find-paths', onclick: () => actions.findPaths(a.id, b.id) }, 'Find shortest paths')),
  );
  if (pair.error) body.push(h('p', { class: 'error', role: 'alert' }, pair.error));
  if (pair.pathsLoading) body.push(h('p', { class: 'loading' }, 'Looking for paths…'));
  if (pair.paths) {
    if (pair.paths.length === 0) body.push(h('p', { class: 'muted', id: 'paths-result' }, `No connection within 4 hops between ${a.label} and ${b.label}.`));
    else
      body.push(
        section(
          `Shortest paths (${pair.paths.length})`,
          h(
            'ol',
            { class: 'paths', id: 'paths-result' },
            ...pair.paths.map((p, i) => {
              const names = new Map(p.nodes.map((n) => [n.id, n.name]));
              return h(
                'li',
                {},
                h('strong', {}, `Path ${i + 1}: ${p.length} hop${p.length === 1 ? '' : 's'}`),
                h(
                  'ol',
                  { class: 'hops' },
                  ...p.hops.map((hop) => {
                    const ev = hop.edge.evidence[0];
                    return h(
                      'li',
                      {},
                      h('span', {}, `${names.get(hop.edge.source) ?? hop.edge.source} `),
                      h('span', { class: 'rel' }, relationLabel(hop.edge.type)),
                      h('span', {}, ` ${names.get(hop.edge.target) ?? hop.edge.target}`),
                      ev ? h('blockquote', {}, ev.sentence) : null,
                      ev ? h('p', { class: 'cite' }, ev.article.title ?? 'Untitled', ev.article.source ? ` — ${ev.article.source}` : '', ev.article.publishedAt ? `, ${formatDate(ev.article.publishedAt)}` : '') : null,
                    );
                  }),
                ),
              );
            }),
          ),
        ),
      );
  }
  if (a.type === 'ACTOR' && b.type === 'ACTOR') {
    body.push(section('Relations over time', pair.scores ? relationsChart(pair.scores, [a.label, b.label]) : h('p', { class: 'loading' }, 'Loading…')));
  }
  panel.replaceChildren(
    h(
      'header',
      { class: 'panel-head' },
      h('span', { class: 'badge' }, 'Two selected'),
      h('h2', { id: 'details-title' }, `${a.label} ↔ ${b.label}`),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: () => actions.close() }, '×'),
    ),
    h('div', { class: 'panel-body' }, h('ul', {}, entityLink(actions, a.id, a.label), entityLink(actions, b.id, b.label)), ...body),
  );
}

export function renderMessage(panel: HTMLElement, title: string, message: string, kind: 'loading' | 'error', actions: PanelActions): void {
  panel.replaceChildren(
    h('header', { class: 'panel-head' }, h('h2', { id: 'details-title' }, title), h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: () => actions.close() }, '×')),
    h('p', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, message),
  );
}
