import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

const thread = async (t: TestApp, page = '/post/') => (await (await t.get(`/api/comments?page=${page}`)).json()) as any;
const held = async (t: TestApp, n = 1) => {
  await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push((await t.comment({ text: `held ${i}` })).body.comment.id);
  return ids;
};

describe('POST /api/admin/actions', () => {
  test('approve publishes at once to readers (the cached thread updates) and is audited with before and after', async () => {
    const t = createTestApp();
    const [id] = await held(t);
    expect((await thread(t)).comments).toEqual([]);
    const admin = await signIn(t);
    const result = await admin.act('approve', [id!]);
    expect(result.body).toEqual({
      done: [{ id, from: 'pending', to: 'approved' }],
      skipped: [],
      undo: { id: expect.any(Number), expiresAt: expect.any(String) },
    });
    const after = await thread(t);
    expect(after.thread.count).toBe(1);
    expect(after.comments.map((c: any) => c.id)).toEqual([id]);
    const [entry] = await admin.audit(`comment=${id}`);
    expect(entry).toMatchObject({
      actor: 'moderator',
      moderator: { id: admin.moderator.id, email: 'mod@example.com' },
      action: 'approve',
      commentId: id,
      site: 'default',
      page: '/post/',
      before: { status: 'pending' },
      after: { status: 'approved' },
    });
    expect(Date.parse(entry.at)).toBe(t.time.now);
  });

  test('spam and trash hide a comment; restore brings back the status it had; counts follow', async () => {
    const t = createTestApp();
    const [a, b] = await held(t, 2);
    const admin = await signIn(t);
    await admin.act('approve', [a!, b!]);
    expect((await admin.act('spam', [a!])).body.done).toEqual([{ id: a, from: 'approved', to: 'spam' }]);
    expect((await admin.act('trash', [b!])).body.done).toEqual([{ id: b, from: 'approved', to: 'trash' }]);
    expect(await admin.counts()).toEqual({ pending: 0, reported: 0, approved: 0, spam: 1, trash: 1 });
    expect((await thread(t)).comments).toEqual([]);
    expect((await admin.act('restore', [a!, b!])).body.done).toEqual([
      { id: a, from: 'spam', to: 'approved' },
      { id: b, from: 'trash', to: 'approved' },
    ]);
    expect((await thread(t)).thread.count).toBe(2);
  });

  test('a held comment trashed and restored goes back to Pending', async () => {
    const t = createTestApp();
    const [id] = await held(t);
    const admin = await signIn(t);
    await admin.act('trash', [id!]);
    expect((await admin.act('restore', [id!])).body.done).toEqual([{ id, from: 'trash', to: 'pending' }]);
  });

  test('bulk actions report what they skipped and why; unknown actions and empty lists are refused', async () => {
    const t = createTestApp();
    const [id] = await held(t);
    const admin = await signIn(t);
    const result = await admin.act('restore', [id!, 999]);
    expect(result.body).toEqual({
      done: [],
      skipped: [
        { id, reason: 'it is not in the trash or spam' },
        { id: 999, reason: 'there is no such comment' },
      ],
      undo: null,
    });
    expect((await admin.act('approve', [id!, id!])).body.done).toHaveLength(1);
    expect((await admin.act('approve', [id!])).body.skipped).toEqual([{ id, reason: 'it is already approved' }]);
    expect((await admin.act('publish', [id!])).body.error).toMatchObject({ code: 'invalid_value', field: 'action' });
    expect((await admin.act('approve', [])).body.error).toMatchObject({ field: 'ids' });
  });

  test('delete permanently removes a comment, or leaves a placeholder when replies hang from it', async () => {
    const t = createTestApp();
    const root = (await t.comment({ text: 'root' })).body.comment.id;
    const reply = (await t.comment({ parent: root, text: 'reply', author: { name: 'Bo', email: 'bo@example.com' } })).body.comment.id;
    const lone = (await t.comment({ text: 'lone', author: { name: 'Cy', email: 'cy@example.com' } })).body.comment.id;
    const admin = await signIn(t);
    expect((await admin.act('delete', [root, lone])).body.done).toEqual([
      { id: root, from: 'approved', to: 'deleted' },
      { id: lone, from: 'approved', to: 'purged' },
    ]);
    const view = await thread(t);
    expect(view.comments.map((c: any) => [c.id, c.status, c.html])).toEqual([
      [root, 'deleted', ''],
      [reply, 'approved', '<p>reply</p>'],
    ]);
    expect(view.thread.count).toBe(1);
    expect((await admin.del(`/comments/${reply}`)).status).toBe(204);
    expect((await thread(t)).comments).toEqual([]);
    expect((await admin.del(`/comments/${reply}`)).status).toBe(404);
    const log = await admin.audit(`comment=${lone}`);
    expect(log[0]).toMatchObject({ action: 'delete', before: { status: 'approved', author: 'Cy', text: 'lone' }, after: null });
  });

  test('a trashed comment with replies shows to readers as a placeholder, never its text', async () => {
    const t = createTestApp();
    const root = (await t.comment({ text: 'secret root text' })).body.comment.id;
    await t.comment({ parent: root, text: 'reply', author: { name: 'Bo', email: 'bo@example.com' } });
    const admin = await signIn(t);
    await admin.act('trash', [root]);
    const view = await thread(t);
    expect(view.comments[0]).toMatchObject({ id: root, status: 'deleted', html: '', author: { name: '' } });
    expect(JSON.stringify(view)).not.toContain('secret root text');
  });
});

