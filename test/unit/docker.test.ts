// docker-compose.yml and the two Dockerfiles, checked without Docker: the compose file parses, the
// app is pointed at the other two services with a configuration loadConfig accepts, every file a
// build copies exists, and the CoreNLP image preloads exactly the project's annotators and options.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../server/config.js';
import { CORENLP_ANNOTATORS, CORENLP_PROPERTIES } from '../../server/nlp/corenlp/properties.js';

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const read = (p: string) => readFileSync(path.join(PROJECT_ROOT, p), 'utf8');
const compose = yaml.load(read('docker-compose.yml')) as { services: Record<string, Service> };
const { neo4j, corenlp, app } = compose.services;

/** The files a Dockerfile's COPY lines take from the build context (not from another stage). */
function copiedFrom(dockerfile: string): string[] {
  return read(dockerfile)
    .split('\n')
    .filter((l) => /^COPY\s/.test(l) && !l.includes('--from='))
    .map((l) => l.trim().split(/\s+/).slice(1, -1))
    .flat();
}

describe('docker-compose.yml', () => {
  it('runs Neo4j, CoreNLP and the app, the app once both are healthy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'corenlp', 'neo4j']);
    expect(neo4j!.image).toMatch(/^neo4j:5\.26/);
    for (const s of [neo4j!, corenlp!]) expect(s.healthcheck?.test.length).toBeGreaterThan(0);
    expect(app!.depends_on).toEqual({ neo4j: { condition: 'service_healthy' }, corenlp: { condition: 'service_healthy' } });
  });

  it('points the app at the other services with a configuration loadConfig accepts', () => {
    const env = { ...app!.environment };
    delete env['INGEST_TOKEN']; // ${INGEST_TOKEN:-}: compose fills it in
    const config = loadConfig(env);
    expect(config.neo4j).toMatchObject({ embedded: false, uri: 'bolt://neo4j:7687' });
    expect(config.corenlp).toMatchObject({ external: true, urls: ['http://corenlp:9000'] });
    expect(`${config.neo4j.user}/${config.neo4j.password}`).toBe(neo4j!.environment!['NEO4J_AUTH']);
    expect(config.host).toBe('0.0.0.0');
  });

  it('publishes every port on loopback only', () => {
    for (const s of Object.values(compose.services)) for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
  });

  it('builds from files that exist', () => {
    const builds = [app!.build, corenlp!.build].map((b) => (typeof b === 'string' ? path.join(b, 'Dockerfile') : path.join(b!.context, b!.dockerfile ?? 'Dockerfile')));
    expect(builds).toEqual(['Dockerfile', 'docker/corenlp/Dockerfile']);
    for (const dockerfile of builds) {
      for (const source of copiedFrom(dockerfile)) if (source !== '.') expect(existsSync(path.join(PROJECT_ROOT, source)), `${dockerfile}: COPY ${source}`).toBe(true);
    }
  });

  it('the CoreNLP image preloads exactly the project\'s annotators and properties', () => {
    const props = Object.fromEntries(
      read('docker/corenlp/server.properties')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => l.split(/\s*=\s*/, 2) as [string, string]),
    );
    expect(props).toEqual(CORENLP_PROPERTIES);
    expect(read('docker/corenlp/Dockerfile')).toContain(`-preload ${CORENLP_ANNOTATORS} `);
  });
});
