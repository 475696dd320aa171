import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { UNDO_WINDOW_MS } from '../../server/db/types.ts';

const READER = { 'X-Parley-Reader': 'reader-aaaaaaaaaaaaaaaa' };
const thread = async (t: TestApp) => (await (await t.get('/api/comments?page=/post/')).json()) as any;
const feed = async (t: TestApp) => (await t.get('/feed.atom?page=/post/')).text();

/** Two approved comments and a pending one (the second approved one is for a moderator to mark as spam). */
async function mixed(t: TestApp) {
  const approved = (await t.comment({ text: 'an approved one' })).body.comment.id as number;
  const spam = (await t.comment({ text: 'a spam one' })).body.comment.id as number;
  await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
  const pending = (await t.comment({ text: 'a pending one' })).body.comment.id as number;
  await t.repos.sites.saveSettings('default', { moderation: 'open' }, 0);
  return { approved, pending, spam };
}

describe('POST /api/admin/undo', () => {
  test('a bulk trash answers what it changed and an undo; the undo puts each comment back to its own status, counts, feeds and audit following', async () => {
    const t = createTestApp();
    const { approved, pending, spam } = await mixed(t);
    const admin = await signIn(t);
    await admin.act('spam', [spam]);
    const before = await admin.counts();
    expect(before).toEqual({ pending: 1, reported: 0, approved: 1, spam: 1, trash: 0 });
    expect(await feed(t)).toContain('an approved one');

    const trashed = await admin.act('trash', [approved, pending, spam]);
    expect(trashed.status).toBe(200);
    expect(trashed.body.done).toEqual([
      { id: approved, from: 'approved', to: 'trash' },
      { id: pending, from: 'pending', to: 'trash' },
      { id: spam, from: 'spam', to: 'trash' },
    ]);
    expect(trashed.body.undo).toEqual({ id: expect.any(Number), expiresAt: new Date(t.time.now + UNDO_WINDOW_MS).toISOString() });
    expect(await admin.counts()).toEqual({ pending: 0, reported: 0, approved: 0, spam: 0, trash: 3 });
    expect((await thread(t)).thread.count).toBe(0);
    expect(await feed(t)).not.toContain('an approved one');

    t.time.now += 60_000;
    const undone = await admin.post('/undo', { undo: trashed.body.undo.id });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({
      action: 'trash',
      at: new Date(t.time.now - 60_000).toISOString(),
      done: [
        { id: approved, from: 'trash', to: 'approved' },
        { id: spam, from: 'trash', to: 'spam' },
        { id: pending, from: 'trash', to: 'pending' },
      ],
    });
    expect(await admin.counts()).toEqual(before);
    const view = await thread(t);
    expect([view.thread.count, view.comments.map((c: any) => c.id)]).toEqual([1, [approved]]);
    expect(await feed(t)).toContain('an approved one');
    const [entry] = await admin.audit(`comment=${spam}`);
    expect(entry).toMatchObject({
      actor: 'moderator',
      moderator: { id: admin.moderator.id },
      action: 'undo',
      commentId: spam,
      before: { status: 'trash' },
      after: { status: 'spam' },
      reason: `Undid "trash" of ${new Date(t.time.now - 60_000).toISOString()}.`,
    });
    expect(Date.parse(entry.at)).toBe(t.time.now);

    // Where each came from is kept too: the spam one, marked not spam, still goes back to Approved (where it was before spam).
    expect((await admin.act('restore', [spam])).body.done).toEqual([{ id: spam, from: 'spam', to: 'approved' }]);
    expect((await thread(t)).thread.count).toBe(2);
  });

  test('undoing "Keep (approve)" in Reported puts the reports back, so the comment is in Reported again', async () => {
    const t = createTestApp();
    const id = (await t.comment()).body.comment.id;
    await t.post(`/api/comments/${id}/report`, { reason: 'Rude' }, READER);
    const admin = await signIn(t);
    const kept = await admin.act('approve', [id]);
    expect(kept.body.done).toEqual([{ id, from: 'approved', to: 'approved' }]);
    expect((await admin.counts()).reported).toBe(0);
    expect((await admin.post('/undo', { undo: kept.body.undo.id })).status).toBe(200);
    expect((await admin.counts()).reported).toBe(1);
    expect((await admin.queue('queue=reported')).map((row) => [row.id, row.reports.map((r: any) => r.reason)])).toEqual([[id, ['Rude']]]);
  });

  test('an undo is refused whole, saying why, when a comment changed since; nothing is put back', async () => {
    const t = createTestApp();
    const { approved, pending } = await mixed(t);
    const admin = await signIn(t);
    const trashed = await admin.act('trash', [approved, pending]);
    await admin.act('restore', [pending]);
    const refused = await admin.post('/undo', { undo: trashed.body.undo.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'changed_since',
      field: 'undo',
      message: `Nothing was undone: comment #${pending} (now pending) changed after that action. Change them one by one instead.`,
    });
    expect(await admin.counts()).toMatchObject({ pending: 1, approved: 1, trash: 1 });

    // Changed and changed back (restored, then trashed again by someone) still counts as changed.
    await admin.act('trash', [pending]);
    const again = await admin.post('/undo', { undo: trashed.body.undo.id });
    expect(again.body.error.code).toBe('changed_since');
    expect(await admin.counts()).toMatchObject({ pending: 0, approved: 1, trash: 2 });
  });

  test('a comment deleted permanently since is named as such', async () => {
    const t = createTestApp();
    const { approved, pending } = await mixed(t);
    const admin = await signIn(t);
    const trashed = await admin.act('trash', [approved, pending]);
    expect((await admin.act('delete', [pending])).body).toEqual({ done: [{ id: pending, from: 'trash', to: 'purged' }], skipped: [], undo: null });
    const refused = await admin.post('/undo', { undo: trashed.body.undo.id });
    expect(refused.body.error.message).toBe(
      `Nothing was undone: comment #${pending} (deleted permanently) changed after that action. Change them one by one instead.`,
    );
    expect((await admin.counts()).trash).toBe(1);
  });

  test("only the moderator's own action, once, and only while it is recent", async () => {
    const t = createTestApp();
    const { approved, pending } = await mixed(t);
    const admin = await signIn(t);
    const other = await signIn(t, 'other@example.com', 'Ot');
    const first = await admin.act('trash', [approved]);

    const notYours = await other.post('/undo', { undo: first.body.undo.id });
    expect(notYours.status).toBe(404);
    expect(notYours.body.error).toMatchObject({ code: 'undo_not_found', field: 'undo' });
    expect((await other.post('/undo', { undo: 99_999 })).body.error.code).toBe('undo_not_found');
    expect((await admin.counts()).trash).toBe(1);

    expect((await admin.post('/undo', { undo: first.body.undo.id })).status).toBe(200);
    const twice = await admin.post('/undo', { undo: first.body.undo.id });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'already_undone']);
    expect((await admin.counts()).approved).toBe(2);

    const late = await admin.act('approve', [pending]);
    t.time.now += UNDO_WINDOW_MS + 1;
    const expired = await admin.post('/undo', { undo: late.body.undo.id });
    expect(expired.status).toBe(409);
    expect(expired.body.error).toEqual({
      code: 'undo_expired',
      field: 'undo',
      message: 'That action is more than 15 minutes old and can no longer be undone; change the comments one by one instead.',
    });
    expect((await admin.counts()).approved).toBe(3);
  });

  test('bad input names the field; an action that changed nothing offers no undo; a permanent delete offers none', async () => {
    const t = createTestApp();
    const { approved } = await mixed(t);
    const admin = await signIn(t);
    expect((await admin.post('/undo', { undo: 'x' })).body.error).toMatchObject({ code: expect.any(String), field: 'undo' });
    expect((await admin.post('/undo', {})).body.error).toMatchObject({ field: 'undo' });
    expect((await admin.act('approve', [approved])).body).toEqual({ done: [], skipped: [{ id: approved, reason: 'it is already approved' }], undo: null });
    expect((await admin.act('delete', [approved])).body.undo).toBeNull();
    expect((await t.post('/api/admin/undo', { undo: 1 }, { Origin: 'http://localhost' })).status).toBe(401);
  });
});
