import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

const MINUTE = 60_000;

describe('GET /api/recent', () => {
  test('the newest approved comments across pages, each with its page, title, author and a plain-text excerpt', async () => {
    const t = createTestApp();
    await t.comment({ page: '/one/', title: 'One', text: 'First on one', author: { name: 'Ada', email: 'ada@example.com', url: 'https://ada.example' } });
    t.time.now += MINUTE;
    await t.comment({ page: '/two/', title: 'Two', text: `A **long** comment ${'word '.repeat(60)}`, author: { name: 'Bo', email: 'bo@example.com' } });
    t.time.now += MINUTE;
    const last = await t.comment({ page: '/one/', title: 'One', text: 'Second on one', author: { name: 'Cy', email: 'cy@example.com' } });
    const response = await t.get('/api/recent?limit=2');
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.site).toBe('default');
    expect(body.comments).toHaveLength(2);
    expect(body.comments[0]).toEqual({
      id: last.body.comment.id,
      page: '/one/',
      title: 'One',
      author: { name: 'Cy', url: null },
      excerpt: 'Second on one',
      createdAt: new Date(t.time.now).toISOString(),
    });
    expect(body.comments[1].title).toBe('Two');
    expect(body.comments[1].excerpt.startsWith('A long comment word')).toBe(true);
    expect(body.comments[1].excerpt.endsWith('…')).toBe(true);
    expect(body.comments[1].excerpt.length).toBeLessThanOrEqual(141);
    expect(JSON.stringify(body)).not.toContain('@example.com');
    const all = (await (await t.get('/api/recent')).json()) as any;
    expect(all.comments.map((c: any) => c.author.name)).toEqual(['Cy', 'Bo', 'Ada']);
  });

  test('limit is 1 to 50; a bad one or a bad site is a 400 naming the field', async () => {
    const t = createTestApp();
    for (const [query, field] of [
      ['limit=51', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['site=no%20spaces', 'site'],
    ]) {
      const response = await t.get(`/api/recent?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).error.field).toBe(field);
    }
    expect((await t.get('/api/recent?limit=50')).status).toBe(200);
  });

  test('cached, and forgotten when a comment of the site changes; ETag answers 304', async () => {
    const t = createTestApp();
    const admin = await signIn(t);
    const first = await t.comment({ text: 'Kept' });
    const before = await t.get('/api/recent?limit=5');
    const etag = before.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await t.get('/api/recent?limit=5', { 'If-None-Match': etag })).status).toBe(304);
    await t.comment({ text: 'Newer', page: '/other/' });
    const after = await t.get('/api/recent?limit=5', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(((await after.json()) as any).comments.map((c: any) => c.excerpt)).toEqual(['Newer', 'Kept']);
    await admin.act('spam', [first.body.comment.id]);
    expect(((await (await t.get('/api/recent?limit=5')).json()) as any).comments.map((c: any) => c.excerpt)).toEqual(['Newer']);
  });

  test('compressed like other JSON when large', async () => {
    const t = createTestApp();
    for (let i = 0; i < 20; i++) await t.comment({ text: `Comment number ${i} with some words to make it longer than a packet`, page: `/p${i}/` });
    const response = await t.get('/api/recent?limit=20', { 'Accept-Encoding': 'br, gzip' });
    expect(response.headers.get('content-encoding')).toBe('br');
  });
});
