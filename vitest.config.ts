import { defineConfig } from 'vitest/config';

// Tests run against source: the "@kubetrack/source" export condition points each
// workspace package at its src/index.ts, so no build is needed before testing.
const conditions = ['@kubetrack/source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test-e2e/src/**/*.e2e.test.ts'],
          exclude: ['test-e2e/src/**/*.outage.e2e.test.ts'],
          globalSetup: ['test-e2e/src/harness/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: true,
          maxWorkers: 2,
          // after the unit tests (vitest wants distinct groups for projects with different workers)
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Tests that stop parts of the cluster: run alone, after the others (scripts/test.sh).
        extends: true,
        test: {
          name: 'e2e-outage',
          include: ['test-e2e/src/**/*.outage.e2e.test.ts'],
          globalSetup: ['test-e2e/src/harness/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
