import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';

describe('POST /api/comments', () => {
  test('publishes a guest comment at once on a new site: 201 with the comment and an edit token', async () => {
    const t = createTestApp();
    const { status, body } = await t.comment({ text: 'Hello *world*', author: { name: 'Ada', email: 'Ada@Example.com', url: 'ada.example.com' } });
    expect(status).toBe(201);
    expect(body.comment).toMatchObject({
      id: 1,
      parent: null,
      page: '/post/',
      depth: 1,
      status: 'approved',
      mine: true,
      likes: 0,
      editedAt: null,
      html: '<p>Hello <em>world</em></p>',
      author: { name: 'Ada', url: 'http://ada.example.com/', isModerator: false },
    });
    expect(body.comment.author.avatar).toMatch(/^\/avatar\/[a-f0-9]{32}$/);
    expect(body.editToken).toMatch(/^1\.[A-Za-z0-9_-]{40,}$/);
    expect(JSON.stringify(body).toLowerCase()).not.toContain('ada@example.com');
  });

  test('holds the comment with 202 when the site holds every comment', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const { status, body } = await t.comment();
    expect(status).toBe(202);
    expect(body.comment.status).toBe('pending');
    const list = await (await t.get('/api/comments?page=/post/')).json();
    expect(list.comments).toEqual([]);
    expect(list.thread.count).toBe(0);
  });

  test('holds a first-time commenter, then publishes once they have an approved comment', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'first-time', holdLinks: 2 }, 0);
    expect((await t.comment()).status).toBe(202);
    await t.sql("UPDATE comments SET status = 'approved'");
    expect((await t.comment({ text: 'Second thought' })).status).toBe(201);
  });

  test('holds a comment with two or more links by default', async () => {
    const t = createTestApp();
    const { status } = await t.comment({ text: 'see http://a.example and http://b.example' });
    expect(status).toBe(202);
  });

  test.each([
    [{ text: '' }, 'text', 'required'],
    [{ text: '   ' }, 'text', 'required'],
    [{ text: 'x'.repeat(10_001) }, 'text', 'too_long'],
    [{ author: { name: '', email: 'a@b.co' } }, 'author.name', 'required'],
    [{ author: { name: 'N'.repeat(101), email: 'a@b.co' } }, 'author.name', 'too_long'],
    [{ author: { name: 'Ada', email: '' } }, 'author.email', 'required'],
    [{ author: { name: 'Ada', email: 'not-an-email' } }, 'author.email', 'invalid_email'],
    [{ author: { name: 'Ada', email: 'a@b.co', url: 'javascript:alert(1)' } }, 'author.url', 'invalid_url'],
    [{ author: { name: 'Ada', email: 'a@b.co', url: `http://x.co/${'a'.repeat(500)}` } }, 'author.url', 'too_long'],
    [{ author: undefined }, 'author', 'required'],
    [{ page: '' }, 'page', 'required'],
    [{ page: 42 }, 'page', 'invalid_value'],
    [{ site: 'no spaces please' }, 'site', 'invalid_value'],
    [{ parent: 'x' }, 'parent', 'invalid_value'],
  ])('refuses %j with 400 naming %s (%s), and writes nothing', async (fields, field, code) => {
    const t = createTestApp();
    const { status, body } = await t.comment(fields);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code, field });
    expect(body.error.message).toMatch(/\w+ /);
    expect(await t.sql.one('SELECT count(*) AS n FROM comments')).toEqual({ n: 0 });
    expect(await t.sql.one('SELECT count(*) AS n FROM threads')).toEqual({ n: 0 });
  });

  test('name and email may be left out when REQUIRE_NAME_EMAIL is off', async () => {
    const t = createTestApp({ REQUIRE_NAME_EMAIL: 'false' });
    const { status, body } = await t.comment({ author: undefined });
    expect(status).toBe(201);
    expect(body.comment.author.name).toBe('');
  });

  test('a reply to a comment on another page is refused and leaves no thread behind', async () => {
    const t = createTestApp();
    await t.comment({ page: '/a/' });
    const { status, body } = await t.comment({ page: '/b/', parent: 1, text: 'reply' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'parent_not_found', field: 'parent' });
    expect(await t.sql.one("SELECT count(*) AS n FROM threads WHERE page = '/b/'")).toEqual({ n: 0 });
  });

  test('replies nest to MAX_DEPTH; a reply to the deepest level stays at that depth under the same parent', async () => {
    const t = createTestApp({ MAX_DEPTH: '3' });
    let parent: number | null = null;
    const depths: Array<[number, number | null]> = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await t.comment({ parent, text: `level ${i}` });
      depths.push([body.comment.depth, body.comment.parent]);
      parent = body.comment.id;
    }
    expect(depths).toEqual([
      [1, null],
      [2, 1],
      [3, 2],
      [3, 2],
      [3, 2],
    ]);
  });

  test('the same text from the same author on the same page is a 409 duplicate_comment', async () => {
    const t = createTestApp();
    await t.comment();
    const { status, body } = await t.comment();
    expect(status).toBe(409);
    expect(body.error.code).toBe('duplicate_comment');
    expect((await t.comment({ author: { name: 'Bob', email: 'bob@example.com' } })).status).toBe(201);
  });

  test('a locked thread answers 403 thread_locked', async () => {
    const t = createTestApp();
    await t.comment();
    await t.sql('UPDATE threads SET locked = 1');
    const { status, body } = await t.comment({ text: 'late' });
    expect(status).toBe(403);
    expect(body.error.code).toBe('thread_locked');
  });

  test('415 when the body is not JSON, 400 when the JSON is broken, 413 past 64 KB', async () => {
    const t = createTestApp();
    const plain = await t.app.request('/api/comments', { method: 'POST', body: 'text=hi', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(plain.status).toBe(415);
    expect((await plain.json()).error.code).toBe('unsupported_media_type');
    const broken = await t.app.request('/api/comments', { method: 'POST', body: '{"text":', headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_json');
    const big = await t.post('/api/comments', { page: '/p/', text: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('body_too_large');
  });

  test('429 with Retry-After past the per-address limit; other addresses are not affected', async () => {
    const t = createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const from = (ip: string) => ({ 'x-test-client-ip': ip });
    expect((await t.comment({ text: 'one' }, from('10.0.0.1'))).status).toBe(201);
    expect((await t.comment({ text: 'two' }, from('10.0.0.1'))).status).toBe(201);
    const response = await t.post('/api/comments', { page: '/post/', text: 'three', author: { name: 'A', email: 'a@b.co' } }, from('10.0.0.1'));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await response.json()).error.code).toBe('rate_limited');
    expect((await t.comment({ text: 'four' }, from('10.0.0.2'))).status).toBe(201);
    t.time.now += 60_000;
    expect((await t.comment({ text: 'five' }, from('10.0.0.1'))).status).toBe(201);
  });

  test('an unexpected failure answers 500 without internals', async () => {
    const t = createTestApp(
      {},
      {
        accountOf: async () => {
          throw new Error('SQLITE_CORRUPT: secret detail');
        },
      },
    );
    const response = await t.post('/api/comments', { page: '/p/', text: 'hi', author: { name: 'A', email: 'a@b.co' } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('SQLITE');
    expect(JSON.parse(text).error.code).toBe('internal_error');
  });
});
