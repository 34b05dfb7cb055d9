// Placeholder until the graph write side lands; replaced by the ingest/remove resolvers.
import type { MutationResolvers } from '../generated/graphql.js';
export const Mutation: MutationResolvers = {};
