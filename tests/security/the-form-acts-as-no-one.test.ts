/**
 * POST /comments/form is a public form that any page can submit in a reader's browser, with the
 * reader's cookies. So it reads no credential at all: a moderator's admin cookie or a session token
 * on the request neither publishes past the rules nor names the comment after the moderator; and its
 * spam signal, the signed draw time, cannot be forged or moved back to skip the minimum fill time.
 */
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { formTime } from '../../server/comments/form-time.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://blog.example' };
const fields = (extra: Record<string, string> = {}) =>
  new URLSearchParams({ page: '/post/', text: 'Via a forged form', name: 'Eve', email: 'eve@example.com', ...extra }).toString();

describe('the form acts as no one', () => {
  test("a moderator's admin cookie and session token on a cross-site form post change nothing: held like any guest's, under the guest's name", async () => {
    const moderator = { id: 7, name: 'Mo', email: 'mo@example.com', url: '', provider: 'github', isModerator: true };
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example' }, { accountOf: async () => moderator });
    const admin = await signIn(t);
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const response = await t.app.request('/comments/form', {
      method: 'POST',
      headers: { ...FORM, Cookie: admin.cookie, Authorization: 'Bearer a-moderator-session' },
      body: fields({ loaded: formTime('test-secret-'.padEnd(48, 'x'), t.time.now - 60_000) }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://blog.example/post/#parley-held');
    expect(await t.sql('SELECT status, author_name AS name, account_id AS account FROM comments')).toEqual([{ status: 'pending', name: 'Eve', account: null }]);
    expect(Boolean((await t.sql.one('SELECT is_moderator AS m FROM comments'))!.m)).toBe(false);
  });

  test('a draw time signed with another key, or with its signature moved to another time, counts as none: held', async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example' });
    const real = formTime('test-secret-'.padEnd(48, 'x'), t.time.now - 60_000);
    const signature = real.split('.')[1]!;
    for (const loaded of [
      formTime('another-secret', t.time.now - 60_000),
      `${t.time.now - 3_600_000}.${signature}`,
      `${t.time.now - 60_000}.${signature.toUpperCase()}`,
    ]) {
      const response = await t.app.request('/comments/form', { method: 'POST', headers: FORM, body: fields({ loaded, text: `try ${loaded}` }) });
      expect(response.headers.get('location')).toBe('https://blog.example/post/#parley-held');
    }
    const honest = await t.app.request('/comments/form', { method: 'POST', headers: FORM, body: fields({ loaded: real, text: 'honest' }) });
    expect(honest.headers.get('location')).toMatch(/#comment-\d+$/);
  });
});
