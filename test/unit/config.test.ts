import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment: embedded Neo4j on loopback 7687', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.neo4j.embedded).toBe(true);
    expect(c.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(c.neo4j.dataDir).toMatch(/\.data\/neo4j$/);
    expect(c.ingestTokenConfigured).toBe(false);
    expect(c.ingestToken.length).toBeGreaterThanOrEqual(16);
  });

  it('uses an existing Neo4j when NEO4J_URI is set and provisions nothing', () => {
    const c = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USER: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'news' });
    expect(c.neo4j).toMatchObject({ embedded: false, uri: 'neo4j+s://abc.databases.neo4j.io', user: 'u', password: 'p', database: 'news' });
  });

  it('names every invalid variable with its value and the rule it breaks', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NEO4J_BOLT_PORT: '70000', NEO4J_URI: 'http://x', NEO4J_HEAP: 'lots' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty": must be a number');
    expect(message).toContain('NEO4J_BOLT_PORT="70000": must be between 1 and 65535');
    expect(message).toContain('NEO4J_URI="http://x"');
    expect(message).toContain('NEO4J_HEAP="lots"');
  });

  it('refuses a non-loopback address for the embedded Neo4j, which runs without authentication', () => {
    expect(() => loadConfig({ NEO4J_HOST: '0.0.0.0' })).toThrow(/loopback/);
    expect(loadConfig({ NEO4J_HOST: 'localhost' }).neo4j.host).toBe('localhost');
  });

  it('refuses a short ingest token and accepts booleans written several ways', () => {
    expect(() => loadConfig({ INGEST_TOKEN: 'short' })).toThrow(/INGEST_TOKEN.*at least 8/);
    expect(loadConfig({ PUBLIC_QUERIES: 'no', SEED_ON_EMPTY: '0' })).toMatchObject({ publicQueries: false, seedOnEmpty: false });
    expect(() => loadConfig({ SEED_ON_EMPTY: 'maybe' })).toThrow(/SEED_ON_EMPTY.*true or false/);
  });
});
