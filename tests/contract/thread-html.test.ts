import { describe, expect, test } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';

/** The fragment's HTML for `query`, and the answer it came in. */
async function fragment(t: TestApp, query = 'page=/post/', headers?: Record<string, string>) {
  const response = await t.get(`/thread.html?${query}`, headers);
  return { response, html: await response.text() };
}

const count = (html: string, text: string) => html.split(text).length - 1;

describe('GET /thread.html', () => {
  test('draws the approved comments with their replies nested, dates in <time>, #comment-ID anchors and no script at all', async () => {
    const t = createTestApp();
    await t.comment({ text: 'First *thought*', author: { name: 'Ada', email: 'ada@example.com', url: 'ada.example.com' } });
    await t.comment({ parent: 1, text: 'A reply', author: { name: 'Bob', email: 'bob@example.com' } });
    const { response, html } = await fragment(t);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toMatch(/^<section class="parley parley-ssr" lang="en" dir="ltr"/);
    expect(html).toContain('2 thoughts on “<span dir="auto" itemprop="headline">A post</span>”');
    expect(html).toMatch(
      /<article id="comment-1" class="parley-comment">.*<em>thought<\/em>.*<\/article><ol class="parley-replies"><li[^>]*><article id="comment-2"/,
    );
    expect(html).toContain('<time datetime="2026-11-21T12:00:00.000Z" itemprop="dateCreated">November 21, 2026 at 12:00 pm</time>');
    expect(html).toContain('<a href="#comment-1" title="Link to this comment">');
    expect(html).toContain('<a href="http://ada.example.com/" rel="nofollow ugc noopener" itemprop="url"><span itemprop="name">Ada</span></a>');
    expect(html).not.toMatch(/<script|\son[a-z]+\s*=|javascript:/i);
    expect(html).not.toContain('ada@example.com');
  });

  test('says what each part is in schema.org microdata: comments with author, dateCreated and text, under the page they discuss', async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example' });
    await t.comment();
    await t.comment({ parent: 1, text: 'Agreed' });
    const { html } = await fragment(t);
    expect(html).toContain('itemscope itemtype="https://schema.org/DiscussionForumPosting" itemid="https://blog.example/post/"');
    expect(html).toContain('<link itemprop="url" href="https://blog.example/post/">');
    expect(html).toContain('<meta itemprop="commentCount" content="2">');
    expect(count(html, 'itemprop="comment" itemscope itemtype="https://schema.org/Comment"')).toBe(2);
    expect(count(html, 'itemprop="author" itemscope itemtype="https://schema.org/Person"')).toBe(2);
    expect(count(html, 'itemprop="text"')).toBe(2);
    expect(html).toContain('<link itemprop="url" href="https://blog.example/post/#comment-2">');
  });

  test("the page's publication date is in the microdata when the blog gave it, not when only the first poster did", async () => {
    const t = createTestApp();
    await t.comment({ published: '2026-11-20T08:00:00Z' });
    expect((await fragment(t)).html).not.toContain('datePublished');
    await t.comment({ page: '/dated/', published: '2026-11-20T08:00:00Z' });
    await t.sql("UPDATE threads SET meta_source = 'blog', published_at = ? WHERE page = '/dated/'", Date.parse('2026-11-19T08:00:00Z'));
    expect((await fragment(t, 'page=/dated/')).html).toContain('<meta itemprop="datePublished" content="2026-11-19T08:00:00.000Z">');
  });

  test('shows no held, spam or trashed comment; a deleted one with replies is a placeholder outside the microdata', async () => {
    const t = createTestApp();
    await t.comment({ text: 'Published' });
    await t.comment({ text: 'Held one' });
    await t.comment({ text: 'Spam one' });
    await t.comment({ parent: 1, text: 'Reply to the deleted' });
    await t.sql("UPDATE comments SET status = 'pending' WHERE id = 2");
    await t.sql("UPDATE comments SET status = 'spam' WHERE id = 3");
    await t.sql("UPDATE comments SET status = 'deleted' WHERE id = 1");
    const { html } = await fragment(t);
    expect(html).not.toMatch(/Held one|Spam one|Published/);
    expect(html).toContain('<article id="comment-1" class="parley-comment"><p class="parley-muted">This comment was deleted.</p></article>');
    expect(count(html, 'schema.org/Comment')).toBe(1);
  });

  test('pages with a plain "Load more comments" link to the next page, a standalone document, until the last', async () => {
    const t = createTestApp();
    for (let i = 1; i <= 51; i++) await t.comment({ text: `Comment number ${i}` });
    const { html } = await fragment(t);
    expect(count(html, 'class="parley-comment"')).toBe(50);
    const next = /<a class="parley-more" href="([^"]+)">Load more comments<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^http:\/\/localhost\/thread\.html\?page=%2Fpost%2F&site=default&sort=oldest&after=[\w-]+&standalone=1$/);
    const second = await t.get(next!.replace('http://localhost', ''));
    const page2 = await second.text();
    expect(page2).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">/);
    expect(page2).toContain('Comment number 51');
    expect(page2).not.toContain('Comment number 50<');
    expect(page2).not.toContain('parley-more');
    expect(page2).not.toMatch(/<script/i);
  });

  test('a branch longer than one answer ends in a "Show more replies" link that reaches every reply', async () => {
    const t = createTestApp();
    const store = async (parentId: number | null, at: number) =>
      (
        await t.repos.comments.postComment({
          siteId: 'default',
          page: '/busy/',
          title: 'Busy',
          parentId,
          status: 'approved',
          text: `r${at}`,
          html: `<p>reply ${at}</p>`,
          authorName: 'R',
          authorEmail: '',
          authorUrl: '',
          avatarKey: 'k',
          accountId: null,
          isModerator: false,
          ip: '127.0.0.1',
          userAgent: '',
          editTokenHash: null,
          notify: false,
          createdAt: t.time.now + at,
          maxDepth: 5,
        })
      ).comment.id;
    const root = await store(null, 0);
    for (let i = 1; i <= 230; i++) await store(root, i);
    const seen = new Set<string>();
    let html = (await fragment(t, 'page=/busy/')).html;
    for (let hops = 0; hops < 5; hops++) {
      for (const m of html.matchAll(/<p>reply (\d+)<\/p>/g)) seen.add(m[1]!);
      const more = /<a class="parley-more" href="([^"]+)">Show more replies<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      if (!more) break;
      expect(more).toMatch(new RegExp(`[?&]root=${root}&after=[\\w-]+&standalone=1$`));
      html = await (await t.get(more.replace('http://localhost', ''))).text();
    }
    // The root and its 230 replies.
    expect(seen.size).toBe(231);
    // A reply link in the rest of a branch stays in that branch, and its form answers that reply.
    const reply = /<div class="parley-actions"><a href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(reply).toMatch(new RegExp(`[?&]root=${root}&`));
    const form = await (await t.get(reply!.replace('http://localhost', '').replace(/#.*/, ''))).text();
    expect(form).toMatch(/<input type="hidden" name="parent" value="\d+">/);
    expect(form).toContain('<h3 class="parley-form-title">Reply to R</h3>');
  });

  test("the heading is the title the blog gives, not the first poster's", async () => {
    const t = createTestApp();
    await t.comment({ title: 'FREE CRYPTO' });
    const { html } = await fragment(t, `page=/post/&title=${encodeURIComponent('The Blog Title')}`);
    expect(html).toContain('One thought on “<span dir="auto" itemprop="headline">The Blog Title</span>”');
    expect(html).not.toContain('FREE CRYPTO');
  });

  test('one answer per language drawn: tags that draw the same language share one cache entry and its links', async () => {
    const t = createTestApp();
    await t.comment();
    const us = await fragment(t, 'page=/post/&lang=en-US');
    const gb = await fragment(t, 'page=/post/&lang=en-GB');
    expect(gb.response.headers.get('etag')).toBe(us.response.headers.get('etag'));
    expect(us.html).toContain('lang=en&amp;');
  });

  test('comment=ID draws that comment with the comments it answers, and a link to the whole thread', async () => {
    const t = createTestApp();
    for (let i = 1; i <= 51; i++) await t.comment({ text: `Comment number ${i}` });
    await t.comment({ parent: 51, text: 'A late reply' });
    const { html } = await fragment(t, 'page=/post/&comment=52&standalone=1');
    expect(count(html, 'class="parley-comment"')).toBe(2);
    expect(html).toMatch(/id="comment-51".*Comment number 51.*id="comment-52".*A late reply/s);
    expect(html).toContain(
      '<a class="parley-more" href="http://localhost/thread.html?page=%2Fpost%2F&amp;site=default&amp;standalone=1">Load more comments</a>',
    );
    // A comment of another thread is not drawn here.
    await t.comment({ page: '/other/', text: 'Elsewhere' });
    expect((await fragment(t, 'page=/post/&comment=53')).html).not.toContain('Elsewhere');
  });

  test('sort links draw the thread in each order', async () => {
    const t = createTestApp();
    await t.comment({ text: 'Older' });
    t.time.now += 60_000;
    await t.comment({ text: 'Newer' });
    const { html } = await fragment(t, 'page=/post/&sort=newest&standalone=1');
    expect(html.indexOf('Newer')).toBeLessThan(html.indexOf('Older'));
    expect(html).toContain('<b aria-current="true">Newest first</b>');
  });

  test('speaks the language asked for, with its direction on the root, plural rules and dates', async () => {
    const t = createTestApp();
    await t.comment();
    await t.comment({ text: 'Two' });
    const de = (await fragment(t, 'page=/post/&lang=de')).html;
    expect(de).toMatch(/^<section class="parley parley-ssr" lang="de" dir="ltr"/);
    expect(de).toContain('2 Gedanken zu „<span dir="auto" itemprop="headline">A post</span>“');
    expect(de).toContain('21. November 2026 um 12:00');
    expect(de).toContain('<label for="parley-text">Kommentar</label>');
    const ar = (await fragment(t, 'page=/post/&lang=ar')).html;
    expect(ar).toMatch(/^<section class="parley parley-ssr" lang="ar" dir="rtl"/);
    // An unknown or hostile tag is English.
    expect((await fragment(t, 'page=/post/&lang="><x')).html).toMatch(/^<section class="parley parley-ssr" lang="en"/);
  });

  test('the form is a plain post to /comments/form with the labelled fields, the thread in hidden fields and a signed draw time', async () => {
    const t = createTestApp();
    const { html } = await fragment(t, 'page=/new/&title=A%20new%20post');
    expect(html).toContain('<form id="parley-form" class="parley-form" method="post" action="http://localhost/comments/form">');
    expect(html).toContain('<h3 class="parley-form-title">Start a Conversation</h3>');
    for (const [id, text] of [
      ['parley-text', 'Comment'],
      ['parley-email', 'Email (required)'],
      ['parley-name', 'Name (required)'],
      ['parley-url', 'Website'],
    ]) {
      expect(html).toContain(`<label for="${id}">${text}</label>`);
      expect(html).toMatch(new RegExp(`<(input|textarea) id="${id}"`));
    }
    expect(html).toContain('<input type="hidden" name="page" value="/new/">');
    expect(html).toContain('<input type="hidden" name="title" value="A new post">');
    expect(html).toMatch(/<input type="hidden" name="loaded" value="\d+\.[0-9a-f]{32}">/);
    expect(html).toContain('<input name="hp" hidden');
    expect(html).toContain('<button class="parley-button">Post Comment</button>');
    // No mail configured: no notify box.
    expect(html).not.toContain('parley-notify');
  });

  test('a locked thread says comments are closed and has no form and no reply links', async () => {
    const t = createTestApp();
    await t.comment();
    await t.sql('UPDATE threads SET locked = 1');
    const { html } = await fragment(t);
    expect(html).toContain('<p>Comments are closed.</p>');
    expect(html).not.toMatch(/<form|>Reply</);
  });

  test('with REQUIRE_SIGN_IN the thread is drawn without a form (signing in needs the widget), and the form post answers 401', async () => {
    const t = createTestApp({ GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b', REQUIRE_SIGN_IN: 'true' });
    const { html } = await fragment(t);
    expect(html).not.toMatch(/<form|Comments are closed/);
    const response = await t.app.request('/comments/form', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ page: '/post/', text: 'x', name: 'Ada', email: 'ada@example.com' }).toString(),
    });
    expect(response.status).toBe(401);
    expect(await t.sql.one('SELECT count(*) AS n FROM comments')).toEqual({ n: 0 });
  });

  test('is cached like the JSON thread: the same ETag, 304 for If-None-Match, and drawn afresh after a new comment', async () => {
    const t = createTestApp();
    await t.comment();
    const first = await fragment(t);
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(first.response.headers.get('cache-control')).toBe('no-cache');
    expect((await fragment(t)).response.headers.get('etag')).toBe(etag);
    const again = await t.get('/thread.html?page=/post/', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    await t.comment({ text: 'A second comment' });
    const after = await fragment(t);
    expect(after.response.headers.get('etag')).not.toBe(etag);
    expect(after.html).toContain('A second comment');
    // A moderator's action is a write too.
    const admin = await signIn(t);
    expect((await admin.act('trash', [2])).status).toBe(200);
    expect((await fragment(t)).html).not.toContain('A second comment');
  });

  test('goes out compressed for a client that accepts it, with a validator for that encoding', async () => {
    const t = createTestApp();
    for (let i = 0; i < 10; i++) await t.comment({ text: `Comment ${i} with enough words to make the page larger than a kilobyte` });
    const response = await t.get('/thread.html?page=/post/', { 'Accept-Encoding': 'br' });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('etag')).toMatch(/-br"$/);
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toContain('Comment 9 with');
  });

  test('standalone=1 is a whole document with its stylesheet, a canonical link, and a policy that allows no script', async () => {
    const t = createTestApp({ SITE_ORIGINS: 'https://blog.example' });
    await t.comment();
    const { response, html } = await fragment(t, 'page=/post/&standalone=1');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(
      '<title>“A post”</title><link rel="canonical" href="https://blog.example/post/"><link rel="stylesheet" href="http://localhost/thread.css">',
    );
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
    expect(policy).toContain('frame-ancestors https://blog.example');
  });

  test.each([
    ['', 'page', 'required'],
    ['page=post', 'page', 'invalid_page'],
    ['page=//evil.example/', 'page', 'invalid_page'],
    ['page=/post/&site=a%20b', 'site', 'invalid_value'],
    ['page=/post/&sort=random', 'sort', 'invalid_value'],
    ['page=/post/&after=nonsense', 'after', 'invalid_value'],
    ['page=/post/&reply=x', 'reply', 'invalid_value'],
  ])('refuses %j with 400 naming %s', async (query, field, code) => {
    const t = createTestApp();
    const response = await t.get(`/thread.html?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ field, code });
  });
});

describe('GET /thread.css', () => {
  test("is the widget's stylesheet scoped to the fragment, with the held notice shown only when the page points at it", async () => {
    const t = createTestApp();
    const response = await t.get('/thread.css');
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await response.text();
    expect(css).not.toContain(':host');
    expect(css).toContain('.parley p, .parley .parley-tabs {');
    expect(css).toContain('.parley[data-theme="dark"] img');
    expect(css).toContain('.parley-notice:target { display: block; }');
    // A refused field's error and its input are drawn in the error colour, as in the widget.
    expect(css).toMatch(/\.parley \.parley-error[^{]*\{\s*color: var\(--err\);/);
    expect(css).toMatch(/\.parley :is\(input, textarea\)\[aria-invalid\][^{]*\{\s*border-color: var\(--err\);/);
    // Every rule outside at-rules starts at the fragment.
    for (const rule of css.replace(/@[^{]+\{/g, '').match(/[^{}]+(?=\{)/g)!) for (const s of rule.split(/,(?![^(]*\))/)) expect(s.trim()).toMatch(/^\.parley/);
  });
});
