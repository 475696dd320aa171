import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';
import { eventReader } from '../helpers/sse.ts';

describe('GET /api/events', () => {
  test('streams new, liked, edited and removed comments of one thread only', async () => {
    const t = createTestApp();
    const controller = new AbortController();
    const response = await t.app.request('/api/events?page=/post/', { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = eventReader(response);
    expect(await events.next()).toMatchObject({ event: 'ready' });
    const { body } = await t.comment({ text: 'live!' });
    await t.comment({ page: '/elsewhere/', text: 'not this thread' });
    const created = await events.next();
    expect(created).toMatchObject({ event: 'comment', data: { id: 1, html: '<p>live!</p>', status: 'approved', mine: false } });
    expect(JSON.stringify(created)).not.toContain('ada@example.com');
    await t.request('POST', '/api/comments/1/like', undefined, { 'X-Parley-Reader': 'r'.repeat(22) });
    expect(await events.next()).toEqual({ event: 'likes', data: { id: 1, likes: 1 } });
    await t.request('PATCH', '/api/comments/1', { text: 'live, edited' }, { 'X-Parley-Token': body.editToken });
    expect(await events.next()).toMatchObject({ event: 'comment', data: { id: 1, html: '<p>live, edited</p>' } });
    await t.request('DELETE', '/api/comments/1', undefined, { 'X-Parley-Token': body.editToken });
    expect(await events.next()).toEqual({ event: 'removed', data: { id: 1 } });
    // A like read after the comment left (PostgreSQL reads the row when the change is delivered) announces nothing more.
    t.repos.changes.emit({ type: 'liked', siteId: 'default', page: '/post/', commentId: 1 });
    await t.comment({ text: 'after' });
    expect(await events.next()).toMatchObject({ event: 'comment', data: { html: '<p>after</p>' } });
    await events.close();
    controller.abort();
  });

  test('a held comment is not announced', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const response = await t.app.request('/api/events?page=/post/');
    const events = eventReader(response);
    expect(await events.next()).toMatchObject({ event: 'ready' });
    await t.comment({ text: 'held' });
    await t.repos.sites.saveSettings('default', { moderation: 'open', holdLinks: 2 }, 0);
    await t.comment({ text: 'open', author: { name: 'Bob', email: 'bob@example.com' } });
    const next = await events.next();
    expect([next.event, next.data.html]).toEqual(['comment', '<p>open</p>']);
    await events.close();
  });
});

describe('GET /feed.atom', () => {
  test("an Atom feed of a page's latest approved comments, escaped", async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example.com' });
    await t.comment({ title: 'Tom & <Jerry>', text: 'first <b>', author: { name: 'A "quoted" <name>', email: 'a@example.com', url: 'https://a.example' } });
    t.time.now += 1000;
    await t.comment({ text: 'second' });
    const response = await t.get('/feed.atom?page=/post/');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<title>Comments on “Tom &amp; &lt;Jerry&gt;”</title>');
    expect(xml).toContain('<name>A &quot;quoted&quot; &lt;name&gt;</name>');
    expect(xml).toContain('<content type="html">&lt;p&gt;first &amp;lt;b&amp;gt;&lt;/p&gt;</content>');
    expect(xml).toContain('href="https://blog.example.com/post/#comment-1"');
    expect(xml.indexOf('comment-2')).toBeLessThan(xml.indexOf('comment-1'));
    expect(xml).not.toContain('a@example.com');
  });
});
