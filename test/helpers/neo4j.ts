// What integration tests use to reach the database the global setup started.
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import { createDb, type Db } from '../../server/db/driver.js';

/** The configuration the tests run with: the environment, pointed at the test database. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const base = loadConfig({ ...process.env, ...overrides });
  const corenlp = overrides['CORENLP_URL'] ? base.corenlp : { ...base.corenlp, urls: inject('corenlpUrls') };
  return { ...base, neo4j: { ...base.neo4j, uri: inject('neo4jUri') }, corenlp };
}

export function openTestDb(overrides: Record<string, string> = {}): Db {
  return createDb(testConfig(overrides));
}

/** A prefix unique to one test run, for ids of everything a test creates. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
