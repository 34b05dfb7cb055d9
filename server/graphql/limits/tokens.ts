// MAX_TOKENS: the parser itself stops after this many tokens, so a huge document costs no more
// than that to refuse (graphql-js reports it as a syntax error).
import { parse } from 'graphql';

export function parseWithTokenLimit(maxTokens: number): typeof parse {
  return (source, options) => parse(source, { ...options, maxTokens });
}
