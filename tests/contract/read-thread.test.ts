import { EXTERNAL_VERSION_MS } from '../../server/db/repos.ts';
import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { openDatabase } from '../../server/db/open.ts';
import { testEngine } from '../helpers/test-repos.ts';

const list = async (t: TestApp, query: string, headers?: Record<string, string>) => {
  const response = await t.get(`/api/comments?${query}`, headers);
  return { status: response.status, body: (await response.json()) as any };
};

async function seed(t: TestApp, roots: number) {
  for (let i = 0; i < roots; i++) {
    t.time.now += 1000;
    const { body } = await t.comment({ text: `root ${i}` });
    t.time.now += 1000;
    await t.comment({ text: `reply to ${i}`, parent: body.comment.id });
  }
}

describe('GET /api/comments', () => {
  test('an unknown page is 200 with no comments', async () => {
    const t = createTestApp();
    const { status, body } = await list(t, 'page=/nothing-here/');
    expect(status).toBe(200);
    expect(body).toEqual({
      thread: { page: '/nothing-here/', title: '', count: 0, locked: false },
      comments: [],
      next: null,
      more: {},
      config: expect.objectContaining({ maxDepth: 5 }),
    });
  });

  test('pages over top-level comments with an opaque cursor; each page carries its replies', async () => {
    const t = createTestApp();
    await seed(t, 5);
    const first = await list(t, 'page=/post/&limit=2');
    expect(first.body.thread).toEqual({ page: '/post/', title: 'A post', count: 10, locked: false });
    expect(first.body.comments.map((c: any) => c.html)).toEqual(['<p>root 0</p>', '<p>root 1</p>', '<p>reply to 0</p>', '<p>reply to 1</p>']);
    expect(typeof first.body.next).toBe('string');
    const second = await list(t, `page=/post/&limit=2&after=${first.body.next}`);
    expect(second.body.comments.map((c: any) => c.html)).toEqual(['<p>root 2</p>', '<p>root 3</p>', '<p>reply to 2</p>', '<p>reply to 3</p>']);
    const third = await list(t, `page=/post/&limit=2&after=${second.body.next}`);
    expect(third.body.comments.map((c: any) => c.html)).toEqual(['<p>root 4</p>', '<p>reply to 4</p>']);
    expect(third.body.next).toBeNull();
  });

  test('sorts newest first and most liked first, replies always oldest first', async () => {
    const t = createTestApp();
    await seed(t, 3);
    const newest = await list(t, 'page=/post/&sort=newest');
    expect(newest.body.comments.filter((c: any) => c.depth === 1).map((c: any) => c.html)).toEqual(['<p>root 2</p>', '<p>root 1</p>', '<p>root 0</p>']);
    await t.post('/api/comments/3/like', undefined, { 'X-Parley-Reader': 'reader-aaaaaaaaaaaaaaaa' });
    const top = await list(t, 'page=/post/&sort=top&limit=1');
    expect(top.body.comments[0]).toMatchObject({ id: 3, likes: 1 });
    const rest = await list(t, `page=/post/&sort=top&limit=5&after=${top.body.next}`);
    expect(rest.body.comments.filter((c: any) => c.depth === 1).map((c: any) => c.id)).toEqual([1, 5]);
  });

  test('a held comment is shown to its author (by edit token) and to nobody else', async () => {
    const t = createTestApp();
    await t.comment({ text: 'public' });
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const held = await t.comment({ text: 'held one' });
    expect(held.status).toBe(202);
    const stranger = await list(t, 'page=/post/');
    expect(stranger.body.comments.map((c: any) => c.html)).toEqual(['<p>public</p>']);
    const author = await list(t, 'page=/post/', { 'X-Parley-Tokens': held.body.editToken });
    expect(author.body.comments.map((c: any) => [c.html, c.status, c.mine])).toEqual([
      ['<p>public</p>', 'approved', false],
      ['<p>held one</p>', 'pending', true],
    ]);
    const forged = await list(t, 'page=/post/', { 'X-Parley-Tokens': `${held.body.comment.id}.${'A'.repeat(43)}` });
    expect(forged.body.comments).toHaveLength(1);
  });

  test('a new comment shows in the next read (the cached page is forgotten)', async () => {
    const t = createTestApp();
    await t.comment({ text: 'first' });
    expect((await list(t, 'page=/post/')).body.comments).toHaveLength(1);
    await t.comment({ text: 'second' });
    expect((await list(t, 'page=/post/')).body.comments).toHaveLength(2);
  });

  // SQLite only: PostgreSQL's other processes are tested in tests/postgres/two-servers.test.ts.
  test.skipIf(testEngine() === 'postgres')('SQLite: a write by another connection to the same database file is seen within 50 ms', async () => {
    const { tempDir } = await import('../helpers/server.ts');
    const dir = tempDir();
    try {
      const path = `${dir.path}/shared.db`;
      const { loadConfig } = await import('../../server/config.ts');
      const { createRepos } = await import('../../server/db/repos.ts');
      const { createApp } = await import('../../server/app.ts');
      const db = openDatabase(path);
      const app = createApp({ config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }), repos: createRepos(db), secret: 's'.repeat(40), log: () => {} });
      const read = async () => ((await (await app.request('/api/comments?page=/p/')).json()) as any).comments.length;
      expect(await read()).toBe(0);
      const other = createRepos(openDatabase(path));
      await other.comments.postComment({
        siteId: 'default',
        page: '/p/',
        title: '',
        parentId: null,
        status: 'approved',
        text: 'x',
        html: '<p>x</p>',
        authorName: 'I',
        authorEmail: '',
        authorUrl: '',
        avatarKey: '',
        accountId: null,
        isModerator: false,
        ip: '',
        userAgent: '',
        editTokenHash: null,
        notify: false,
        createdAt: 1,
        maxDepth: 5,
      });
      // Each process asks SQLite whether another connection wrote at most every EXTERNAL_VERSION_MS.
      await new Promise((resolve) => setTimeout(resolve, EXTERNAL_VERSION_MS + 5));
      expect(await read()).toBe(1);
    } finally {
      dir.cleanup();
    }
  });

  test('bad queries are 400 naming the parameter', async () => {
    const t = createTestApp();
    expect((await list(t, '')).body.error).toMatchObject({ code: 'required', field: 'page' });
    expect((await list(t, 'page=/p/&limit=101')).body.error).toMatchObject({ code: 'too_large', field: 'limit' });
    expect((await list(t, 'page=/p/&sort=random')).body.error).toMatchObject({ field: 'sort' });
    expect((await list(t, 'page=/p/&after=garbage')).body.error).toMatchObject({ code: 'invalid_value', field: 'after' });
  });
});
