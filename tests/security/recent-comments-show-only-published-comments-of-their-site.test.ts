import { expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

test('the recent list shows only approved comments of the site asked for, and never an email or address', async () => {
  const t = createTestApp({ TRUST_PROXY: 'true' });
  const admin = await signIn(t);
  const from = { 'X-Forwarded-For': '203.0.113.50' };
  const email = 'hidden@example.com';
  await t.comment({ text: 'Published', author: { name: 'Al', email } }, from);
  const spam = await t.comment({ text: 'Spam later', author: { name: 'Al', email } }, from);
  const trash = await t.comment({ text: 'Trash later', author: { name: 'Al', email } }, from);
  const mine = await t.comment({ text: 'Deleted by its author', author: { name: 'Al', email } }, from);
  await t.comment({ site: 'another-blog', page: '/p/', text: 'Another blog', author: { name: 'Al', email } }, from);
  await t.repos.sites.saveSettings('default', { moderation: 'all' }, t.time.now);
  await t.comment({ text: 'Held', author: { name: 'Al', email } }, from);
  await admin.act('spam', [spam.body.comment.id]);
  await admin.act('trash', [trash.body.comment.id]);
  expect((await t.request('DELETE', `/api/comments/${mine.body.comment.id}`, undefined, { 'X-Parley-Token': mine.body.editToken })).status).toBe(204);

  const raw = await (await t.get('/api/recent?limit=50')).text();
  expect(JSON.parse(raw).comments.map((c: any) => c.excerpt)).toEqual(['Published']);
  expect(raw).not.toContain(email);
  expect(raw).not.toContain('203.0.113.50');
  const other = JSON.parse(await (await t.get('/api/recent?site=another-blog')).text());
  expect(other.comments.map((c: any) => c.excerpt)).toEqual(['Another blog']);
});
