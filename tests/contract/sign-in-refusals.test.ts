import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../helpers/test-app.ts';
import type { TestProvider } from '../helpers/oauth-provider.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { bearerAccounts } from '../../server/auth/sessions.ts';
import { PAGE, PUBLIC_URL, SITE, bearer, callbackUrl, handedOver, providerEnv, sessionCount, signIn, startProviderFor } from '../helpers/sign-in.ts';

let p: TestProvider;
let silent: Server;
let silentUrl: string;
beforeAll(async () => {
  p = await startProviderFor(PUBLIC_URL);
  // A "provider" that accepts connections and never answers.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
  await p.stop();
});
beforeEach(() => {
  p.signInAs('u1');
  p.setInteraction('auto');
});

const app = (env: Record<string, string> = {}) => createTestApp({ PUBLIC_URL, SITE_ORIGINS: SITE, ...providerEnv(p), ...env });

/** The refusal page's status and message, and that nothing was handed over. */
async function refusal(response: Response) {
  const html = await response.text();
  expect(handedOver(html)).toBeNull();
  return { status: response.status, message: /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? html };
}

describe('sign-in refusals: each with a clear error and no session created', () => {
  test('a wrong state', async () => {
    const t = app();
    const callback = await callbackUrl(t, 'github', p);
    const forged = callback.replace(/state=[^&]+/, 'state=not-the-state-parley-made');
    expect(await refusal(await t.get(forged))).toEqual({ status: 400, message: expect.stringContaining('not valid or has already been used') });
    expect(await refusal(await t.get('/auth/github/callback?code=abc'))).toMatchObject({ status: 400 });
    expect(await sessionCount(t)).toBe(0);
  });

  test('a replayed state (the same callback twice)', async () => {
    const t = app();
    const callback = await callbackUrl(t, 'google', p);
    expect((await t.get(callback)).status).toBe(200);
    expect(await refusal(await t.get(callback))).toEqual({ status: 400, message: expect.stringContaining('already been used') });
    expect(await sessionCount(t)).toBe(1);
  });

  test('a state started for another provider', async () => {
    const t = app();
    const callback = await callbackUrl(t, 'github', p);
    expect((await refusal(await t.get(callback.replace('/auth/github/', '/auth/twitter/')))).status).toBe(400);
    expect(await sessionCount(t)).toBe(0);
  });

  test('a state that has expired (more than ten minutes)', async () => {
    const t = app();
    const callback = await callbackUrl(t, 'github', p);
    t.time.now += 11 * 60_000;
    expect(await refusal(await t.get(callback))).toEqual({ status: 400, message: expect.stringContaining('has expired') });
    expect(await sessionCount(t)).toBe(0);
  });

  test('a code used twice: the provider refuses it and Parley says so', async () => {
    const t = app();
    const first = new URL(await callbackUrl(t, 'github', p), PUBLIC_URL);
    expect((await t.get(first.pathname + first.search)).status).toBe(200);
    const second = new URL(await callbackUrl(t, 'github', p), PUBLIC_URL);
    second.searchParams.set('code', first.searchParams.get('code')!);
    const refused = await refusal(await t.get(second.pathname + second.search));
    expect(refused).toEqual({ status: 502, message: expect.stringContaining('GitHub refused the sign-in code: it was already used or has expired') });
    expect(await sessionCount(t)).toBe(1);
  });

  test('an embedding origin not in SITE_ORIGINS, at start', async () => {
    const t = app();
    const start = await t.get(`/auth/github/start?origin=https://evil.example&page=https://evil.example/x`);
    expect(await refusal(start)).toEqual({ status: 403, message: expect.stringContaining('https://evil.example may not sign in') });
    expect(await t.sql.value('SELECT count(*) FROM auth_flows')).toBe(0);
  });

  test('a callback whose session would be posted to an origin no longer in SITE_ORIGINS', async () => {
    const before = app({ SITE_ORIGINS: `${SITE} https://old-blog.example` });
    const callback = await callbackUrl(before, 'github', p, { origin: 'https://old-blog.example', page: 'https://old-blog.example/post/' });
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', GRAVATAR_URL: 'off', PUBLIC_URL, SITE_ORIGINS: SITE, ...providerEnv(p) });
    const after = createApp({
      config,
      repos: before.repos,
      secret: 'x'.repeat(48),
      clock: () => before.time.now,
      log: () => {},
      accountOf: bearerAccounts(before.repos.accounts, () => before.time.now),
    });
    const response = await after.request(callback);
    const html = await response.clone().text();
    expect(await refusal(response)).toEqual({ status: 403, message: expect.stringContaining('https://old-blog.example may not sign in') });
    expect(html).not.toContain('postMessage');
    expect(await sessionCount(before)).toBe(0);
  });

  test('a page that is not on the given origin', async () => {
    const t = app();
    const start = await t.get(`/auth/github/start?origin=${SITE}&page=https://elsewhere.example/`);
    expect(await refusal(start)).toMatchObject({ status: 400 });
  });

  test('a provider that answers an error (the reader said no)', async () => {
    const t = app();
    p.setInteraction('deny');
    const callback = await callbackUrl(t, 'oidc', p);
    expect(callback).toContain('error=access_denied');
    const response = await t.get(callback);
    const html = await response.clone().text();
    expect(await refusal(response)).toEqual({ status: 403, message: 'Test ID did not sign you in: access was denied (The user said no.).' });
    expect(html).toContain('"type":"parley:auth-error"');
    expect(await sessionCount(t)).toBe(0);
  });

  test('a provider whose profile API fails', async () => {
    const t = app({ GITHUB_USERINFO_URL: `${p.url}/no-such-api` });
    expect(await refusal(await t.get(await callbackUrl(t, 'github', p)))).toEqual({
      status: 502,
      message: expect.stringContaining('GitHub would not tell Parley who you are'),
    });
    expect(await sessionCount(t)).toBe(0);
  });

  test('a provider that times out', async () => {
    const t = app({ GITHUB_TOKEN_URL: `${silentUrl}/token`, AUTH_TIMEOUT_SECONDS: '1' });
    const callback = await callbackUrl(t, 'github', p);
    const startedAt = Date.now();
    expect(await refusal(await t.get(callback))).toEqual({ status: 504, message: 'GitHub did not answer within 1 seconds; try again later.' });
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(await sessionCount(t)).toBe(0);
  });

  test('an OIDC issuer that cannot be reached', async () => {
    const t = app({ OIDC_ISSUER: 'http://127.0.0.1:9' });
    expect(await refusal(await t.get(`/auth/oidc/start?origin=${SITE}&page=${PAGE}`))).toEqual({
      status: 502,
      message: 'Parley could not reach Test ID; try again later.',
    });
  });
});

