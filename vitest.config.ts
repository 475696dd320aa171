import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The hashed chunk names the build compiles into embed.js (widget/chunks.ts): none in unit tests.
  define: { __PARLEY_CHUNKS__: '{}' },
  test: {
    include: ['server/**/*.test.ts', 'widget/**/*.test.{ts,tsx}', 'admin/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    // The end-to-end tests run the compiled server: compiled again when server/ changed.
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end files each start a server and a browser; two cores, so keep the parallelism modest.
    maxWorkers: 2,
  },
});