describe('editing, replying and locking', () => {
  test('PATCH /comments/:id edits the text, re-rendered; readers see it; the audit keeps before and after', async () => {
    const t = createTestApp();
    const id = (await t.comment({ text: 'Teh typo' })).body.comment.id;
    await thread(t);
    const admin = await signIn(t);
    const edited = await admin.patch(`/comments/${id}`, { text: 'The *fix*' });
    expect(edited.body.comment).toMatchObject({ text: 'The *fix*', html: '<p>The <em>fix</em></p>' });
    expect((await thread(t)).comments[0].html).toBe('<p>The <em>fix</em></p>');
    expect((await admin.audit(`comment=${id}`))[0]).toMatchObject({ action: 'edit', before: { text: 'Teh typo' }, after: { text: 'The *fix*' } });
    expect((await admin.patch(`/comments/${id}`, { text: ' ' })).body.error).toMatchObject({ code: 'required', field: 'text' });
    expect((await admin.patch('/comments/999', { text: 'x' })).status).toBe(404);
  });

  test('reply as moderator approves a held parent and publishes a reply with the moderator badge', async () => {
    const t = createTestApp();
    const [id] = await held(t);
    const admin = await signIn(t);
    const reply = await admin.post(`/comments/${id}/reply`, { text: 'Thanks for writing' });
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toMatchObject({ status: 'approved', parent: { id }, author: { name: 'Mo', email: 'mod@example.com', isModerator: true } });
    const view = await thread(t);
    expect(view.comments.map((c: any) => [c.id, c.status, c.author.isModerator])).toEqual([
      [id, 'approved', false],
      [reply.body.comment.id, 'approved', true],
    ]);
    expect((await admin.audit()).map((e) => e.action).slice(0, 2)).toEqual(['reply', 'approve']);
  });

  test('locking a thread closes it to readers (403 thread_locked, thread.locked true); unlocking reopens it', async () => {
    const t = createTestApp();
    await t.comment();
    await thread(t);
    const admin = await signIn(t);
    expect((await admin.post('/threads/lock', { page: '/post/', locked: true })).body.thread).toEqual({ site: 'default', page: '/post/', locked: true });
    expect((await thread(t)).thread.locked).toBe(true);
    expect((await t.comment({ text: 'more' })).body.error.code).toBe('thread_locked');
    await admin.post('/threads/lock', { page: '/post/', locked: false });
    expect((await thread(t)).thread.locked).toBe(false);
    expect((await t.comment({ text: 'more' })).status).toBe(201);
    expect((await admin.audit()).map((e) => [e.action, e.page, e.before, e.after])).toEqual([
      ['unlock', '/post/', { locked: true }, { locked: false }],
      ['lock', '/post/', { locked: false }, { locked: true }],
    ]);
  });

  test('a page can be locked before anyone comments; unlocking a thread closed by age reopens it for another period', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    await admin.post('/threads/lock', { page: '/future/', locked: true });
    expect((await thread(t, '/future/')).thread.locked).toBe(true);
    await t.comment();
    await t.repos.sites.saveSettings('default', { closeAfterDays: 7 }, 0);
    t.time.now += 8 * 86_400_000;
    expect((await t.comment({ text: 'late' })).status).toBe(403);
    const again = await signIn(t);
    expect((await again.post('/threads/lock', { page: '/post/', locked: false })).status).toBe(200);
    expect((await t.comment({ text: 'late' })).status).toBe(201);
  });
});
