import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn, type AdminClient } from '../helpers/admin.ts';

const read = async (t: TestApp, query = '') => (await (await t.get(`/api/comments?page=/post/${query}`)).json()) as any;
const ids = (body: any) => body.comments.map((c: any) => c.id);

/** Three top-level comments a minute apart, the middle one liked most; and a reply to the first. */
async function thread(t: TestApp) {
  const posted: number[] = [];
  for (const text of ['first', 'second', 'third']) {
    posted.push((await t.comment({ text })).body.comment.id);
    t.time.now += 60_000;
  }
  await t.request('POST', `/api/comments/${posted[1]}/like`, undefined, { 'X-Parley-Reader': 'r'.repeat(22) });
  const reply = (await t.comment({ text: 'a reply', parent: posted[0] })).body.comment.id as number;
  return { a: posted[0]!, b: posted[1]!, c: posted[2]!, reply };
}

const pin = (admin: AdminClient, id: number, pinned = true) => admin.post(`/comments/${id}/pin`, { pinned });

describe('POST /api/admin/comments/:id/pin', () => {
  test('a pinned comment comes first in every sort, says so in the JSON, and an unpin puts it back in its place', async () => {
    const t = createTestApp();
    const { a, b, c, reply } = await thread(t);
    const admin = await signIn(t);
    // The cached thread must forget the old order.
    expect(ids(await read(t))).toEqual([a, b, c, reply]);
    const pinned = await pin(admin, c);
    expect(pinned.status).toBe(200);
    expect(pinned.body.comment).toMatchObject({ id: c, pinned: true });

    expect(ids(await read(t, '&sort=oldest'))).toEqual([c, a, b, reply]);
    expect(ids(await read(t, '&sort=newest'))).toEqual([c, b, a, reply]);
    expect(ids(await read(t, '&sort=top'))).toEqual([c, b, a, reply]);
    const body = await read(t);
    expect(body.comments.find((x: any) => x.id === c).pinned).toBe(true);
    expect(body.comments.filter((x: any) => x.pinned)).toHaveLength(1);

    expect((await pin(admin, c, false)).body.comment.pinned).toBe(false);
    expect(ids(await read(t))).toEqual([a, b, c, reply]);
    expect((await read(t)).comments.some((x: any) => 'pinned' in x)).toBe(false);
  });

  test('later pages leave the pinned comments out, so none is shown twice', async () => {
    const t = createTestApp();
    const { a, b, c } = await thread(t);
    const admin = await signIn(t);
    await pin(admin, b);
    const first = await read(t, '&limit=1');
    expect(ids(first)).toEqual([b, a, expect.any(Number)]);
    const second = await read(t, `&limit=1&after=${first.next}`);
    expect(ids(second)).toEqual([c]);
    expect(second.next).toBeNull();
  });

  test('pins and unpins are audited with who, before and after', async () => {
    const t = createTestApp();
    const { a } = await thread(t);
    const admin = await signIn(t);
    await pin(admin, a);
    await pin(admin, a, false);
    const entries = await admin.audit(`comment=${a}`);
    expect(entries.map((e: any) => [e.action, e.before, e.after])).toEqual([
      ['unpin', { pinned: true }, { pinned: false }],
      ['pin', { pinned: false }, { pinned: true }],
    ]);
    expect(entries[0]).toMatchObject({ actor: 'moderator', moderator: { email: 'mod@example.com' }, page: '/post/' });
  });

  test('at most three pins a thread; a reply, a held comment and an unknown id are refused with a reason', async () => {
    const t = createTestApp();
    const { a, b, c, reply } = await thread(t);
    const d = (await t.comment({ text: 'fourth' })).body.comment.id;
    const admin = await signIn(t);
    for (const id of [a, b, c]) expect((await pin(admin, id)).status).toBe(200);
    const fourth = await pin(admin, d);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('too_many_pinned');
    expect((await pin(admin, reply)).body.error.code).toBe('not_top_level');
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    const held = (await t.comment({ text: 'held' })).body.comment.id;
    expect((await pin(admin, held)).body.error.code).toBe('not_approved');
    expect((await pin(admin, 999_999)).status).toBe(404);
    const invalid = await admin.post(`/comments/${a}/pin`, { pinned: 'yes' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toBe('pinned');
  });

  test('the admin queue and the Atom feed mark a pinned comment', async () => {
    const t = createTestApp();
    const { a, b } = await thread(t);
    const admin = await signIn(t);
    await pin(admin, a);
    const rows = await admin.queue('queue=approved');
    expect(rows.find((r) => r.id === a).pinned).toBe(true);
    expect(rows.find((r) => r.id === b).pinned).toBe(false);
    const feed = await (await t.get('/feed.atom?page=/post/')).text();
    const entries = feed.split('<entry>').slice(1);
    const pinnedEntry = entries.find((e) => e.includes(`comment-${a}<`))!;
    expect(pinnedEntry).toContain('<category term="pinned" label="Pinned"/>');
    expect(entries.filter((e) => e.includes('term="pinned"'))).toHaveLength(1);
  });

  test("the server-drawn thread marks a pinned comment beside its author, in the thread's language", async () => {
    const t = createTestApp();
    const { a, b } = await thread(t);
    const admin = await signIn(t);
    await pin(admin, b);
    const html = await (await t.get('/thread.html?page=/post/')).text();
    const article = (id: number) => /<article id="comment-(\d+)".*?<\/article>/gs.exec(html.slice(html.indexOf(`<article id="comment-${id}"`)))![0];
    expect(article(b)).toMatch(/<span itemprop="name">Ada<\/span><\/b><span class="parley-badge">Pinned<\/span>/);
    expect(article(a)).not.toContain('Pinned');
    expect(html.indexOf(`id="comment-${b}"`)).toBeLessThan(html.indexOf(`id="comment-${a}"`));
    expect(html.split('>Pinned<')).toHaveLength(2);
    const german = await (await t.get('/thread.html?page=/post/&lang=de')).text();
    expect(german).toContain('<span class="parley-badge">Angeheftet</span>');
  });

  test('without an admin session a pin is refused', async () => {
    const t = createTestApp();
    const { a } = await thread(t);
    const response = await t.post(`/api/admin/comments/${a}/pin`, { pinned: true }, { Origin: 'http://localhost' });
    expect(response.status).toBe(401);
    expect(ids(await read(t))[0]).toBe(a);
    expect((await read(t)).comments[0].pinned).toBeUndefined();
  });
});

/** Issue 13: a pin never hides a comment and a thread never holds more than three. */
describe('a pinned comment that leaves "approved"', () => {
  const pinnedIds = (body: any) => body.comments.filter((x: any) => x.pinned).map((x: any) => x.id);

  test('trashing a pinned comment unpins it: pinning a fourth works and shows, and a restore brings back no fourth pin', async () => {
    const t = createTestApp();
    const { a, b, c, reply } = await thread(t);
    const d = (await t.comment({ text: 'fourth' })).body.comment.id as number;
    const admin = await signIn(t);
    for (const id of [a, b, c]) expect((await pin(admin, id)).status).toBe(200);

    // A has a reply, so trashed it stays as a placeholder: in its place among the others, not in a pinned place.
    expect((await admin.act('trash', [a])).status).toBe(200);
    const trashed = await read(t);
    expect(pinnedIds(trashed)).toEqual([b, c]);
    expect(ids(trashed)).toEqual([b, c, a, d, reply]);
    expect(trashed.comments.find((x: any) => x.id === a)).toMatchObject({ status: 'deleted' });
    expect((await admin.queue('queue=trash')).find((r) => r.id === a).pinned).toBe(false);

    const fourth = await pin(admin, d);
    expect(fourth.status).toBe(200);
    for (const sort of ['oldest', 'newest', 'top']) {
      const body = await read(t, `&sort=${sort}`);
      expect(pinnedIds(body)).toEqual([b, c, d]);
      // Every comment is still there, each once.
      expect([...ids(body)].sort()).toEqual([a, b, c, d, reply].sort());
    }

    expect((await admin.act('restore', [a])).status).toBe(200);
    const restored = await read(t);
    expect(pinnedIds(restored)).toEqual([b, c, d]);
    expect(ids(restored)).toEqual([b, c, d, a, reply]);
    expect((await t.sql('SELECT id FROM comments WHERE pinned_at IS NOT NULL ORDER BY id')).map((r: any) => Number(r.id))).toEqual([b, c, d]);
    // A fourth pin is refused again; the restored comment can be pinned once a place is free.
    expect((await pin(admin, a)).body.error.code).toBe('too_many_pinned');
    await pin(admin, b, false);
    t.time.now += 1000; // pins show oldest pin first
    expect((await pin(admin, a)).status).toBe(200);
    expect(pinnedIds(await read(t))).toEqual([c, d, a]);
  });

  test('spam drops the pin too, undo and approve do not bring it back, and the audit says the pin went', async () => {
    const t = createTestApp();
    const { a, b, c } = await thread(t);
    const admin = await signIn(t);
    for (const id of [a, b, c]) await pin(admin, id);
    const spam = await admin.act('spam', [b]);
    expect(spam.status).toBe(200);
    expect(pinnedIds(await read(t))).toEqual([a, c]);
    const entry = (await admin.audit(`comment=${b}`))[0];
    expect([entry.action, entry.before, entry.after]).toEqual(['spam', { status: 'approved', pinned: true }, { status: 'spam', pinned: false }]);
    // Undoing the spam mark puts the comment back, unpinned: the place it had may be taken by then.
    expect((await admin.post('/undo', { undo: spam.body.undo.id })).status).toBe(200);
    expect(pinnedIds(await read(t))).toEqual([a, c]);
    expect(ids(await read(t))).toContain(b);

    // Approving a trashed comment straight away does not pin it again either.
    await admin.act('trash', [c]);
    expect((await admin.act('approve', [c])).status).toBe(200);
    expect(pinnedIds(await read(t))).toEqual([a]);
  });

  test('a pinned comment deleted to a placeholder loses its pin and takes no pinned place', async () => {
    const t = createTestApp();
    const { a, b, c, reply } = await thread(t);
    const admin = await signIn(t);
    for (const id of [a, b, c]) await pin(admin, id);
    expect((await admin.del(`/comments/${a}`)).status).toBe(204);
    const body = await read(t);
    expect(pinnedIds(body)).toEqual([b, c]);
    expect(ids(body)).toEqual([b, c, a, reply]);
    const d = (await t.comment({ text: 'fourth' })).body.comment.id as number;
    expect((await pin(admin, d)).status).toBe(200);
    expect(pinnedIds(await read(t))).toEqual([b, c, d]);
  });

  test('a pin left on a comment that is not approved (from an import, or from before) neither hides it nor takes a place', async () => {
    const t = createTestApp();
    const { a, b, c, reply } = await thread(t);
    const d = (await t.comment({ text: 'fourth' })).body.comment.id as number;
    const admin = await signIn(t);
    await admin.act('trash', [a]);
    // As an older version left it: a trashed comment that kept its pin.
    await t.sql(`UPDATE comments SET pinned_at = 1 WHERE id = ${a}`);
    for (const id of [b, c, d]) expect((await pin(admin, id)).status).toBe(200);
    const body = await read(t);
    expect(pinnedIds(body)).toEqual([b, c, d]);
    expect(ids(body)).toEqual([b, c, d, a, reply]);
    await admin.act('restore', [a]);
    expect(pinnedIds(await read(t))).toEqual([b, c, d]);
    expect(ids(await read(t))).toEqual([b, c, d, a, reply]);
  });
});
