import { defineConfig } from 'vitest/config';

// Two tiers: unit tests need nothing; integration and end-to-end tests need the real Neo4j,
// which the global setup starts (or reuses) once per run.
export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) builds with no "exports" map. Node, and so
    // graphql-yoga loaded from node_modules, takes the CommonJS one; Vite would hand our own
    // files the ESM one, and two copies of graphql refuse each other's schema objects.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // One shared database: files run one after another so their writes stay apart.
          fileParallelism: false,
        },
      },
    ],
  },
});
