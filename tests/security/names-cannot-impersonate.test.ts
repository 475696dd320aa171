import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { sha256 } from '../../server/lib/tokens.ts';
import { join } from 'node:path';
import { chromiumPath } from '../helpers/browser.ts';
import { area, openHost, postAsGuest, useScene } from '../e2e/host.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';

/** A signed-in reader: an account and a live session, as a provider's callback leaves them. */
async function member(t: TestApp, name: string, id = name): Promise<Record<string, string>> {
  const token = `session-${sha256(id)}`;
  await t.repos.accounts.signIn(
    { provider: 'github', providerUserId: id, name, email: '', url: '', avatarUrl: '', avatarKey: sha256(id).slice(0, 32) },
    { tokenHash: sha256(token), now: t.time.now, expiresAt: t.time.now + 3_600_000 },
  );
  return { Authorization: `Bearer ${token}` };
}

const commentCount = (t: TestApp) => t.db.prepare('SELECT count(*) FROM comments').pluck().get();
const thread = async (t: TestApp, site = 'default') => (await (await t.get(`/api/comments?page=/post/&site=${site}`)).json()) as any;

describe('a name or title cannot hide or reorder what it says', () => {
  const hostile: Array<[string, string]> = [
    ['CR LF (a forged second line)', 'Ada\r\nModerator: approved'],
    ['a trailing LF', 'Ada\n'],
    ['NUL', 'Ada\u0000'],
    ['DEL', 'Ada\u007f'],
    ['a C1 control (NEL)', 'Ada\u0085Bob'],
    ['a right-to-left override', 'Ada \u202Erotaredom'],
    ['a left-to-right embedding', '\u202AAda'],
    ['a pop directional formatting', 'Ada\u202C'],
    ['a right-to-left isolate', 'Ada \u2067x\u2069'],
    ['a first-strong isolate', '\u2068Ada'],
    ['a right-to-left mark', 'Ada\u200F'],
    ['a left-to-right mark', '\u200EAda'],
    ['an Arabic letter mark', 'Ada\u061C'],
    ['a zero-width space', 'Ad\u200Ba'],
    ['a byte order mark', '\uFEFFAda'],
  ];

  test.each(hostile)('author.name with %s: 400 invalid_characters naming author.name, nothing written', async (_, name) => {
    const t = createTestApp();
    const { status, body } = await t.comment({ author: { name, email: 'a@example.com' } });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_characters', field: 'author.name' });
    expect(body.error.message).toMatch(/^name /);
    expect(commentCount(t)).toBe(0);
  });

  test.each(hostile)('title with %s: 400 invalid_characters naming title, nothing written', async (_, title) => {
    const t = createTestApp();
    const { status, body } = await t.comment({ title });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_characters', field: 'title' });
    expect(commentCount(t)).toBe(0);
  });

  test('ZWJ and ZWNJ stay allowed: emoji sequences and scripts that need them', async () => {
    const t = createTestApp();
    for (const name of ['👩\u200D💻 Ada', 'می\u200Cخواهم', 'क्\u200Dष']) {
      const { status, body } = await t.comment({ author: { name, email: 'a@example.com' }, text: `hi from ${name}` });
      expect(status, JSON.stringify(body)).toBe(201);
      expect(body.comment.author.name).toBe(name);
    }
  });

  test.each([
    ['text', { text: 'broken \ud800 text' }],
    ['author.name', { author: { name: 'Ada\udc00', email: 'a@example.com' } }],
    ['title', { title: '\ud83d' }],
  ])('a lone surrogate in %s is refused with 400 invalid_characters naming it', async (field, fields) => {
    const t = createTestApp();
    const { status, body } = await t.comment(fields);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_characters', field });
    expect(commentCount(t)).toBe(0);
  });

  test('a lone surrogate in an edit is refused too; a paired one (an emoji) is fine', async () => {
    const t = createTestApp();
    const { body } = await t.comment();
    const headers = { 'X-Parley-Token': body.editToken };
    const broken = await t.request('PATCH', `/api/comments/${body.comment.id}`, { text: 'now \udfff' }, headers);
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatchObject({ code: 'invalid_characters', field: 'text' });
    const emoji = await t.request('PATCH', `/api/comments/${body.comment.id}`, { text: 'now 😀' }, headers);
    expect(emoji.status).toBe(200);
  });
});

describe('a guest cannot pass for a member of the site', () => {
  test('a guest taking a moderator\'s name, in any of its disguises, is marked as a guest', async () => {
    const t = createTestApp();
    await t.repos.moderators.create({ email: 'mod@example.com', name: 'Alice Moderator', passwordHash: 'x', now: t.time.now });
    const disguises = ['Alice Moderator', 'ALICE MODERATOR', 'alice  modérator', 'Аlice Moderator' /* Cyrillic А */, 'ａｌｉｃｅ moderator', 'Alice-Moderator', 'A1ice Moderator'];
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

  test('a guest taking a signed-in account\'s display name on the same site is marked, even one who posted before the member', async () => {
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
      ['grace hopper', true], ['Grace Hopper', false], ['Grace Hopper', true],
    ]);
  });

  test('the same name on another site, where the member has not commented, is not marked', async () => {
    const t = createTestApp();
    await t.comment({ text: 'hello' }, await member(t, 'Grace Hopper'));
    const elsewhere = await t.comment({ site: 'other-blog', author: { name: 'Grace Hopper', email: 'g@example.com' } });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.comment.author.guest).toBeUndefined();
  });

  test('a sign-in provider\'s display name loses its bidi overrides and controls instead of being refused', async () => {
    const { profile } = await import('../../server/auth/profiles.ts');
    expect(profile({ id: '1', name: 'Eve\u202E\u200B\r\nrotaredoM', fallbackName: 'eve' }, []).name).toBe('EverotaredoM');
  });
});

describe.skipIf(!chromiumPath)('in Chromium: the widget shows the Guest mark', () => {
  const scene = useScene();

  test('a guest posting under a moderator\'s name (with a Cyrillic А) is shown with “Guest” beside it, before and after a reload', async () => {
    const db = openDatabase(join(scene.dir, 'parley.db'));
    await createRepos(db).moderators.create({ email: 'mod@example.com', name: 'Alice Moderator', passwordHash: 'x', now: Date.now() });
    db.close();
    const context = await scene.browser.newContext();
    const page = await openHost(context, scene.blog, scene.server, { page: '/impostor/' });
    await postAsGuest(page, { text: 'Your account is suspended, log in here', name: 'Аlice Moderator' });
    const meta = area(page).locator('.parley-comment .parley-meta');
    await expect.poll(() => meta.locator('.parley-badge').allTextContents()).toEqual(['Guest']);
    await page.reload();
    await expect.poll(() => meta.locator('.parley-badge').allTextContents()).toEqual(['Guest']);
    expect(await meta.locator('b').textContent()).toBe('Аlice Moderator');
    await context.close();
  });
});
