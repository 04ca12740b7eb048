import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests, so a test never runs
// against a stale dist/.
const resolve = {
  alias: {
    '@crosstally/shared': fileURLToPath(new URL('packages/shared/src/index.ts', import.meta.url)),
    '@crosstally/migrations': fileURLToPath(new URL('migrations/src/index.ts', import.meta.url)),
  },
};

export default defineConfig({
  resolve,
  test: {
    // Vitest's default is one worker fewer than the cores: one, on the 2-core CI machine.
    // Most files wait on PostgreSQL, Redis, a spawned worker or chromium, so two at a time
    // keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One chromium at a time: two would fight over two cores with the API under test.
          fileParallelism: false,
        },
      },
    ],
  },
});
