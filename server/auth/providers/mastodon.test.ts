import { describe, expect, test } from 'vitest';
import { instanceOrigin } from './mastodon.ts';

describe('the Mastodon instance a reader types', () => {
  test.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['https://mastodon.social/', 'https://mastodon.social'],
    ['  Mastodon.Social  ', 'https://mastodon.social'],
    ['@me@fosstodon.org', 'https://fosstodon.org'],
    ['me@fosstodon.org', 'https://fosstodon.org'],
  ])('%s → %s', (typed, origin) => {
    expect(instanceOrigin(typed, [])).toBe(origin);
  });

  test.each(['http://mastodon.social', 'localhost', 'https://127.0.0.1', 'https://[::1]', 'intranet', 'https://user:pw@mastodon.social', 'not a host'])(
    '%s is refused unless listed',
    (typed) => {
      expect(() => instanceOrigin(typed, [])).toThrow(/Mastodon server/);
    },
  );

  test('a listed instance may be on plain http or loopback', () => {
    expect(instanceOrigin('http://127.0.0.1:3000', ['http://127.0.0.1:3000'])).toBe('http://127.0.0.1:3000');
  });
});
