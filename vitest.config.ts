import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The engine and server tests start real child processes: keep the 2-core machine unhurried.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
