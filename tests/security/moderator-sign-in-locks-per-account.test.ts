import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ADMIN_ORIGIN, PASSWORD, signIn } from '../helpers/admin.ts';
import { randomBytes, scryptSync } from 'node:crypto';
import { createSignInLockout } from '../../server/auth/sign-in-lockout.ts';

const EMAIL = 'mod@example.com';

/** One sign-in attempt from its own address, as a botnet would spread them. */
let address = 0;
const attempt = (t: TestApp, email: string, password: string) =>
  t.post('/api/admin/session', { email, password }, { Origin: ADMIN_ORIGIN, 'x-test-client-ip': `198.51.${(address >> 8) & 255}.${address++ & 255}` });

/** A hash in Parley's stored format at a low scrypt cost (the cost is part of the hash), so forty checks stay quick on a busy machine. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return ['scrypt', 10, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function withModerator(env: Record<string, string> = {}) {
  const t = createTestApp(env);
  await t.repos.moderators.create({ email: EMAIL, name: 'Mo', passwordHash: cheapHash(PASSWORD), now: t.time.now });
  return t;
}

const auditActions = (t: TestApp) => t.db.prepare('SELECT action, actor, moderator_email, reason FROM audit_log').all() as any[];

describe('moderator sign-in is limited per account, not only per address', () => {
  test('10 wrong passwords from 10 addresses lock the account: the right password from an 11th answers 429 with Retry-After, and the audit log says so', async () => {
    const t = await withModerator({ RATE_LIMIT_PER_MINUTE: '0' });
    for (let i = 0; i < 10; i++) expect((await attempt(t, EMAIL, `guess ${i}`)).status).toBe(401);

    const locked = await attempt(t, EMAIL, PASSWORD);
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.code).toBe('sign_in_locked');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(locked.headers.get('set-cookie')).toBeNull();

    expect(auditActions(t)).toEqual([
      expect.objectContaining({ action: 'sign_in_locked', actor: 'system', moderator_email: EMAIL, reason: expect.stringContaining(EMAIL) }),
    ]);

    // Still locked a little before Retry-After, from yet another address.
    t.time.now += (retryAfter - 5) * 1000;
    expect((await attempt(t, EMAIL, PASSWORD)).status).toBe(429);
    // Then the right password works again.
    t.time.now += 10_000;
    expect((await attempt(t, EMAIL, PASSWORD)).status).toBe(200);
  });

  test('spraying other emails until the lockout table is full never lifts a lock', async () => {
    const time = { now: 0 };
    const lockout = createSignInLockout({ failures: 10, windowMs: 600_000, lockMs: 900_000, clock: () => time.now, maxKeys: 50 });
    for (let i = 0; i < 10; i++) await lockout.fail(EMAIL);
    await expect(lockout.check(EMAIL)).rejects.toMatchObject({ status: 429, code: 'sign_in_locked' });
    // Fill the table with other locked emails, then with one guess each at many more.
    for (let n = 0; n < 60; n++) for (let i = 0; i < 10; i++) await lockout.fail(`decoy${n}@example.com`);
    for (let n = 0; n < 500; n++) await lockout.fail(`spray${n}@example.com`);
    time.now += 60_000;
    await expect(lockout.check(EMAIL)).rejects.toMatchObject({ status: 429, code: 'sign_in_locked' });
    await expect(lockout.check('decoy59@example.com')).rejects.toMatchObject({ code: 'sign_in_locked' });
    // Once the lock is over it is forgotten like any other entry.
    time.now += 900_000;
    await expect(lockout.check(EMAIL)).resolves.toBeUndefined();
  });

  test('the lock is per account: another moderator signs in meanwhile', async () => {
    const t = await withModerator();
    for (let i = 0; i < 10; i++) await attempt(t, EMAIL, 'wrong');
    expect((await attempt(t, EMAIL, PASSWORD)).status).toBe(429);
    const other = await signIn(t, 'other@example.com', 'Other');
    expect(other.moderator.email).toBe('other@example.com');
  });

  test('an unknown email gets the very same answers, so the lock does not tell which accounts exist', async () => {
    const t = await withModerator();
    const answers = async (email: string) => {
      const seen: Array<[number, string]> = [];
      for (let i = 0; i < 11; i++) {
        const response = await attempt(t, email, 'wrong');
        seen.push([response.status, (await response.json()).error.code]);
      }
      return seen;
    };
    const known = await answers(EMAIL);
    const unknown = await answers('nobody@example.com');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toEqual([429, 'sign_in_locked']);
    expect(auditActions(t).map((row) => [row.action, row.moderator_email])).toEqual([
      ['sign_in_locked', EMAIL],
      ['sign_in_locked', ''],
    ]);
  }, 180_000); // an unknown email is checked against a decoy at the full scrypt cost

  test('wrong passwords spread over more than ten minutes do not lock; a right one clears the count', async () => {
    const t = await withModerator();
    for (let i = 0; i < 9; i++) await attempt(t, EMAIL, 'wrong');
    t.time.now += 10 * 60_000;
    for (let i = 0; i < 9; i++) await attempt(t, EMAIL, 'wrong');
    expect((await attempt(t, EMAIL, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) await attempt(t, EMAIL, 'wrong');
    expect((await attempt(t, EMAIL, PASSWORD)).status).toBe(200);
    expect(auditActions(t)).toEqual([]);
  });

  test('the email is compared as typed loosely: case and spaces do not make a new account to guess at', async () => {
    const t = await withModerator();
    for (let i = 0; i < 10; i++) await attempt(t, i % 2 ? ` MOD@example.com ` : 'mod@EXAMPLE.com', 'wrong');
    expect((await attempt(t, EMAIL, PASSWORD)).status).toBe(429);
  });
});
