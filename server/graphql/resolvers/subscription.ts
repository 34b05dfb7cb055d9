import type { SubscriptionResolvers } from '../../generated/graphql.js';
import type { GraphChangeEvent } from '../../pubsub.js';

export const Subscription: SubscriptionResolvers = {
  graphChanged: {
    subscribe: (_p, _a, ctx) => ctx.pubsub.subscribe('graphChanged'),
    resolve: (event: GraphChangeEvent) => event,
  },
};
