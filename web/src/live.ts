// The graphChanged subscription over GraphQL-over-SSE ("distinct connections" mode): one
// EventSource per subscription, GET /graphql?query=…; the browser reconnects on its own.
import { GRAPHQL_PATH, queryText } from './api.js';
import { GraphChangedSubscription } from './operations.js';
import type { GraphChangedSubscription as GraphChangedResult } from '../generated/graphql.js';

export type GraphChange = GraphChangedResult['graphChanged'];

export interface LiveHandle {
  close(): void;
}

export function subscribeGraphChanged(onChange: (change: GraphChange) => void, onStatus: (connected: boolean) => void): LiveHandle {
  if (typeof EventSource === 'undefined') return { close() {} };
  const url = `${GRAPHQL_PATH}?query=${encodeURIComponent(queryText(GraphChangedSubscription))}`;
  const source = new EventSource(url);
  const handle = (ev: MessageEvent<string>) => {
    if (!ev.data) return;
    try {
      const payload = JSON.parse(ev.data) as { data?: { graphChanged?: GraphChange } };
      const change = payload.data?.graphChanged;
      if (change) onChange(change);
    } catch {
      // A keep-alive or a message that is not a result: nothing to show.
    }
  };
  source.addEventListener('next', handle as EventListener);
  source.onmessage = handle;
  source.onopen = () => onStatus(true);
  source.onerror = () => onStatus(false);
  return { close: () => source.close() };
}
