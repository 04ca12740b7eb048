import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The parts of the benchmark written in TypeScript (they use the photo-set generator of the
// tests) run through vitest with this config; run.js starts them. Never part of `npm test`.
export default defineConfig({
  resolve: {
    alias: {
      '@crosstally/shared': fileURLToPath(new URL('../../packages/shared/src/index.ts', import.meta.url)),
      '@crosstally/migrations': fileURLToPath(new URL('../../migrations/src/index.ts', import.meta.url)),
    },
  },
  test: { include: ['test/bench/**/*.bench-run.ts'], testTimeout: 600_000, reporters: ['dot'] },
});
