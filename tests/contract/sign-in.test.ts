import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import type { TestProvider } from '../helpers/oauth-provider.ts';
import { AVATAR_PNG } from '../helpers/oauth-provider.ts';
import { KINDS, PAGE, PUBLIC_URL, SITE, bearer, callbackUrl, handedOver, providerEnv, sessionCount, signIn, startProviderFor } from '../helpers/sign-in.ts';

let p: TestProvider;
beforeAll(async () => {
  p = await startProviderFor(PUBLIC_URL);
});
afterAll(() => p.stop());
beforeEach(() => {
  p.signInAs('u1');
  p.setInteraction('auto');
});

const app = (env: Record<string, string> = {}) => createTestApp({ PUBLIC_URL, SITE_ORIGINS: SITE, ...providerEnv(p), ...env });

const NAMES = { google: 'Google', oidc: 'Test ID', github: 'GitHub', facebook: 'Facebook', twitter: 'X', wordpress: 'WordPress.com', mastodon: 'Mastodon' };

describe('sign-in with each provider kind, against a real OAuth 2.0 / OIDC provider', () => {
  test.each(KINDS)('%s: popup hands a session to the embedding origin; the reader comments as the account', async (kind) => {
    const t = app();
    p.signInAs('u1');
    const callback = await t.get(await callbackUrl(t, kind, p));
    const html = await callback.text();
    expect(callback.status, html).toBe(200);
    expect(callback.headers.get('content-security-policy')).toMatch(/script-src 'nonce-/);
    expect(callback.headers.get('cache-control')).toBe('no-store');
    const handed = handedOver(html)!;
    expect(handed.origin).toBe(SITE);

    const me = await t.get('/api/me', bearer(handed.token));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      account: {
        name: 'Ada Lovelace',
        url: expect.any(String),
        avatar: expect.stringMatching(/^http:\/\/parley\.test\/avatar\/[a-f0-9]{32}$/),
        provider: kind,
        providerName: NAMES[kind],
      },
    });

    const posted = await t.comment({ page: '/2019/07/a-post/', author: undefined }, bearer(handed.token));
    expect(posted.status).toBe(201);
    expect(posted.body.editToken).toBeUndefined();
    expect(posted.body.comment.author).toMatchObject({ name: 'Ada Lovelace', provider: kind });
    const thread = (await (await t.get('/api/comments?page=/2019/07/a-post/')).json()) as any;
    expect(thread.comments[0].author).toMatchObject({ name: 'Ada Lovelace', provider: kind });
  });

  test('one account per provider + user id: signing in again reuses it; a second device owns the same comments', async () => {
    const t = app();
    p.signInAs('u2');
    const laptop = await signIn(t, 'github', p);
    const posted = await t.comment({ author: undefined }, bearer(laptop));
    const phone = await signIn(t, 'github', p);
    expect(await t.sql.value("SELECT count(*) FROM accounts WHERE provider = 'github'")).toBe(1);
    const edited = await t.request('PATCH', `/api/comments/${posted.body.comment.id}`, { text: 'Edited on my phone' }, bearer(phone));
    expect(edited.status).toBe(200);
    const mine = (await (await t.get('/api/comments?page=/post/', bearer(phone))).json()) as any;
    expect(mine.comments[0].mine).toBe(true);
    expect(await sessionCount(t)).toBe(2);
  });

  test('sessions are stored only as hashes', async () => {
    const t = app();
    const token = await signIn(t, 'oidc', p);
    const stored = (await t.sql.column('SELECT token_hash FROM sessions')) as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(token);
    expect(stored[0]).toMatch(/^[a-f0-9]{64}$/);
  });

  test("the account's avatar is fetched by Parley's server and served from its own origin", async () => {
    const t = app();
    const token = await signIn(t, 'github', p);
    const { account } = (await (await t.get('/api/me', bearer(token))).json()) as any;
    const image = await t.get(new URL(account.avatar).pathname);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(AVATAR_PNG);
  });

  test('Mastodon: Parley registers itself once per instance and keeps the credentials', async () => {
    const t = app();
    const before = p.hits('/api/v1/apps');
    await signIn(t, 'mastodon', p);
    await signIn(t, 'mastodon', p);
    expect(p.hits('/api/v1/apps') - before).toBe(1);
    expect(await t.sql.column('SELECT instance FROM mastodon_apps')).toEqual([p.url]);
    expect(await t.sql.value("SELECT provider_user_id FROM accounts WHERE provider = 'mastodon'")).toBe(`u1@${new URL(p.url).host}`);
  });

  test('Mastodon without an instance asks for it; an internal address is refused', async () => {
    const t = app();
    const ask = await t.get(`/auth/mastodon/start?origin=${SITE}&page=${PAGE}`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('<label for="instance">Your Mastodon server</label>');
    const internal = await t.get(`/auth/mastodon/start?origin=${SITE}&page=${PAGE}&instance=http://10.0.0.1`);
    expect(internal.status).toBe(400);
    expect(await internal.text()).toContain('is not a Mastodon server Parley can use');
  });

  test('full-page redirect: returns to the same page with a one-time grant only the starting page can redeem', async () => {
    const t = app();
    const handoff = 'h'.repeat(40);
    const callback = await t.get(await callbackUrl(t, 'google', p, { mode: 'redirect', handoff }));
    expect(callback.status).toBe(303);
    const location = new URL(callback.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(PAGE);
    const grant = /^#parley-auth=([\w-]+)$/.exec(location.hash)![1]!;
    expect(await sessionCount(t)).toBe(0);

    const wrong = await t.post('/api/auth/exchange', { grant, handoff: 'x'.repeat(40) }, { Origin: SITE });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).error.code).toBe('invalid_grant');
    expect(await sessionCount(t)).toBe(0);
  });

  test('full-page redirect: the right secret gets a session, once', async () => {
    const t = app();
    const handoff = 'k'.repeat(40);
    const callback = await t.get(await callbackUrl(t, 'github', p, { mode: 'redirect', handoff }));
    const grant = new URL(callback.headers.get('location')!).hash.split('=')[1]!;
    const exchanged = await t.post('/api/auth/exchange', { grant, handoff }, { Origin: SITE });
    expect(exchanged.status).toBe(200);
    const body = (await exchanged.json()) as any;
    expect(body.account).toMatchObject({ name: 'Ada Lovelace', provider: 'github' });
    expect((await t.get('/api/me', bearer(body.token))).status).toBe(200);
    expect((await t.post('/api/auth/exchange', { grant, handoff }, { Origin: SITE })).status).toBe(400);
    expect(await sessionCount(t)).toBe(1);
  });
});

