import { describe, expect, test } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import { createTestApp } from '../helpers/test-app.ts';
import { count, fragment } from '../helpers/thread-html.ts';
import { signIn } from '../helpers/admin.ts';

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
