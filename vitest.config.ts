// Two projects: `self` is the project's own tests (npm test); `suites` is the conformance suites, so that
// `npx vitest run suites` (with TFE_* set, or none for the embedded emulator) runs them as the CLI does.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'self',
          include: ['test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      './vitest.suites.config.ts',
    ],
  },
});