describe('configuration the widget sees', () => {
  test('/api/config lists configured providers (id and secret both set) and requireSignIn', async () => {
    const t = createTestApp({ GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b', MASTODON_ENABLED: 'true', REQUIRE_SIGN_IN: 'true' });
    const config = (await (await t.get('/api/config')).json()) as any;
    expect(config.providers).toEqual([
      { id: 'github', name: 'GitHub' },
      { id: 'mastodon', name: 'Mastodon' },
    ]);
    expect(config.requireSignIn).toBe(true);
    expect((await (await createTestApp().get('/api/config')).json()) as any).toMatchObject({ providers: [], requireSignIn: false });
  });

  test('REQUIRE_SIGN_IN refuses guests with 401 and accepts signed-in readers', async () => {
    const t = app({ REQUIRE_SIGN_IN: 'true' });
    const guest = await t.comment();
    expect(guest.status).toBe(401);
    expect(guest.body.error.code).toBe('sign_in_required');
    const token = await signIn(t, 'github', p);
    expect((await t.comment({ author: undefined }, bearer(token))).status).toBe(201);
  });

  test('an unknown provider is 404', async () => {
    const t = app();
    const response = await t.get(`/auth/myspace/start?origin=${SITE}&page=${PAGE}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('does not offer sign-in with that provider');
  });
});
