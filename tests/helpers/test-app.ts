import { loadConfig } from '../../server/config.ts';
import { createTestRepos } from './test-repos.ts';
import type { Db } from '../../server/db/open.ts';
import { createApp, type AppOptions } from '../../server/app.ts';
import { bearerAccounts } from '../../server/auth/sessions.ts';

/**
 * A fresh app on an empty database — in-memory SQLite, or in the `postgres`
 * test project a PostgreSQL schema of its own — with a clock the test can move.
 * `sql` reaches the tables directly on either engine; `db` is SQLite's handle (SQLite-only tests).
 */
type TestOptions = Partial<AppOptions> | ((repos: AppOptions['repos'], clock: () => number) => Partial<AppOptions>);

/** `options` may be made from the test's repositories and clock (a fetcher of its own that uses them). */
export function createTestApp(env: Record<string, string> = {}, options: TestOptions = {}) {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', GRAVATAR_URL: 'off', ...env });
  const { repos, sql, sqlite } = createTestRepos({ mail: config.mail !== null });
  const time = { now: Date.parse('2026-11-21T12:00:00Z') };
  const clock = () => time.now;
  const app = createApp({
    config,
    repos,
    secret: 'test-secret-'.padEnd(48, 'x'),
    clock,
    log: () => {},
    accountOf: bearerAccounts(repos.accounts, clock),
    ...(typeof options === 'function' ? options(repos, clock) : options),
  });

  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const testApp = {
    app,
    repos,
    config,
    time,
    request,
    sql,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => request('POST', path, body, headers),
    /** Posts a guest comment and returns the parsed answer with its status. */
    async comment(fields: Record<string, unknown> = {}, headers?: Record<string, string>) {
      const response = await request(
        'POST',
        '/api/comments',
        {
          page: '/post/',
          title: 'A post',
          text: 'Hello there',
          author: { name: 'Ada', email: 'ada@example.com' },
          ...fields,
        },
        headers,
      );
      return { status: response.status, body: (await response.json()) as any };
    },
  };
  // Not enumerable: helpers that spread a test app (mail-app.ts) do not touch it on PostgreSQL.
  Object.defineProperty(testApp, 'db', {
    get() {
      if (!sqlite) throw new Error('this test reaches into SQLite: it runs on SQLite only');
      return sqlite;
    },
  });
  return testApp as typeof testApp & { readonly db: Db };
}

export type TestApp = ReturnType<typeof createTestApp>;
