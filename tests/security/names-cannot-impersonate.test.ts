import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { join } from 'node:path';
import { chromiumPath } from '../helpers/browser.ts';
import { area, openHost, postAsGuest, useScene } from '../e2e/host.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';

const commentCount = (t: TestApp) => t.sql.value('SELECT count(*) FROM comments');

// A guest under a member's name is marked, not refused: tests/contract/guest-names-are-marked.test.ts (both engines).

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
    expect(await commentCount(t)).toBe(0);
  });

  test.each(hostile)('title with %s: 400 invalid_characters naming title, nothing written', async (_, title) => {
    const t = createTestApp();
    const { status, body } = await t.comment({ title });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_characters', field: 'title' });
    expect(await commentCount(t)).toBe(0);
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
    expect(await commentCount(t)).toBe(0);
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

describe.skipIf(!chromiumPath)('in Chromium: the widget shows the Guest mark', () => {
  const scene = useScene();

  test("a guest posting under a moderator's name (with a Cyrillic А) is shown with “Guest” beside it, before and after a reload", async () => {
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
