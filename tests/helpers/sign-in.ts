import { expect } from 'vitest';
import { startTestProvider, type TestProvider } from './oauth-provider.ts';
import { followRedirects } from './browse.ts';
import type { TestApp } from './test-app.ts';

export const PUBLIC_URL = 'http://parley.test';
export const SITE = 'https://blog.example';
export const PAGE = `${SITE}/2019/07/a-post/`;

export const USERS = [
  { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', website: 'https://ada.example/' },
  { id: 'u2', name: 'Grace Hopper', email: 'grace@example.com' },
];

/** The provider kinds Parley knows, and the client each uses at the test provider. */
export const KINDS = ['google', 'oidc', 'github', 'facebook', 'twitter', 'wordpress', 'mastodon'] as const;
export type Kind = (typeof KINDS)[number];

const POST_AUTH = new Set<Kind>(['facebook', 'wordpress']);

/** Starts the test provider with a client for every fixed-endpoint kind, calling back to `publicUrl`. */
export function startProviderFor(publicUrl: string, interaction: 'auto' | 'page' = 'auto') {
  return startTestProvider({
    users: USERS,
    interaction,
    clients: KINDS.filter((kind) => kind !== 'mastodon').map((kind) => ({
      id: `${kind}-client`,
      secret: `${kind}-secret-that-is-long-enough`,
      redirectUris: [`${publicUrl}/auth/${kind}/callback`],
      auth: POST_AUTH.has(kind) ? ('client_secret_post' as const) : ('client_secret_basic' as const),
    })),
  });
}

/** Parley's environment with every provider pointed at the test provider. */
export function providerEnv(p: TestProvider): Record<string, string> {
  const env: Record<string, string> = { MASTODON_ENABLED: 'true', MASTODON_INSTANCES: p.url, GOOGLE_ISSUER: p.url, OIDC_ISSUER: p.url, OIDC_NAME: 'Test ID' };
  const profiles: Record<string, string> = {
    GITHUB: '/user',
    FACEBOOK: '/graph/me?fields=id,name,link,picture',
    TWITTER: '/2/users/me',
    WORDPRESS: '/rest/v1.1/me',
  };
  for (const kind of KINDS.filter((k) => k !== 'mastodon')) {
    const prefix = kind.toUpperCase();
    env[`${prefix}_CLIENT_ID`] = `${kind}-client`;
    env[`${prefix}_CLIENT_SECRET`] = `${kind}-secret-that-is-long-enough`;
    if (profiles[prefix]) {
      env[`${prefix}_AUTH_URL`] = `${p.url}/oauth/authorize`;
      env[`${prefix}_TOKEN_URL`] = `${p.url}/oauth/token`;
      env[`${prefix}_USERINFO_URL`] = `${p.url}${profiles[prefix]}`;
    }
  }
  return env;
}

export function startQuery(kind: Kind, p: TestProvider, extra: Record<string, string> = {}) {
  return new URLSearchParams({ origin: SITE, page: `${PAGE}#comment`, ...(kind === 'mastodon' ? { instance: p.url } : {}), ...extra });
}

/** Walks a sign-in through the real provider and returns the callback URL Parley would be sent to. */
export async function callbackUrl(t: TestApp, kind: Kind, p: TestProvider, extra: Record<string, string> = {}): Promise<string> {
  const start = await t.get(`/auth/${kind}/start?${startQuery(kind, p, extra)}`);
  expect(start.status, await start.clone().text()).toBe(302);
  const end = await followRedirects(start.headers.get('location')!, (url) => url.href.startsWith(`${PUBLIC_URL}/`));
  if (!(end instanceof URL)) throw new Error(`the provider did not call back: ${end.status} ${await end.text()}`);
  return end.pathname + end.search;
}

/** The session token the callback page hands to the opener, and the origin it posts to. */
export function handedOver(html: string): { token: string; origin: string } | null {
  const match = /var m=(\{[^<]*?\}),o=("[^"]*")/.exec(html);
  if (!match) return null;
  const message = JSON.parse(match[1]!) as { type: string; token?: string };
  return message.type === 'parley:session' && message.token ? { token: message.token, origin: JSON.parse(match[2]!) } : null;
}

/** Signs in with a provider kind and returns the session token. */
export async function signIn(t: TestApp, kind: Kind, p: TestProvider): Promise<string> {
  const callback = await t.get(await callbackUrl(t, kind, p));
  const html = await callback.text();
  expect(callback.status, html).toBe(200);
  return handedOver(html)!.token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, Origin: SITE });

export async function sessionCount(t: TestApp): Promise<number> {
  return (await t.sql.value('SELECT count(*) FROM sessions')) as number;
}
