// All resolvers, typed from server/generated/graphql.ts.
import type { Resolvers } from '../../generated/graphql.js';
import { Actor, Entity, Event, GraphNode, Issue, Node, Place } from './entity.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { Story } from './stories.js';
import { Subscription } from './subscription.js';
import { Article, Change, connections, Evidence, GraphEdge, IngestResult, Participant, RankedEntity, Stance, Stats } from './types.js';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Subscription,
  Node,
  Entity,
  Actor,
  Issue,
  Event,
  Place,
  GraphNode,
  Article,
  Story,
  Evidence,
  GraphEdge,
  Stance,
  Participant,
  Change,
  RankedEntity,
  Stats,
  IngestResult,
  ...connections,
};