describe('sessions: expired or revoked tokens answer 401', () => {
  test('Log Out revokes the session on the server', async () => {
    const t = app();
    const token = await signIn(t, 'github', p);
    expect((await t.request('POST', '/api/logout', undefined, bearer(token))).status).toBe(204);
    const me = await t.get('/api/me', bearer(token));
    expect(me.status).toBe(401);
    expect(((await me.json()) as any).error.code).toBe('session_invalid');
    expect((await t.comment({ author: undefined }, bearer(token))).status).toBe(401);
    expect((await t.request('POST', '/api/logout', undefined, bearer(token))).status).toBe(401);
    expect(await t.sql.value('SELECT revoked_at FROM sessions')).toBe(t.time.now);
  });

  test('a session expires after SESSION_DAYS', async () => {
    const t = app({ SESSION_DAYS: '2' });
    const token = await signIn(t, 'google', p);
    t.time.now += 2 * 24 * 60 * 60_000 - 1000;
    expect((await t.get('/api/me', bearer(token))).status).toBe(200);
    t.time.now += 2000;
    expect((await t.get('/api/me', bearer(token))).status).toBe(401);
  });

  test('an unknown or malformed token is 401; no token is simply a guest', async () => {
    const t = app();
    expect((await t.get('/api/me', bearer('x'.repeat(43)))).status).toBe(401);
    expect((await t.get('/api/me', { Authorization: 'Basic abc' })).status).toBe(401);
    expect((await t.get('/api/me')).status).toBe(401);
    expect(((await (await t.get('/api/me')).json()) as any).error.code).toBe('not_signed_in');
    expect((await t.comment()).status).toBe(201);
  });
});
