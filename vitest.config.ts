import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A throwaway PostgreSQL for the store's contract tests on the second engine.
    globalSetup: ['test/setup/postgres-cluster.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The e2e suites spawn the bot as a child process; two cores is the CI machine.
    maxWorkers: 2,
  },
});
