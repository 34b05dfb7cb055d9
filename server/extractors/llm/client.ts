// Talking to an OpenAI-compatible chat-completions endpoint (Ollama, vLLM, hosted APIs): one
// request per chunk, every way it can fail turned into an LlmExtractorError with a code.
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { ArticleMeta } from '../contract.js';
import { LlmExtractorError } from './errors.js';
import { chatRequest } from './prompt.js';
import { ChatResponse, ModelOutput } from './schema.js';

function parseModelJson(content: string): unknown {
  const trimmed = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    // Some models wrap the object in prose; take the outermost braces.
    const first = trimmed.indexOf('{');
    const last = trimmed.lastIndexOf('}');
    if (first >= 0 && last > first) return JSON.parse(trimmed.slice(first, last + 1));
    throw new SyntaxError('no JSON object in the answer');
  }
}

function describe(err: unknown): string {
  if (err instanceof z.ZodError) return err.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return (err as Error).message;
}

/** Asks the model about one chunk of text and returns its checked answer. */
export async function askModel(llm: Config['llm'], chunkText: string, meta: ArticleMeta, doFetch: typeof fetch): Promise<ModelOutput> {
  const url = `${llm.baseUrl}/chat/completions`;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}) },
      body: JSON.stringify(chatRequest(llm.model, chunkText, meta)),
      signal: AbortSignal.timeout(llm.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new LlmExtractorError('timeout', `LLM endpoint ${url} gave no answer within ${llm.timeoutMs} ms (LLM_TIMEOUT_MS)`, { cause: err });
    }
    throw new LlmExtractorError(
      'unreachable',
      `LLM endpoint ${url} is unreachable (${e.cause?.code ?? e.message}); is the model server running? Set LLM_BASE_URL to its OpenAI-compatible /v1 address`,
      { cause: err },
    );
  }
  let raw: string;
  try {
    raw = await res.text();
  } catch (err) {
    throw new LlmExtractorError('unreachable', `LLM endpoint ${url} closed the connection: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) {
    throw new LlmExtractorError('http-error', `LLM endpoint ${url} answered ${res.status} ${res.statusText}: ${raw.slice(0, 300)}`);
  }
  let envelope: ChatResponse;
  try {
    envelope = ChatResponse.parse(JSON.parse(raw));
  } catch (err) {
    throw new LlmExtractorError('invalid-response', `LLM endpoint ${url} did not answer like chat completions: ${describe(err)}`, { cause: err });
  }
  const content = envelope.choices[0]!.message.content ?? '';
  try {
    return ModelOutput.parse(parseModelJson(content));
  } catch (err) {
    throw new LlmExtractorError(
      'invalid-response',
      `model ${llm.model} returned output that is not the extraction JSON (${describe(err)}): ${content.slice(0, 200)}`,
      { cause: err },
    );
  }
}
