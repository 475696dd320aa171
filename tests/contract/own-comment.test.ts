import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';

describe('PATCH and DELETE /api/comments/:id', () => {
  test('the author edits with their edit token: 200 with the re-rendered comment', async () => {
    const t = createTestApp();
    const { body } = await t.comment();
    t.time.now += 60_000;
    const response = await t.request('PATCH', '/api/comments/1', { text: 'Edited **text**' }, { 'X-Parley-Token': body.editToken });
    expect(response.status).toBe(200);
    const { comment } = (await response.json()) as any;
    expect(comment).toMatchObject({ id: 1, html: '<p>Edited <strong>text</strong></p>', mine: true, editedAt: new Date(t.time.now).toISOString() });
  });

  test("403 not_yours without the token or with another comment's token; 404 for no such comment", async () => {
    const t = createTestApp();
    const first = await t.comment();
    await t.comment({ text: 'second' });
    const none = await t.request('PATCH', '/api/comments/2', { text: 'x' });
    expect(none.status).toBe(403);
    expect(((await none.json()) as any).error.code).toBe('not_yours');
    const other = await t.request('PATCH', '/api/comments/2', { text: 'x' }, { 'X-Parley-Token': first.body.editToken });
    expect(other.status).toBe(403);
    const missing = await t.request('DELETE', '/api/comments/99', undefined, { 'X-Parley-Token': first.body.editToken });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('not_found');
  });

  test('403 edit_window_closed after EDIT_WINDOW_MINUTES, for edit and delete alike', async () => {
    const t = createTestApp({ EDIT_WINDOW_MINUTES: '15' });
    const { body } = await t.comment();
    t.time.now += 15 * 60_000 + 1;
    const headers = { 'X-Parley-Token': body.editToken };
    const edit = await t.request('PATCH', '/api/comments/1', { text: 'late' }, headers);
    expect(edit.status).toBe(403);
    expect(((await edit.json()) as any).error.code).toBe('edit_window_closed');
    expect((await t.request('DELETE', '/api/comments/1', undefined, headers)).status).toBe(403);
    expect(await t.sql.one('SELECT text FROM comments WHERE id = 1')).toEqual({ text: 'Hello there' });
  });

  test('an edit with invalid text is 400 and changes nothing', async () => {
    const t = createTestApp();
    const { body } = await t.comment();
    const response = await t.request('PATCH', '/api/comments/1', { text: '' }, { 'X-Parley-Token': body.editToken });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ code: 'required', field: 'text' });
    expect(await t.sql.one('SELECT text, edited_at FROM comments WHERE id = 1')).toEqual({ text: 'Hello there', edited_at: null });
  });

  test('deleting a comment without replies removes it: 204, gone from the thread and the count', async () => {
    const t = createTestApp();
    const { body } = await t.comment();
    const response = await t.request('DELETE', '/api/comments/1', undefined, { 'X-Parley-Token': body.editToken });
    expect(response.status).toBe(204);
    const thread = (await (await t.get('/api/comments?page=/post/')).json()) as any;
    expect(thread.comments).toEqual([]);
    expect(thread.thread.count).toBe(0);
  });

  test('deleting a comment with replies leaves a placeholder; deleting the last reply then removes the placeholder too', async () => {
    const t = createTestApp();
    const root = await t.comment();
    const reply = await t.comment({ parent: 1, text: 'a reply', author: { name: 'Bob', email: 'bob@example.com' } });
    await t.request('DELETE', '/api/comments/1', undefined, { 'X-Parley-Token': root.body.editToken });
    let thread = (await (await t.get('/api/comments?page=/post/')).json()) as any;
    expect(thread.comments.map((c: any) => [c.id, c.status, c.html, c.author.name])).toEqual([
      [1, 'deleted', '', ''],
      [2, 'approved', '<p>a reply</p>', 'Bob'],
    ]);
    expect(thread.thread.count).toBe(1);
    expect(await t.sql.one('SELECT text, author_email FROM comments WHERE id = 1')).toEqual({ text: '', author_email: '' });
    await t.request('DELETE', '/api/comments/2', undefined, { 'X-Parley-Token': reply.body.editToken });
    thread = (await (await t.get('/api/comments?page=/post/')).json()) as any;
    expect(thread.comments).toEqual([]);
    expect(await t.sql.one('SELECT count(*) AS n FROM comments')).toEqual({ n: 0 });
  });
});

describe('likes', () => {
  const reader = (id: string) => ({ 'X-Parley-Reader': id.padEnd(22, '0') });

  test('once per reader; a reader can take a like back', async () => {
    const t = createTestApp();
    await t.comment();
    const like = async (who: string, method = 'POST') => {
      const response = await t.request(method, '/api/comments/1/like', undefined, reader(who));
      return { status: response.status, body: (await response.json()) as any };
    };
    expect(await like('alice')).toEqual({ status: 200, body: { likes: 1, liked: true } });
    expect(await like('alice')).toEqual({ status: 200, body: { likes: 1, liked: true } });
    expect(await like('bob')).toEqual({ status: 200, body: { likes: 2, liked: true } });
    expect(await like('alice', 'DELETE')).toEqual({ status: 200, body: { likes: 1, liked: false } });
    const thread = (await (await t.get('/api/comments?page=/post/')).json()) as any;
    expect(thread.comments[0].likes).toBe(1);
  });

  test('404 for a missing or held comment; 400 without a reader id', async () => {
    const t = createTestApp();
    expect((await t.request('POST', '/api/comments/5/like', undefined, reader('a'))).status).toBe(404);
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    await t.comment();
    expect((await t.request('POST', '/api/comments/1/like', undefined, reader('a'))).status).toBe(404);
    await t.sql("UPDATE comments SET status = 'approved'");
    const bare = await t.request('POST', '/api/comments/1/like');
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as any).error).toMatchObject({ code: 'required', field: 'reader' });
  });
});
