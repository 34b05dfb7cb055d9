// What the model is asked for and what is accepted back: names and quotes only, never offsets.
// The JSON schema goes to the endpoint as `response_format`; the zod schemas check the answer.
import { z } from 'zod';
import { RELATION_TYPES } from '../contract.js';

export const ENTITY_TYPES = ['actor', 'issue', 'event', 'place'] as const;
const ACTOR_KINDS = ['person', 'organization', 'country', 'group'] as const;
const STATUSES = ['occurred', 'planned', 'hypothetical', 'negated', 'denied'] as const;

/** JSON schema for `response_format` (strict-mode compatible: every key required, nulls allowed). */
export const MODEL_OUTPUT_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['entities', 'relations'],
  properties: {
    entities: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type', 'kind', 'aliases', 'mentions', 'date', 'eventType', 'status'],
        properties: {
          name: { type: 'string' },
          type: { type: 'string', enum: ENTITY_TYPES },
          kind: { type: ['string', 'null'], enum: [...ACTOR_KINDS, null] },
          aliases: { type: 'array', items: { type: 'string' } },
          mentions: { type: 'array', items: { type: 'string' } },
          date: { type: ['string', 'null'] },
          eventType: { type: ['string', 'null'] },
          status: { type: ['string', 'null'], enum: [...STATUSES, null] },
        },
      },
    },
    relations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'target', 'type', 'evidence', 'confidence'],
        properties: {
          source: { type: 'string' },
          target: { type: 'string' },
          type: { type: 'string', enum: RELATION_TYPES },
          evidence: { type: 'string' },
          confidence: { type: 'number' },
        },
      },
    },
  },
} as const;

// Lenient on shape details models get wrong (missing arrays, nulls), strict on what matters.
const nullish = <T extends z.ZodTypeAny>(t: T) => t.nullish().transform((v) => v ?? undefined);
const ModelEntity = z.object({
  name: z.string().min(1),
  type: z.enum(ENTITY_TYPES),
  kind: nullish(z.enum(ACTOR_KINDS).catch(undefined as never)),
  aliases: z.array(z.string()).nullish().transform((v) => v ?? []),
  mentions: z.array(z.string()).nullish().transform((v) => v ?? []),
  date: nullish(z.string()),
  eventType: nullish(z.string()),
  status: nullish(z.enum(STATUSES).catch(undefined as never)),
});
const ModelRelation = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
  type: z.string().min(1),
  evidence: z.string(),
  confidence: z.number().nullish().transform((v) => (v === undefined || v === null ? 0.7 : Math.min(1, Math.max(0, v)))),
});
export const ModelOutput = z.object({
  entities: z.array(ModelEntity).nullish().transform((v) => v ?? []),
  relations: z.array(ModelRelation).nullish().transform((v) => v ?? []),
});
export type ModelOutput = z.infer<typeof ModelOutput>;

/** The chat-completions envelope around the model's answer. */
export const ChatResponse = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }) }))
    .min(1, 'no choices in the answer'),
});
export type ChatResponse = z.infer<typeof ChatResponse>;
