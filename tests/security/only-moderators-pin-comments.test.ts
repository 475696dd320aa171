import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

const firstOf = async (t: ReturnType<typeof createTestApp>) => ((await (await t.get('/api/comments?page=/post/')).json()) as any).comments[0];

describe('only a moderator pins a comment', () => {
  test('a reader cannot pin by sending `pinned` with a comment, nor call the pin endpoint without a session or from another site', async () => {
    const t = createTestApp();
    const early = (await t.comment({ text: 'early' })).body.comment.id;
    t.time.now += 1000;
    const sneaky = await t.comment({ text: 'pin me', pinned: true, pinned_at: 1 });
    expect(sneaky.body.comment.pinned).toBeUndefined();
    expect((await firstOf(t)).id).toBe(early);

    const id = sneaky.body.comment.id;
    expect((await t.post(`/api/admin/comments/${id}/pin`, { pinned: true }, { Origin: 'http://localhost' })).status).toBe(401);
    // A live admin session, but the request comes from a blog's page: refused as cross-site forgery.
    const admin = await signIn(t);
    const forged = await t.post(`/api/admin/comments/${id}/pin`, { pinned: true }, { Cookie: admin.cookie, Origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await firstOf(t)).id).toBe(early);
    expect(await admin.audit(`comment=${id}`)).toEqual([]);
  });

  test('a fourth pin is refused even when asked for at once (the thread holds three)', async () => {
    const t = createTestApp();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await t.comment({ text: `comment ${i}` })).body.comment.id);
    const admin = await signIn(t);
    const answers = await Promise.all(ids.map((id) => admin.post(`/comments/${id}/pin`, { pinned: true })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'too_many_pinned')).toBe(true);
    expect(await t.sql.value('SELECT count(*) FROM comments WHERE pinned_at IS NOT NULL')).toBe(3);
  });
});
