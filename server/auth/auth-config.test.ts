import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { providerList } from './auth-config.ts';

describe('sign-in configuration', () => {
  test('nothing set: no providers, guests welcome, 30-day sessions', () => {
    expect(loadConfig({}).auth).toMatchObject({
      providers: [],
      mastodon: { enabled: false, instances: [] },
      requireSignIn: false,
      sessionDays: 30,
      providerTimeoutMs: 10_000,
    });
  });

  test('a provider appears when its id and secret are set, with default endpoints', () => {
    const { auth } = loadConfig({ GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 'secret', GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 's' });
    expect(providerList(auth)).toEqual([
      { id: 'google', name: 'Google' },
      { id: 'github', name: 'GitHub' },
    ]);
    expect(auth.providers[1]).toMatchObject({ authUrl: 'https://github.com/login/oauth/authorize', userinfoUrl: 'https://api.github.com/user' });
    expect(auth.providers[0]).toMatchObject({ kind: 'oidc', issuer: 'https://accounts.google.com/' });
  });

  test('every endpoint can be overridden; a generic OIDC issuer takes its name', () => {
    const { auth } = loadConfig({
      TWITTER_CLIENT_ID: 'a',
      TWITTER_CLIENT_SECRET: 'b',
      TWITTER_AUTH_URL: 'http://127.0.0.1:9/a',
      TWITTER_TOKEN_URL: 'http://127.0.0.1:9/t',
      TWITTER_USERINFO_URL: 'http://127.0.0.1:9/u',
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 'd',
      OIDC_NAME: 'Example ID',
      MASTODON_ENABLED: 'yes',
      MASTODON_INSTANCES: 'mastodon.social, http://127.0.0.1:3000',
      REQUIRE_SIGN_IN: 'true',
      SESSION_DAYS: '7',
    });
    expect(auth.providers[0]).toMatchObject({
      id: 'twitter',
      authUrl: 'http://127.0.0.1:9/a',
      tokenUrl: 'http://127.0.0.1:9/t',
      userinfoUrl: 'http://127.0.0.1:9/u',
    });
    expect(providerList(auth).map((p) => p.name)).toEqual(['X', 'Example ID', 'Mastodon']);
    expect(auth.mastodon.instances).toEqual(['https://mastodon.social', 'http://127.0.0.1:3000']);
    expect(auth).toMatchObject({ requireSignIn: true, sessionDays: 7 });
  });

  test('sign-in by email is offered once mail can be sent, unless EMAIL_SIGN_IN=false', () => {
    const mail = { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Blog <comments@blog.example>' };
    const email = { id: 'email', name: 'Email' };
    const offered = (env: Record<string, string>) => {
      const config = loadConfig(env);
      return providerList(config.auth, config.mail !== null);
    };
    expect(offered(mail)).toEqual([email]);
    expect(offered({ ...mail, EMAIL_SIGN_IN: 'true' })).toEqual([email]);
    expect(offered({ ...mail, EMAIL_SIGN_IN: 'false' })).toEqual([]);
    expect(offered({ ...mail, EMAIL_SIGN_IN: 'off' })).toEqual([]);
    // Without mail there is no way to send the link, whatever EMAIL_SIGN_IN says.
    expect(offered({})).toEqual([]);
    expect(offered({ EMAIL_SIGN_IN: 'true' })).toEqual([]);
  });

  test.each([
    [{ GITHUB_CLIENT_ID: 'only-the-id' }, 'GITHUB_CLIENT_SECRET'],
    [{ FACEBOOK_CLIENT_SECRET: 'only-the-secret' }, 'FACEBOOK_CLIENT_ID'],
    [{ OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }, 'OIDC_ISSUER'],
    [{ WORDPRESS_CLIENT_ID: 'a', WORDPRESS_CLIENT_SECRET: 'b', WORDPRESS_TOKEN_URL: 'ftp://x' }, 'WORDPRESS_TOKEN_URL'],
    [{ REQUIRE_SIGN_IN: 'perhaps' }, 'REQUIRE_SIGN_IN'],
    [{ SESSION_DAYS: '0' }, 'SESSION_DAYS'],
    [{ MASTODON_ENABLED: '2' }, 'MASTODON_ENABLED'],
    [{ EMAIL_SIGN_IN: 'maybe' }, 'EMAIL_SIGN_IN'],
  ])('%o stops start-up naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable} `));
  });
});
