import { describe, expect, test } from 'vitest';
import { createTestApp } from '../helpers/test-app.ts';

/** Reads server-sent events from a streaming response until `count` have arrived. */
async function readEvents(response: Response, count: number) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: any }> = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /api/events', () => {
  test('streams new, liked, edited and removed comments of one thread only', async () => {
    const t = createTestApp();
    const controller = new AbortController();
    const response = await t.app.request('/api/events?page=/post/', { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = readEvents(response, 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { body } = await t.comment({ text: 'live!' });
    await t.comment({ page: '/elsewhere/', text: 'not this thread' });
    await t.request('POST', '/api/comments/1/like', undefined, { 'X-Parley-Reader': 'r'.repeat(22) });
    await t.request('PATCH', '/api/comments/1', { text: 'live, edited' }, { 'X-Parley-Token': body.editToken });
    await t.request('DELETE', '/api/comments/1', undefined, { 'X-Parley-Token': body.editToken });
    const events = await reading;
    controller.abort();
    expect(events.map((e) => e.event)).toEqual(['ready', 'comment', 'likes', 'comment', 'removed']);
    expect(events[1]!.data).toMatchObject({ id: 1, html: '<p>live!</p>', status: 'approved', mine: false });
    expect(JSON.stringify(events)).not.toContain('ada@example.com');
    expect(events[2]!.data).toEqual({ id: 1, likes: 1 });
    expect(events[3]!.data.html).toBe('<p>live, edited</p>');
    expect(events[4]!.data).toEqual({ id: 1 });
  });

  test('a held comment is not announced', async () => {
    const t = createTestApp();
    await t.repos.sites.saveSettings('default', { moderation: 'all', holdLinks: 2 }, 0);
    const response = await t.app.request('/api/events?page=/post/');
    const reading = readEvents(response, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.comment({ text: 'held' });
    await t.repos.sites.saveSettings('default', { moderation: 'open', holdLinks: 2 }, 0);
    await t.comment({ text: 'open', author: { name: 'Bob', email: 'bob@example.com' } });
    const events = await reading;
    expect(events.map((e) => [e.event, e.data.html])).toEqual([
      ['ready', undefined],
      ['comment', '<p>open</p>'],
    ]);
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
