import { describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

async function seed(t: TestApp) {
  await t.repos.sites.saveSettings('default', { moderation: 'first-time', moderationWords: ['casino'] }, 0);
  const root = await t.comment({ text: 'A first thought' }, { 'x-test-client-ip': '10.0.0.1' });
  await t.sql("UPDATE comments SET status = 'approved'");
  await t.sql('UPDATE threads SET approved_count = 1');
  const reply = await t.comment(
    { parent: root.body.comment.id, text: 'Try the casino', author: { name: 'Bea', email: 'bea@example.com', url: 'bea.example' } },
    { 'x-test-client-ip': '10.0.0.2' },
  );
  const other = await t.comment(
    { page: '/other/', text: 'Hello from another page', author: { name: 'Cy', email: 'cy@example.com' } },
    { 'x-test-client-ip': '10.0.0.3' },
  );
  return { root: root.body.comment.id as number, reply: reply.body.comment.id as number, other: other.body.comment.id as number };
}

describe('GET /api/admin/queue and /counts', () => {
  test('Pending shows each held comment in context: page, parent excerpt, author, email, website, IP and why it was held', async () => {
    const t = createTestApp();
    const ids = await seed(t);
    const admin = await signIn(t);
    const pending = await admin.queue();
    expect(pending.map((row) => row.id)).toEqual([ids.other, ids.reply]);
    expect(pending[1]).toMatchObject({
      id: ids.reply,
      status: 'pending',
      site: 'default',
      page: '/post/',
      thread: { title: 'A post', locked: false },
      parent: { id: ids.root, author: 'Ada', excerpt: 'A first thought' },
      author: { name: 'Bea', email: 'bea@example.com', url: 'http://bea.example/', isModerator: false },
      ip: '10.0.0.2',
      text: 'Try the casino',
      html: '<p>Try the casino</p>',
      heldReason: 'moderation word "casino" in the text',
      reports: [],
    });
    expect(pending[0]).toMatchObject({ heldReason: 'first comment by this author', parent: null });
  });

  test('counts every queue, for all sites or one', async () => {
    const t = createTestApp();
    await seed(t);
    await t.comment({ site: 'blog2', page: '/x/', text: 'elsewhere', author: { name: 'Di', email: 'di@example.com' } });
    const admin = await signIn(t);
    expect(await admin.counts()).toEqual({ pending: 2, reported: 0, approved: 2, spam: 0, trash: 0 });
    expect(await admin.counts('blog2')).toEqual({ pending: 0, reported: 0, approved: 1, spam: 0, trash: 0 });
    expect((await admin.queue('queue=approved&site=blog2')).map((r) => r.text)).toEqual(['elsewhere']);
    expect((await admin.get('/sites')).body.sites).toEqual(['blog2', 'default']);
  });

  test.each([
    ['in=text&q=casino', ['Try the casino']],
    ['in=author&q=bea', ['Try the casino']],
    ['in=email&q=cy@example', ['Hello from another page']],
    ['in=ip&q=10.0.0.3', ['Hello from another page']],
    ['in=page&q=/other/', ['Hello from another page']],
    ['q=CASINO', ['Try the casino']],
    ['q=100%25', []],
    ['in=text&q=bea', []],
  ])('searches Pending by %s', async (query, texts) => {
    const t = createTestApp();
    await seed(t);
    const admin = await signIn(t);
    expect((await admin.queue(`queue=pending&${query}`)).map((row) => row.text)).toEqual(texts);
  });

  test('pages newest first with a cursor', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'all' }, 0);
    for (let i = 1; i <= 5; i++) await t.comment({ text: `comment ${i}` });
    const admin = await signIn(t);
    const first = await admin.get('/queue?queue=pending&limit=2');
    expect(first.body.comments.map((r: any) => r.text)).toEqual(['comment 5', 'comment 4']);
    const second = await admin.get(`/queue?queue=pending&limit=2&before=${first.body.next}`);
    expect(second.body.comments.map((r: any) => r.text)).toEqual(['comment 3', 'comment 2']);
    const last = await admin.get(`/queue?queue=pending&limit=2&before=${second.body.next}`);
    expect(last.body).toMatchObject({ next: null, comments: [{ text: 'comment 1' }] });
  });

  test('bad queue parameters are refused naming the field', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    expect((await admin.get('/queue?queue=everything')).body.error).toMatchObject({ code: 'invalid_value', field: 'queue' });
    expect((await admin.get('/queue?limit=500')).body.error).toMatchObject({ code: 'too_large', field: 'limit' });
    expect((await admin.get('/comments/999')).status).toBe(404);
  });
});
