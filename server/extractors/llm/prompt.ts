// The request the model gets for one chunk: the instructions, the article's metadata (so relative
// dates resolve against the publication date) and the chunk's text.
import type { ArticleMeta } from '../contract.js';
import { RELATION_TYPES } from '../contract.js';
import { MODEL_OUTPUT_JSON_SCHEMA } from './schema.js';

export const SYSTEM_PROMPT = `You extract a knowledge graph from one news article excerpt.
Return JSON only, matching the given schema.
entities: every actor (kind: person, organization, country or group), issue (a policy topic such as "tariffs" or "intellectual property"), event (something that happened, is planned, or is hypothetical; give date as YYYY, YYYY-MM or YYYY-MM-DD when the text says when, resolving relative dates against the publication date; eventType a short verb phrase like "meeting", "talks", "sanction"), and place.
For each entity give "mentions": the exact strings as they appear in the text (copy them character for character), and "aliases": other names for it in the text.
relations: facts between two entities named exactly as in "entities". type is one of: ${RELATION_TYPES.join(', ')}.
"evidence" must be the full sentence from the text that states the fact, copied exactly, character for character. Do not paraphrase. Leave out any fact you cannot quote.
confidence is between 0 and 1.`;

/** The chat-completions body for one chunk of an article. */
export function chatRequest(model: string, chunkText: string, meta: ArticleMeta) {
  const context = [
    meta.title ? `Title: ${meta.title}` : '',
    meta.publishedAt ? `Published: ${meta.publishedAt}` : '',
    meta.source ? `Source: ${meta.source}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    model,
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: `${context}\n\nText:\n${chunkText}` },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'extraction', strict: true, schema: MODEL_OUTPUT_JSON_SCHEMA } },
  };
}
