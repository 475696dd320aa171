import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  test('runs with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      databasePath: './data/parley.db',
      publicUrl: '',
      siteOrigins: [],
      requireNameEmail: true,
      editWindowMs: 15 * 60_000,
      maxDepth: 5,
      rateLimitPerMinute: 5,
      trustProxy: false,
      maxTextLength: 10_000,
    });
  });

  test('reads every variable', () => {
    const config = loadConfig({
      PORT: '3000',
      DATABASE_PATH: '/var/lib/parley.db',
      PUBLIC_URL: 'https://comments.example.com/',
      SITE_ORIGINS: 'https://blog.example.com, https://www.example.com/path',
      REQUIRE_NAME_EMAIL: 'false',
      EDIT_WINDOW_MINUTES: '30',
      MAX_DEPTH: '10',
      RATE_LIMIT_PER_MINUTE: '0',
      TRUST_PROXY: 'on',
    });
    expect(config).toMatchObject({
      port: 3000,
      databasePath: '/var/lib/parley.db',
      publicUrl: 'https://comments.example.com',
      siteOrigins: ['https://blog.example.com', 'https://www.example.com'],
      requireNameEmail: false,
      editWindowMs: 30 * 60_000,
      maxDepth: 10,
      rateLimitPerMinute: 0,
      trustProxy: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['EDIT_WINDOW_MINUTES', '-1'],
    ['EDIT_WINDOW_MINUTES', '1.5'],
    ['MAX_DEPTH', '11'],
    ['MAX_DEPTH', '0'],
    ['RATE_LIMIT_PER_MINUTE', 'lots'],
    ['TRUST_PROXY', 'maybe'],
    ['REQUIRE_NAME_EMAIL', '2'],
    ['PUBLIC_URL', 'comments.example.com'],
    ['SITE_ORIGINS', 'ftp://files.example.com'],
    ['SECRET', 'short'],
  ])('an invalid %s (%s) stops start-up with a message naming it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable} `));
  });
});
