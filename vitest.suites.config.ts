// The conformance suites. The CLI runs them through vitest's Node API; `npx vitest run --config
// vitest.suites.config.ts` (or `npx vitest run suites`) with the same environment runs them too.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'suites',
    include: ['suites/**/*.test.ts'],
    globalSetup: ['src/runner/global-setup.ts'],
    // One file at a time: a free organization holds one run task, and remote targets want a kind load.
    fileParallelism: false,
    pool: 'threads',
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    sequence: { shuffle: false },
  },
});
