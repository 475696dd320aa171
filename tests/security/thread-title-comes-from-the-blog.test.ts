import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServerResponse } from 'node:http';
import { createTestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { postPage, startLoopbackBlog } from '../helpers/blog-server.ts';
import { createMetaRefresher, MAX_ATTEMPTS, type MetaRefresher } from '../../server/threads/meta-refresher.ts';
import type { Lookup } from '../../server/threads/fetch-page.ts';

const DAY = 86_400_000;
const FIRST_POST = { title: 'FREE CRYPTO at evil.example', published: '2001-01-01T00:00:00Z' };

type Blog = Awaited<ReturnType<typeof startLoopbackBlog>>;

/** A test app whose page fetches the test can wait for; `origins` is SITE_ORIGINS, `lookup` the resolver the fetches use. */
function appFor(origins: string[], o: { lookup?: Lookup; timeoutMs?: number } = {}) {
  const logs: string[] = [];
  let pages!: MetaRefresher;
  const t = createTestApp({ SITE_ORIGINS: origins.join(',') }, (repos, clock) => {
    pages = createMetaRefresher({
      repo: repos.threadMeta,
      siteOrigins: origins,
      clock,
      log: (m) => void logs.push(m),
      lookup: o.lookup,
      timeoutMs: o.timeoutMs,
    });
    return { log: (message: string) => void logs.push(message), metaRefresher: pages };
  });
  return { t, logs, settled: () => pages.idle() };
}

const storedThread = async (t: ReturnType<typeof createTestApp>, page = '/post/') =>
  (await t.sql.one('SELECT title, published_at, meta_source FROM threads WHERE page = ?', page))!;

describe('the title and date feeds, mails and the admin show come from the blog page, not from the first poster', () => {
  let blog: Blog;
  let elsewhere: Blog;
  beforeAll(async () => {
    elsewhere = await startLoopbackBlog({ '/steal': '<title>internal secrets</title>' });
    blog = await startLoopbackBlog({
      '/post/': postPage('Transformation Cambodia', '2026-11-20T08:00:00Z'),
      '/moved/': (res: ServerResponse) => void res.writeHead(301, { Location: '/post/' }).end(),
      '/away/': (res: ServerResponse) => void res.writeHead(302, { Location: `${elsewhere.origin}/steal` }).end(),
      '/endless/': (res: ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.write(postPage('Endless').replace('</body></html>', ''));
        const more = () => res.write('x'.repeat(64 * 1024), () => setImmediate(more));
        more();
      },
      '/silent/': () => {},
      '/feed.xml': (res: ServerResponse) => void res.writeHead(200, { 'Content-Type': 'application/xml' }).end('<rss/>'),
    });
  });
  afterAll(async () => {
    await blog.close();
    await elsewhere.close();
  });

  test("a first poster names the post FREE CRYPTO and dates it 2001: the blog page's title and date replace both", async () => {
    const { t, settled } = appFor([blog.origin]);
    await t.repos.sites.saveSettings('default', { closeAfterDays: 14 }, 0);
    expect((await t.comment(FIRST_POST)).status).toBe(201);
    await settled();
    expect(await storedThread(t)).toEqual({ title: 'Transformation Cambodia', published_at: Date.parse('2026-11-20T08:00:00Z'), meta_source: 'blog' });
    const feed = await (await t.get('/feed.atom?page=/post/')).text();
    expect(feed).toContain('Ada on “Transformation Cambodia”');
    expect(feed).not.toContain('CRYPTO');
    const admin = await signIn(t);
    expect((await admin.queue('queue=approved'))[0].thread.title).toBe('Transformation Cambodia');
    // Closing by age counts from the blog's date, which is trusted: 14 days after 20 November.
    t.time.now = Date.parse('2026-12-04T08:00:00Z') - 1000;
    expect((await t.comment({ text: 'just in time', author: { name: 'Bo', email: 'bo@example.com' } })).status).toBe(201);
    t.time.now += 1000;
    expect((await t.comment({ text: 'too late', author: { name: 'Cy', email: 'cy@example.com' } })).status).toBe(403);
  });

  test('the page is fetched once per thread, however many readers and posters arrive at once', async () => {
    const { t, settled } = appFor([blog.origin]);
    const before = blog.requests.length;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.comment({ page: '/post/', text: `comment ${i}`, author: { name: `R${i}`, email: `r${i}@example.com` } })),
    );
    await Promise.all(Array.from({ length: 20 }, () => t.get('/api/comments?page=/post/', { 'X-Parley-Tokens': '1.aaaaaaaaaaaaaaaaaaaaaaaa' })));
    await settled();
    await t.comment({ page: '/post/', text: 'later', author: { name: 'Z', email: 'z@example.com' } });
    await settled();
    expect(blog.requests.slice(before)).toEqual(['/post/']);
  });

  test('a redirect on the blog is followed; a redirect off it is not (the other origin never hears of it)', async () => {
    const { t, settled, logs } = appFor([blog.origin]);
    await t.comment({ page: '/moved/', ...FIRST_POST });
    await t.comment({ page: '/away/', ...FIRST_POST });
    await settled();
    expect((await storedThread(t, '/moved/')).title).toBe('Transformation Cambodia');
    expect(await storedThread(t, '/away/')).toMatchObject({ title: FIRST_POST.title, meta_source: 'poster' });
    expect(elsewhere.requests).toEqual([]);
    expect(logs.join('\n')).toMatch(/redirects off/);
  });

  test('an endless page is read no further than the size cap; a silent one is given up on; a non-HTML answer is refused', async () => {
    const { t, settled, logs } = appFor([blog.origin], { timeoutMs: 500 });
    await t.comment({ page: '/endless/', ...FIRST_POST });
    await t.comment({ page: '/silent/', ...FIRST_POST });
    await t.comment({ page: '/feed.xml', ...FIRST_POST });
    await settled();
    expect((await storedThread(t, '/endless/')).title).toBe('Endless');
    expect((await storedThread(t, '/silent/')).meta_source).toBe('poster');
    expect((await storedThread(t, '/feed.xml')).meta_source).toBe('poster');
    expect(logs.join('\n')).toMatch(/no answer within 0.5 s/);
    expect(logs.join('\n')).toMatch(/not HTML/);
  });

  test('a blog that is down is asked again later, further apart each time, then given up on', async () => {
    const { t, settled } = appFor([blog.origin]);
    blog.state.down = true;
    const before = blog.requests.length;
    await t.comment(FIRST_POST);
    await settled();
    expect(blog.requests.length - before).toBe(1);
    // Within the minute: no new fetch, however many comments come.
    t.time.now += 30_000;
    await t.comment({ text: 'second', author: { name: 'Bo', email: 'bo@example.com' } });
    await settled();
    expect(blog.requests.length - before).toBe(1);
    // After it the blog is back: the next comment's thread learns the title.
    blog.state.down = false;
    t.time.now += 31_000;
    await t.comment({ text: 'third', author: { name: 'Cy', email: 'cy@example.com' } });
    await settled();
    expect(blog.requests.length - before).toBe(2);
    expect((await storedThread(t)).title).toBe('Transformation Cambodia');

    // A blog down for good: MAX_ATTEMPTS fetches in all, then the poster's title stays.
    blog.state.down = true;
    const start = blog.requests.length;
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
      await t.comment({ page: '/gone/', ...FIRST_POST, text: `try ${i}`, author: { name: `T${i}`, email: `t${i}@example.com` } });
      await settled();
      t.time.now += DAY;
    }
    blog.state.down = false;
    expect(blog.requests.length - start).toBe(MAX_ATTEMPTS);
    expect(await storedThread(t, '/gone/')).toMatchObject({ title: FIRST_POST.title, meta_source: 'poster' });
  });

  test('a blog down at the first post and back later is asked again though only readers come (their reads are cached)', async () => {
    const { t, settled } = appFor([blog.origin]);
    blog.state.down = true;
    const before = blog.requests.length;
    await t.comment({ page: '/post/', ...FIRST_POST });
    await settled();
    blog.state.down = false;
    // Ten public reads over five hours, no post: all but the first few are answered from the response cache.
    let heading = '';
    for (let i = 0; i < 10; i++) {
      const read = await t.get('/api/comments?page=/post/');
      heading = ((await read.json()) as any).thread.title;
      await settled();
      t.time.now += 30 * 60_000;
    }
    expect(blog.requests.length - before).toBe(2);
    expect((await storedThread(t)).title).toBe('Transformation Cambodia');
    expect(heading).toBe('Transformation Cambodia');
  });

  test('a configured name that resolves to loopback is not fetched (DNS rebinding); nothing is fetched without SITE_ORIGINS', async () => {
    const rebinding: Lookup = ((_host: string, options: any, callback: any) =>
      options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as unknown as Lookup;
    const origin = `http://blog.example:${blog.port}`;
    const { t, settled, logs } = appFor([origin], { lookup: rebinding });
    const before = blog.requests.length;
    await t.comment(FIRST_POST, { Origin: origin });
    await settled();
    expect(blog.requests.length).toBe(before);
    expect(logs.join('\n')).toMatch(/resolves to 127\.0\.0\.1, an internal address/);

    const open = appFor([]);
    await open.t.comment(FIRST_POST);
    await open.settled();
    expect(blog.requests.length).toBe(before);
    expect(await storedThread(open.t)).toMatchObject({ title: FIRST_POST.title, meta_source: 'poster' });
  });

  test("without the blog, the poster's date never closes a thread before it is a day old, and a moderator corrects title and date", async () => {
    const { t } = appFor([]);
    await t.repos.sites.saveSettings('default', { closeAfterDays: 14 }, 0);
    await t.comment(FIRST_POST);
    expect((await t.comment({ text: 'open for a day', author: { name: 'Bo', email: 'bo@example.com' } })).status).toBe(201);

    const admin = await signIn(t);
    expect((await admin.get('/threads?site=default&page=/post/')).body.thread).toMatchObject({ title: FIRST_POST.title, source: 'poster' });
    const bad = await admin.put('/threads', { site: 'default', page: '/post/', title: 'x\u202Ey', published: null });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('title');
    // The same rule as for names and posted titles (server/lib/unicode-text.ts): direction marks too, with the same code.
    const mark = await admin.put('/threads', { site: 'default', page: '/post/', title: 'Ad\u200Fmin', published: null });
    expect(mark.status).toBe(400);
    expect(mark.body.error).toMatchObject({ code: 'invalid_characters', field: 'title' });
    expect((await admin.put('/threads', { site: 'default', page: '/post/', title: 'Real', published: 'yesterday-ish' })).body.error.field).toBe('published');
    const saved = await admin.put('/threads', {
      site: 'default',
      page: '/post/',
      title: 'Transformation Cambodia',
      published: new Date(t.time.now - 3 * DAY).toISOString(),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.thread).toMatchObject({ title: 'Transformation Cambodia', source: 'moderator' });
    expect(await storedThread(t)).toMatchObject({ title: 'Transformation Cambodia', meta_source: 'moderator' });
    expect((await admin.audit()).map((e: any) => e.action)).toContain('thread_meta');
    expect((await admin.put('/threads', { site: 'default', page: '/never-commented/', title: 'x', published: null })).status).toBe(404);
  });
});
