// Graph change notifications: mutations publish, `graphChanged` subscribers (SSE) receive.
import { createPubSub } from 'graphql-yoga';

export interface GraphChangeEvent {
  kind: 'ADDED' | 'UPDATED' | 'REMOVED';
  articleId: string;
  title: string | null;
  entityIds: string[];
  at: string;
}

export function createGraphPubSub() {
  return createPubSub<{ graphChanged: [GraphChangeEvent] }>();
}

export type GraphPubSub = ReturnType<typeof createGraphPubSub>;
