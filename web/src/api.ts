// A small typed GraphQL client over fetch: the typed documents codegen generates carry the
// result and variable types, so every call site is checked against schema.graphql.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export const GRAPHQL_PATH = '/graphql';

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const printed = new WeakMap<object, string>();

/** The query text of a document: codegen emits either DocumentNode objects or strings. */
export function queryText(doc: TypedDocumentNode<unknown, never> | DocumentNode | string): string {
  if (typeof doc === 'string') return doc;
  if (doc instanceof String) return doc.toString();
  let text = printed.get(doc);
  if (text === undefined) {
    text = print(doc as DocumentNode);
    printed.set(doc, text);
  }
  return text;
}

export interface RequestOptions {
  token?: string | undefined;
  signal?: AbortSignal | undefined;
}

export async function request<TResult, TVariables>(
  doc: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: queryText(doc as TypedDocumentNode<unknown, never>), variables }),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new GraphQLRequestError('The server cannot be reached. Is it running?', 'NETWORK', undefined);
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new GraphQLRequestError(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`, 'BAD_RESPONSE', response.status);
  }
  const first = body.errors?.[0];
  if (first) throw new GraphQLRequestError(first.message, first.extensions?.code, response.status);
  if (body.data == null) throw new GraphQLRequestError('The server returned no data.', 'NO_DATA', response.status);
  return body.data;
}
