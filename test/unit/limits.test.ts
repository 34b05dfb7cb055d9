// The query limits' arithmetic without a server: depth and cost follow fragments once each, so a
// document whose fragments spread each other 2^n times is measured in time linear in its length,
// and article texts weigh what they can weigh.
import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costOf, depthOf, jsonSizeUpTo } from '../../server/graphql/limits/index.js';
import { SCHEMA_PATH } from '../../server/graphql/yoga.js';

const schema = buildSchema(readFileSync(SCHEMA_PATH, 'utf8'));

function measure(query: string, variables: Record<string, unknown> = {}) {
  const doc = parse(query, { maxTokens: 100_000 });
  const fragments = new Map(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { depth: depthOf(op.selectionSet, fragments), cost: costOf(schema, op.selectionSet, schema.getQueryType()!, fragments, variables) };
}

function fanOut(n: number): string {
  let q = 'query { ...F0 }';
  for (let i = 0; i < n; i++) q += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${q} fragment F${n} on Query { stats { articles } }`;
}

describe('query limits', () => {
  it('a fragment fan-out costs what it would execute (2^n), measured without walking 2^n spreads', () => {
    expect(measure(fanOut(10)).cost).toBe(2 ** 10 * 2);
    const started = Date.now();
    const big = measure(fanOut(1_000));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(big.cost).toBeGreaterThan(1e300);
    expect(big.depth).toBe(2);
  });

  it('article texts under nested pages multiply their weight', () => {
    const { cost } = measure('{ node(id: "a") { ... on Article { entities(first: 20) { edges { node { evidence(first: 20) { edges { node { article { text } } } } } } } } } }');
    expect(cost).toBeGreaterThan(20 * 20 * 50);
    expect(measure('{ node(id: "a") { ... on Article { text } } }').cost).toBe(51);
  });

  it('page sizes given as variables count', () => {
    const q = 'query($n: Int) { search(query: "x", first: $n) { edges { node { id } } } }';
    expect(measure(q, { n: 100 }).cost).toBeGreaterThan(measure(q, { n: 1 }).cost * 50);
  });

  it('the size of an answer is counted until it passes the limit, without building the JSON', () => {
    const text = 'x'.repeat(1_000_000);
    const answer = { data: { list: Array.from({ length: 1_000 }, () => ({ text })) } };
    expect(jsonSizeUpTo(answer, 5_000_000)).toBe(5_000_001);
    expect(jsonSizeUpTo({ a: 'b' }, 100)).toBeLessThan(20);
  });
});
