import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('moderation configuration', () => {
  test('defaults: no Akismet, the public Akismet endpoint, a 3-second fill time, 12-hour admin sessions', () => {
    expect(loadConfig({})).toMatchObject({ akismetKey: '', akismetUrl: 'https://rest.akismet.com', minFillMs: 3000, adminSessionMs: 12 * 3_600_000 });
  });

  test('reads AKISMET_KEY, AKISMET_URL, MIN_FILL_SECONDS and ADMIN_SESSION_HOURS', () => {
    expect(loadConfig({ AKISMET_KEY: 'abc123def456', AKISMET_URL: 'http://127.0.0.1:9000/', MIN_FILL_SECONDS: '0', ADMIN_SESSION_HOURS: '1' })).toMatchObject({
      akismetKey: 'abc123def456',
      akismetUrl: 'http://127.0.0.1:9000',
      minFillMs: 0,
      adminSessionMs: 3_600_000,
    });
  });

  test.each([
    ['AKISMET_KEY', 'not a key!'],
    ['AKISMET_URL', 'rest.akismet.com'],
    ['MIN_FILL_SECONDS', '-1'],
    ['ADMIN_SESSION_HOURS', '0'],
  ])('an invalid %s (%s) stops start-up naming it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable} `));
  });
});
