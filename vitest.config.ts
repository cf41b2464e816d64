import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the template databases each test file copies its own database from.
    globalSetup: ['test/support/global-setup.ts'],
    // Child processes rather than worker threads: each file's pools and sockets die with its
    // process, and a crash fails one file, not the run.
    pool: 'forks',
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
