import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { newSession } from '../../server/auth/sessions.ts';

const BLOG = 'https://blog.example';

async function reader(t: TestApp, name: string) {
  const session = newSession(() => t.time.now, 30);
  const profile = { provider: 'github', providerUserId: name, name, email: '', url: '', avatarUrl: '', avatarKey: name.padEnd(32, '0') };
  const account = await t.repos.accounts.signIn(profile, session);
  return { id: account.id, auth: { Authorization: `Bearer ${session.token}`, Origin: BLOG } };
}

describe('the widget’s moderation controls act only for an account linked to a moderator', () => {
  test('a signed-in reader who is not a moderator, a guest and a forged token are refused from the blog’s own origin, and nothing changes', async () => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const held = (await t.comment({ text: 'held' }, { Origin: BLOG })).body.comment.id;
    const bob = await reader(t, 'Bob');
    const attempts: Array<[string, string, unknown]> = [
      ['GET', '/api/moderate/held?page=/post/', undefined],
      ['POST', '/api/moderate/actions', { action: 'approve', ids: [held] }],
      ['POST', `/api/moderate/comments/${held}/pin`, { pinned: true }],
      ['POST', '/api/moderate/threads/lock', { site: 'default', page: '/post/', locked: true }],
      ['POST', '/api/moderate/bans', { kind: 'ip', comment: held }],
    ];
    for (const [method, path, body] of attempts) {
      expect((await t.request(method, path, body, bob.auth)).status, `${method} ${path} as a reader`).toBe(403);
      expect((await t.request(method, path, body, { Origin: BLOG })).status, `${method} ${path} as a guest`).toBe(401);
      expect((await t.request(method, path, body, { Origin: BLOG, Authorization: `Bearer ${'x'.repeat(43)}` })).status).toBe(401);
    }
    expect(await t.sql.value('SELECT status FROM comments WHERE id = ?', held)).toBe('pending');
    expect(await t.sql.value('SELECT count(*) FROM bans')).toBe(0);
    expect(await t.sql.value("SELECT count(*) FROM audit_log WHERE actor = 'moderator'")).toBe(0);
  });

  test('held comments reach the moderator only: never a public answer, never the shared cache; unlinking ends the power at once', async () => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    const ada = await reader(t, 'Ada');
    const admin = await signIn(t);
    await admin.put(`/accounts/${ada.id}/moderator`, { moderator: admin.moderator.id });
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    await t.comment({ text: 'A secret held comment', author: { name: 'Gus', email: 'gus@example.com' } }, { Origin: BLOG });

    const asModerator = await t.request('GET', '/api/moderate/held?page=/post/', undefined, ada.auth);
    expect(await asModerator.text()).toContain('A secret held comment');
    // The moderator's own thread read is personal: not cached, and the held comment of another is not in it either.
    const moderatorRead = await (await t.get('/api/comments?page=/post/', ada.auth)).text();
    expect(moderatorRead).not.toContain('A secret held comment');
    for (let i = 0; i < 2; i++) {
      const pub = await t.get('/api/comments?page=/post/', { Origin: BLOG });
      expect(await pub.text()).not.toContain('A secret held comment');
    }
    await admin.put(`/accounts/${ada.id}/moderator`, { moderator: null });
    expect((await t.request('GET', '/api/moderate/held?page=/post/', undefined, ada.auth)).status).toBe(403);
  });
});
