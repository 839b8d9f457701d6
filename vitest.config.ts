import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A browser page on a loaded 2-core machine can take seconds to settle; a poll that waits is not slower
    // when the answer comes at once.
    expect: { poll: { timeout: 15_000 } },
    // Property tests print their seed on failure; reruns use FC_SEED to reproduce.
    reporters: ['default'],
  },
});
