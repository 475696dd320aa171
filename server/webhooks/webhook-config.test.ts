import { describe, expect, test } from 'vitest';
import { loadConfig } from '../config.ts';

const SECRET = 'a-webhook-secret-of-some-length';
const load = (env: Record<string, string>) => loadConfig({ WEBHOOK_SECRET: SECRET, ...env }).webhooks;
const refusal = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('WEBHOOK_URLS, WEBHOOK_SECRET, WEBHOOK_ALLOW_PRIVATE', () => {
  test('unset: no webhooks', () => {
    expect(loadConfig({}).webhooks).toBeNull();
  });

  test('formats are recognised from the URL or named in its fragment, which is not kept', () => {
    const config = load({
      WEBHOOK_URLS: [
        'https://hooks.slack.com/services/T0/B0/xyz',
        'https://discord.com/api/webhooks/1/abc',
        'https://matrix.example/_matrix/client/v3/rooms/!r:example/send/m.room.message?access_token=t',
        'https://receiver.example/parley',
        'https://chat.example/incoming#format=slack',
        'http://127.0.0.1:9000/hook',
        'http://localhost:9000/hook',
      ].join(', '),
    })!;
    expect(config.targets.map((t) => t.format)).toEqual(['slack', 'discord', 'matrix', 'json', 'slack', 'json', 'json']);
    expect(config.targets[4]!.url).toBe('https://chat.example/incoming');
    expect(config.secret).toBe(SECRET);
    expect(config.allowPrivate).toBe(false);
  });

  test('each bad value is refused with a message naming its variable', () => {
    expect(refusal({ WEBHOOK_URLS: 'not a url' })).toMatch(/^WEBHOOK_URLS must list absolute URLs/);
    expect(refusal({ WEBHOOK_URLS: 'http://receiver.example/hook' })).toMatch(/^WEBHOOK_URLS must list https URLs/);
    expect(refusal({ WEBHOOK_URLS: 'ftp://receiver.example/hook' })).toMatch(/^WEBHOOK_URLS must list https URLs/);
    expect(refusal({ WEBHOOK_URLS: 'https://x.example/#format=teams' })).toMatch(/^WEBHOOK_URLS names an unknown format/);
    expect(refusal({ WEBHOOK_URLS: 'https://user:pw@x.example/' })).toMatch(/^WEBHOOK_URLS must not carry a user name/);
    expect(refusal({ WEBHOOK_URLS: 'https://10.1.2.3/hook' })).toMatch(/^WEBHOOK_URLS must not point at 10\.1\.2\.3, a private-network address/);
    expect(refusal({ WEBHOOK_URLS: 'https://169.254.169.254/latest' })).toMatch(/link-local/);
    expect(refusal({ WEBHOOK_URLS: 'https://169.254.169.254/latest', WEBHOOK_ALLOW_PRIVATE: 'true' })).toMatch(/link-local/);
    expect(refusal({ WEBHOOK_URLS: 'https://x.example/', WEBHOOK_SECRET: '' })).toMatch(/^WEBHOOK_SECRET must be set/);
    expect(refusal({ WEBHOOK_URLS: 'https://x.example/', WEBHOOK_SECRET: 'short' })).toMatch(/^WEBHOOK_SECRET must be at least 16/);
    expect(refusal({ WEBHOOK_URLS: 'https://x.example/', WEBHOOK_MODERATOR: 'not an address' })).toMatch(/^WEBHOOK_MODERATOR must be a moderator's email/);
    expect(refusal({ WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toMatch(/^WEBHOOK_ALLOW_PRIVATE must be true or false/);
    expect(refusal({ WEBHOOK_URLS: Array.from({ length: 21 }, (_, i) => `https://x${i}.example/`).join(',') })).toMatch(/at most 20/);
  });

  test('private-network targets with WEBHOOK_ALLOW_PRIVATE=true; chat services alone need no secret', () => {
    expect(load({ WEBHOOK_URLS: 'https://192.168.1.5/hook', WEBHOOK_ALLOW_PRIVATE: 'true' })!.allowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOK_URLS: 'https://hooks.slack.com/services/T/B/x' }).webhooks!.secret).toBe('');
  });
});
