// Live sync: applies the graphChanged subscription's changes to the view one at a time, and
// catches up from the change feed after a disconnection.
import { request } from './api.js';
import { render, toData, type App } from './app.js';
import { byId } from './dom.js';
import { closeDetails } from './details.js';
import { subscribeGraphChanged, type GraphChange } from './live.js';
import { hideEmptyHint, toast } from './notify.js';
import { ChangesSinceQuery, NeighbourhoodQuery } from './operations.js';
import { mergeGraph, removeElements } from './view-state.js';

interface LiveChange {
  kind: GraphChange['kind'];
  articleId: string;
  title?: string | null;
  /** Null when unknown: a removal caught up after a disconnection does not list its entities. */
  entityIds: readonly string[] | null;
  at: string;
}

export function startLiveSync(app: App): void {
  // Changes are applied one at a time, in the order they arrive, so that a burst of events (or
  // a catch-up after a disconnection) never interleaves its reads and writes of the view state.
  let liveQueue: Promise<void> = Promise.resolve();
  const applied = new Set<string>();
  // The server's clock for the last change seen; before any, this page's start: the overview
  // is loaded after it, so it already holds anything older (this trusts the browser's clock to
  // agree with the server's, as NTP-synced machines do).
  let lastChangeAt = new Date().toISOString();

  const enqueue = (change: LiveChange): void => {
    const key = `${change.kind}:${change.articleId}@${change.at}`;
    if (applied.has(key)) return;
    applied.add(key);
    if (change.at > lastChangeAt) lastChangeAt = change.at;
    liveQueue = liveQueue.then(() => applyChange(app, change)).catch(() => undefined);
  };

  /** Events published while the connection was down are lost; the change feed has them. */
  const catchUp = async (): Promise<void> => {
    try {
      const { changes } = await request(ChangesSinceQuery, { since: lastChangeAt });
      // The feed is newest first; apply oldest first.
      for (const { node } of [...changes.edges].reverse()) {
        enqueue({
          kind: node.kind,
          articleId: node.articleId,
          title: node.title,
          entityIds: node.kind === 'REMOVED' ? null : (node.article?.entities.edges.map((e) => e.node.id) ?? []),
          at: node.at,
        });
      }
      if (changes.pageInfo.hasNextPage) toast('Many articles changed while live updates were off: reload to see them all.');
    } catch (err) {
      toast(`Could not catch up on changes: ${(err as Error).message}`, 'error');
    }
  };

  let everConnected = false;
  let disconnected = false;
  subscribeGraphChanged(
    (change) => enqueue(change),
    (connected) => {
      const live = byId('live');
      live.textContent = connected ? '● live' : '○ offline';
      live.title = connected ? 'New articles appear as they are added' : 'Live updates are disconnected; retrying';
      live.className = connected ? 'live on' : 'live';
      if (!connected) {
        disconnected = everConnected;
        return;
      }
      everConnected = true;
      if (disconnected) {
        disconnected = false;
        void catchUp();
      }
    },
  );
}

async function applyChange(app: App, change: LiveChange): Promise<void> {
  const { state, view } = app;
  const title = change.title ?? change.articleId;
  if (change.kind === 'REMOVED') {
    await dropRemoved(app, change.entityIds ?? [...state.graph.nodes.keys()]);
    toast(`Article removed: ${title}`);
    return;
  }
  const entityIds = change.entityIds ?? [];
  toast(`${change.kind === 'ADDED' ? 'New article' : 'Article updated'}: ${title} (${entityIds.length} entities)`);
  const before = new Set(state.graph.nodes.keys());
  for (const id of entityIds.slice(0, 12)) {
    try {
      const data = await request(NeighbourhoodQuery, { id, depth: 1, limit: 30 });
      state.graph = mergeGraph(state.graph, toData(data.neighbourhood)).graph;
    } catch {
      // The entity may be gone again; the others still count.
    }
  }
  const added = render(app);
  view.fadeIn(added);
  await view.layoutNew(added);
  view.markFresh([...state.graph.nodes.keys()].filter((id) => !before.has(id) || entityIds.includes(id)));
  hideEmptyHint(state.graph.nodes.size);
}

/**
 * A removed article lists every entity it mentioned, and some of them live on through other
 * articles: ask the server about each one shown, drop those that are gone, and drop the edges
 * of the survivors that the article alone supported.
 */
async function dropRemoved(app: App, entityIds: readonly string[]): Promise<void> {
  const { state } = app;
  const shown = entityIds.filter((id) => state.graph.nodes.has(id));
  const gone: string[] = [];
  const staleEdges: string[] = [];
  const check = async (id: string): Promise<void> => {
    try {
      const { neighbourhood } = await request(NeighbourhoodQuery, { id, depth: 1, limit: 200 });
      if (!neighbourhood.nodes.some((n) => n.id === id)) {
        gone.push(id);
        return;
      }
      // A truncated answer (too many neighbours, or only each one's strongest edges) does not
      // list every edge, so it cannot prove one is gone.
      if (neighbourhood.truncated || neighbourhood.edgesTruncated) return;
      const current = new Set(neighbourhood.edges.map((e) => e.id));
      for (const e of state.graph.edges.values()) {
        if ((e.source === id || e.target === id) && !current.has(e.id)) staleEdges.push(e.id);
      }
    } catch {
      // Unknown: better a node that may be stale than one dropped while it still exists.
    }
  };
  // A few at a time: a catch-up may have to check every node in view.
  for (let i = 0; i < shown.length; i += 6) await Promise.all(shown.slice(i, i + 6).map(check));
  if (gone.length === 0 && staleEdges.length === 0) return;
  state.graph = removeElements(state.graph, gone, staleEdges);
  const goneSet = new Set(gone);
  state.expansions = state.expansions.map((e) => ({ ...e, addedNodes: e.addedNodes.filter((n) => !goneSet.has(n)) }));
  for (const id of gone) state.hidden.delete(id);
  if (state.selected.some((id) => goneSet.has(id))) {
    state.selected = state.selected.filter((id) => !goneSet.has(id));
    state.path = null;
    app.view.highlight([], []);
    closeDetails();
  }
  render(app);
}
