import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // The run gets a temporary HOME, and fails if a test writes into it (scripts/test-home.js).
    globalSetup: ['test/support/test-home-setup.ts'],
  },
});
