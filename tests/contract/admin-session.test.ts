import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { ADMIN_ORIGIN, PASSWORD, adminClient, signIn } from '../helpers/admin.ts';

const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', '/api/admin/session'],
  ['GET', '/api/admin/queue'],
  ['GET', '/api/admin/counts'],
  ['GET', '/api/admin/comments/1'],
  ['POST', '/api/admin/actions', { action: 'approve', ids: [1] }],
  ['PATCH', '/api/admin/comments/1', { text: 'x' }],
  ['DELETE', '/api/admin/comments/1'],
  ['POST', '/api/admin/comments/1/reply', { text: 'x' }],
  ['GET', '/api/admin/sites'],
  ['GET', '/api/admin/settings?site=default'],
  ['PUT', '/api/admin/settings?site=default', { moderation: 'all' }],
  ['POST', '/api/admin/threads/lock', { page: '/p/', locked: true }],
  ['GET', '/api/admin/bans'],
  ['POST', '/api/admin/bans', { kind: 'ip', value: '10.0.0.1' }],
  ['DELETE', '/api/admin/bans/1'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/moderators'],
  ['GET', '/api/admin/no-such-thing'],
];

describe('admin session', () => {
  test.each(ENDPOINTS)('%s %s answers 401 without a session', async (method, path, body) => {
    const t = createTestApp();
    const response = await t.request(method, path, body, { Origin: ADMIN_ORIGIN });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('not_signed_in');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test.each(ENDPOINTS.filter(([method]) => method !== 'GET'))('%s %s is refused with 403 from another origin, even signed in', async (method, path, body) => {
    const t = createTestApp();
    const admin = await signIn(t);
    const origins: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, { Origin: 'null' }, {}];
    for (const origin of origins) {
      const response = await t.request(method, path, body, { Cookie: admin.cookie, ...origin });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('cross_origin');
    }
  });

  test('signing in sets an HttpOnly, SameSite=Strict cookie scoped to the admin API, with an expiry', async () => {
    const t = createTestApp({ ADMIN_SESSION_HOURS: '2' });
    await signIn(t);
    const response = await t.post('/api/admin/session', { email: 'MOD@example.com', password: PASSWORD }, { Origin: ADMIN_ORIGIN });
    expect(response.status).toBe(200);
    expect((await response.json()).moderator).toEqual({ id: 1, email: 'mod@example.com', name: 'Mo' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^parley_admin=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/admin');
    expect(cookie).toContain('Max-Age=7200');
    expect(cookie).not.toContain('Secure');
    const token = /parley_admin=([^;]+)/.exec(cookie)![1]!;
    expect(JSON.stringify(await t.sql('SELECT * FROM admin_sessions'))).not.toContain(token);
  });

  test('the cookie is Secure when the server is reached over HTTPS', async () => {
    const t = createTestApp({ PUBLIC_URL: 'https://comments.example.com' });
    await t.repos.moderators.create({ email: 'mod@example.com', name: '', passwordHash: await hashPassword(PASSWORD), now: 0 });
    const response = await t.post('/api/admin/session', { email: 'mod@example.com', password: PASSWORD }, { Origin: 'https://comments.example.com' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  test('a wrong password or an unknown email answers 401 wrong_password, the same for both', async () => {
    const t = createTestApp();
    await signIn(t);
    for (const email of ['mod@example.com', 'nobody@example.com']) {
      const response = await t.post('/api/admin/session', { email, password: 'not the password' }, { Origin: ADMIN_ORIGIN });
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatchObject({ code: 'wrong_password' });
    }
  });

  test('sign-in attempts are limited per address: the 11th in ten minutes answers 429 with Retry-After', async () => {
    const t = createTestApp();
    // A new email each time, so the per-account lock (tests/security) does not come into it.
    let n = 0;
    const attempt = (ip: string) =>
      t.post('/api/admin/session', { email: `x${n++}@example.com`, password: 'guess' }, { Origin: ADMIN_ORIGIN, 'x-test-client-ip': ip });
    for (let i = 0; i < 10; i++) expect((await attempt('10.0.0.9')).status).toBe(401);
    const limited = await attempt('10.0.0.9');
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(500);
    expect((await attempt('10.0.0.10')).status).toBe(401);
    t.time.now += 10 * 60_000;
    expect((await attempt('10.0.0.9')).status).toBe(401);
  });

  test('GET /session names the moderator; signing out ends the session on the server', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    expect((await admin.get('/session')).body.moderator.email).toBe('mod@example.com');
    const out = await admin.del('/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/parley_admin=;.*Max-Age=0/);
    expect((await admin.get('/session')).status).toBe(401);
  });

  test('a session expires', async () => {
    const t = createTestApp({ ADMIN_SESSION_HOURS: '1' });
    const admin = await signIn(t);
    t.time.now += 59 * 60_000;
    expect((await admin.get('/counts')).status).toBe(200);
    t.time.now += 2 * 60_000;
    expect((await admin.get('/counts')).status).toBe(401);
  });

  test('a forged or stale cookie is refused', async () => {
    const t = createTestApp();
    await signIn(t);
    expect((await adminClient(t, 'parley_admin=forged-token-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa').get('/counts')).status).toBe(401);
  });

  test('sign-in input is validated and the admin API never answers cross-origin CORS', async () => {
    const t = createTestApp();
    const bad = await t.post('/api/admin/session', { email: 'mod@example.com' }, { Origin: ADMIN_ORIGIN });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'required', field: 'password' });
    const preflight = await t.request('OPTIONS', '/api/admin/actions', undefined, { Origin: 'https://blog.example', 'Access-Control-Request-Method': 'POST' });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the admin API is same-origin even when SITE_ORIGINS lists only the blogs', async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example.com' });
    const admin = await signIn(t);
    expect((await admin.put('/settings?site=default', { moderation: 'all' })).status).toBe(200);
  });
});
