import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { sha256 } from '../../server/lib/tokens.ts';

/**
 * A guest may use any name, but one a member holds on the site (a moderator's,
 * a signed-in account's display name) is marked `author.guest`, on either engine.
 * The rest of item 7 is in tests/security/names-cannot-impersonate.test.ts.
 */

/** A signed-in reader: an account and a live session, as a provider's callback leaves them. */
async function member(t: TestApp, name: string, id = name): Promise<Record<string, string>> {
  const token = `session-${sha256(id)}`;
  await t.repos.accounts.signIn(
    { provider: 'github', providerUserId: id, name, email: '', url: '', avatarUrl: '', avatarKey: sha256(id).slice(0, 32) },
    { tokenHash: sha256(token), now: t.time.now, expiresAt: t.time.now + 3_600_000 },
  );
  return { Authorization: `Bearer ${token}` };
}

const thread = async (t: TestApp, site = 'default') => (await (await t.get(`/api/comments?page=/post/&site=${site}`)).json()) as any;

describe('a guest cannot pass for a member of the site', () => {
  test("a guest taking a moderator's name, in any of its disguises, is marked as a guest", async () => {
    const t = createTestApp();
    await t.repos.moderators.create({ email: 'mod@example.com', name: 'Alice Moderator', passwordHash: 'x', now: t.time.now });
    const disguises = [
      'Alice Moderator',
      'ALICE MODERATOR',
      'alice  modérator',
      'Аlice Moderator' /* Cyrillic А */,
      'ａｌｉｃｅ moderator',
      'Alice-Moderator',
      'A1ice Moderator',
    ];
    for (const [i, name] of disguises.entries()) {
      const { status, body } = await t.comment({ author: { name, email: `g${i}@example.com` }, text: `I am the moderator, take ${i}` });
      expect(status).toBe(201);
      expect(body.comment.author, name).toMatchObject({ name, guest: true, isModerator: false });
    }
    const { body } = await t.comment({ author: { name: 'Bob', email: 'bob@example.com' } });
    expect(body.comment.author.guest).toBeUndefined();
    const read = await thread(t);
    expect(read.comments.filter((c: any) => c.author.guest).map((c: any) => c.author.name)).toEqual(disguises);
  });

  test("a guest taking a signed-in account's display name on the same site is marked, even one who posted before the member", async () => {
    const t = createTestApp();
    const early = await t.comment({ author: { name: 'grace hopper', email: 'fake@example.com' }, text: 'posted before Grace ever did' });
    expect(early.body.comment.author.guest).toBeUndefined();
    expect((await thread(t)).comments[0].author.guest).toBeUndefined();

    const grace = await member(t, 'Grace Hopper');
    const real = await t.comment({ text: 'The real Grace' }, grace);
    expect(real.status).toBe(201);
    expect(real.body.comment.author).toMatchObject({ name: 'Grace Hopper', provider: 'github' });
    expect(real.body.comment.author.guest).toBeUndefined();

    const late = await t.comment({ author: { name: 'Grace Hopper', email: 'fake2@example.com' }, text: 'the impostor again' });
    expect(late.body.comment.author.guest).toBe(true);
    const read = await thread(t);
    expect(read.comments.map((c: any) => [c.author.name, c.author.guest ?? false])).toEqual([
      ['grace hopper', true],
      ['Grace Hopper', false],
      ['Grace Hopper', true],
    ]);
  });

  test('the same name on another site, where the member has not commented, is not marked', async () => {
    const t = createTestApp();
    await t.comment({ text: 'hello' }, await member(t, 'Grace Hopper'));
    const elsewhere = await t.comment({ site: 'other-blog', author: { name: 'Grace Hopper', email: 'g@example.com' } });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.comment.author.guest).toBeUndefined();
  });

  test("a sign-in provider's display name loses its bidi overrides and controls instead of being refused", async () => {
    const { profile } = await import('../../server/auth/profiles.ts');
    expect(profile({ id: '1', name: 'Eve\u202E\u200B\r\nrotaredoM', fallbackName: 'eve' }, []).name).toBe('EverotaredoM');
  });
});
