import { defineConfig } from 'vitest/config';
import { INSTALL_HINT, postgresBin } from './tests/helpers/pg-cluster.ts';

const include = ['server/**/*.test.ts', 'widget/**/*.test.{ts,tsx}', 'admin/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'];
/** The contract suite runs a second time on PostgreSQL, with what only PostgreSQL has (several servers on one database). */
const postgresInclude = [
  'tests/contract/**/*.test.ts',
  'tests/postgres/**/*.test.ts',
  // Attacks on what each engine stores and reads (they reach tables only through t.sql).
  'tests/security/one-thread-cannot-exhaust-the-server.test.ts',
  'tests/security/edits-are-moderated-like-new-comments.test.ts',
  'tests/security/first-poster-cannot-close-a-thread.test.ts',
  'tests/security/thread-title-comes-from-the-blog.test.ts',
  'tests/security/webhook-payloads-hold-no-email-or-address.test.ts',
  'tests/security/recent-comments-show-only-published-comments-of-their-site.test.ts',
  'tests/security/only-moderators-pin-comments.test.ts',
  'tests/security/email-sign-in-links-work-once.test.ts',
  'tests/security/only-moderators-moderate-from-the-widget.test.ts',
];

// Without PostgreSQL installed the second run is skipped locally, saying how to install it; CI never skips.
const withPostgres = postgresBin() !== null || process.env.CI === 'true';
if (!withPostgres) console.warn(`[parley] ${INSTALL_HINT}`);

export default defineConfig({
  // The hashed chunk names the build compiles into embed.js (widget/chunks.ts): none in unit tests.
  define: { __PARLEY_CHUNKS__: '{}', __PARLEY_MODERATE__: '"moderate.js"' },
  test: {
    // The end-to-end tests run the compiled server: compiled again when server/ changed.
    globalSetup: ['tests/helpers/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A browser and a server share two cores with the other test files: what a test waits for to appear
    // (expect.poll) may take a few seconds under that load, not the 1 s default (CI saw a count arrive later).
    expect: { poll: { timeout: 5_000 } },
    // End-to-end files each start a server and a browser; two cores, so keep the parallelism modest.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'sqlite', include, exclude: ['tests/postgres/**', 'node_modules/**'] } },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: postgresInclude,
                globalSetup: ['tests/helpers/build-once.ts', 'tests/helpers/pg-global-setup.ts'],
                setupFiles: ['tests/helpers/pg-file-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
