import { defineConfig } from 'vitest/config';

// Three tiers, each a project that runs alone: `unit` needs nothing (no Java, no browser),
// `integration` needs the real Neo4j and CoreNLP, `e2e` needs those and Chromium. The global setup
// starts (or reuses) Neo4j and CoreNLP once per run, shared by the two tiers that need them.
const needsServices = {
  globalSetup: ['test/global-setup.ts'],
  // One shared database: files run one after another so their writes stay apart.
  fileParallelism: false,
};

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
    // Projects run in parallel unless ordered: each group below finishes before the next starts,
    // so an integration file and a browser test never write to the shared database at once.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...needsServices, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...needsServices, sequence: { groupOrder: 2 } } },
    ],
  },
});
