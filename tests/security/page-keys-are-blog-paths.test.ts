import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { signIn } from '../helpers/admin.ts';
import { createImportDb } from '../helpers/import-db.ts';
import { tempDir } from '../helpers/server.ts';
import { createComposer } from '../../server/mail/compose.ts';
import { loadConfig } from '../../server/config.ts';

/** Page keys an attacker would like to see turned into links. */
const HOSTILE = [
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example/phish',
  '//evil.example/phish',
  '/\\evil.example/phish',
  '\\\\evil.example/phish',
  '/post/\u0000',
  '/post/\u001b[31m',
  '/post/\u0085',
  'post/',
  `/${'a'.repeat(500)}`,
];

const BLOG = 'https://blog.example';

const expectInvalidPage = async (response: Response, field = 'page') => {
  expect(response.status).toBe(400);
  expect(((await response.json()) as any).error).toMatchObject({ code: 'invalid_page', field });
};

/** Stores a thread under a page key no endpoint accepts any more, as older data or an import could have. */
async function storeLegacyThread(t: TestApp, page: string) {
  const placeholder = `/legacy-${Math.random()}/`;
  expect((await t.comment({ page: placeholder, title: 'Old post', text: `old ${placeholder}` })).status).toBe(201);
  t.db.prepare('UPDATE threads SET page = ? WHERE page = ?').run(page, placeholder);
}

describe('a page key is a path on the blog', () => {
  test.each(HOSTILE)('%j is refused with invalid_page by every endpoint that takes a page', async (page) => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    const q = encodeURIComponent(page);
    await expectInvalidPage(await t.get(`/api/comments?page=${q}`));
    await expectInvalidPage(await t.post('/api/comments', { page, text: 'hi', author: { name: 'Eve', email: 'eve@example.com' } }));
    await expectInvalidPage(await t.get(`/api/counts?page=/ok/&page=${q}`), 'page.1'); // the second page
    await expectInvalidPage(await t.get(`/api/events?page=${q}`));
    await expectInvalidPage(await t.get(`/feed.atom?page=${q}`));
    const admin = await signIn(t);
    const lock = await admin.post('/threads/lock', { page, locked: true });
    expect(lock.status).toBe(400);
    expect(lock.body.error).toMatchObject({ code: 'invalid_page', field: 'page' });
    expect(t.db.prepare('SELECT count(*) AS n FROM threads').get()).toEqual({ n: 0 });
  });

  test('ordinary keys are accepted: paths, queries of plain permalinks, non-ASCII, exactly 500 characters', async () => {
    const t = createTestApp();
    for (const page of ['/', '/2019/07/a-post/', '/?p=123', '/é/日本/', '/a b/', `/${'a'.repeat(499)}`]) {
      expect((await t.comment({ page, text: `on ${page}` })).status).toBe(201);
    }
  });

  test('the Atom feed links only to the configured origin plus a path; a stored row that is not a path gets no link', async () => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    for (const page of ['javascript:alert(1)', 'data:text/html,x', 'https://evil.example/phish', '//evil.example/x', '/\\evil.example/x']) {
      await storeLegacyThread(t, page);
    }
    await t.comment({ page: '/good/', text: 'fine' });
    const xml = await (await t.get('/feed.atom')).text();
    const hrefs = [...xml.matchAll(/<link rel="alternate"[^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([`${BLOG}/good/#comment-6`]);
    expect(xml).not.toMatch(/evil\.example|javascript:|data:text/);
    expect(xml.match(/<entry>/g)).toHaveLength(6); // the old comments are still listed, linked to nothing

    const one = await (await t.get(`/feed.atom?page=${encodeURIComponent('/good/')}`)).text();
    expect(one).toContain(`<link rel="alternate" type="text/html" href="${BLOG}/good/"/>`);
  });

  test('mails about a stored row that is not a path carry no link to it', async () => {
    const config = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1', MAIL_FROM: 'c@blog.example', SITE_ORIGINS: BLOG });
    const composer = createComposer({
      mail: config.mail!,
      siteOrigins: config.siteOrigins,
      serverUrl: 'https://comments.example',
      secret: 'x'.repeat(48),
      clock: () => 0,
    });
    const comment = { id: 7, authorName: 'Eve', text: 'hi', html: '<p>hi</p>', createdAt: 0, ip: '', authorEmail: '', authorUrl: '' } as any;
    const subscription = { id: 1, name: 'Sub', email: 'sub@example.com', origin: '', digest: 'immediate' } as any;
    for (const page of ['javascript:alert(1)', 'https://evil.example/phish', '//evil.example/x']) {
      const thread = { page, title: 'Old post' } as any;
      const mails = [
        composer.published({ comment, thread, subscription, reply: false }),
        composer.held({ comment, thread, moderator: { id: 1, name: 'Mo', email: 'mo@example.com' } as any, origin: '', reason: '' }),
        composer.confirm({ subscription, thread }),
        composer.digest({ subscription, thread, comments: [{ comment, reply: false }] }),
      ];
      for (const mail of mails) {
        expect(mail.text + mail.html).not.toMatch(/evil\.example|javascript:/);
        expect(mail.text + mail.html).not.toContain(`${BLOG}/`);
      }
    }
    const good = composer.published({ comment, thread: { page: '/p/', title: 'P' } as any, subscription, reply: false });
    expect(good.text).toContain(`${BLOG}/p/#comment-7`);
  });

  test('the admin API gives each comment a link to its page on the blog, or none for a stored row that is not a path', async () => {
    const t = createTestApp({ SITE_ORIGINS: BLOG });
    await storeLegacyThread(t, 'javascript:alert(1)');
    await t.comment({ page: '/good/', text: 'fine' });
    const admin = await signIn(t);
    const rows = await admin.queue('queue=approved');
    expect(Object.fromEntries(rows.map((r) => [r.page, r.url]))).toEqual({ '/good/': `${BLOG}/good/#comment-2`, 'javascript:alert(1)': null });
  });
});

describe('importers derive a path from a post link, or keep nothing that is not one', () => {
  const dir = tempDir('parley-page-keys-');
  afterAll(() => dir.cleanup());
  const write = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const comment = (id: number) => `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>R</wp:comment_author>
<wp:comment_date_gmt>2020-01-01 10:00:00</wp:comment_date_gmt><wp:comment_content>Body ${id}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>`;

  test('WordPress: a post whose link is javascript:, data: or another scheme is keyed /?p=ID, never by the link', async () => {
    const t = createImportDb();
    const items = ['javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.example', 'https://blog.example/real/'].map(
      (link, i) => `<item><title>P${i}</title><link>${link}</link><wp:post_id>${i + 1}</wp:post_id>${comment(i + 1)}</item>`,
    );
    await t.importInto(
      'wordpress',
      write('w.xml', `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>${items.join('')}</channel></rss>`),
    );
    expect(t.rows<{ page: string }>('SELECT page FROM threads ORDER BY id').map((r) => r.page)).toEqual(['/?p=1', '/?p=2', '/?p=3', '/real/']);
  });

  test('Disqus: a thread whose link is not a web address is skipped with its reason', async () => {
    const t = createImportDb();
    const xml = `<?xml version="1.0"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
<thread dsq:id="1"><link>javascript:alert(1)</link><title>T</title></thread>
<thread dsq:id="2"><link>https://blog.example/ok/</link><title>T</title></thread>
<post dsq:id="10"><message>a</message><createdAt>2020-01-01T00:00:00Z</createdAt><author><name>A</name></author><thread dsq:id="1"/></post>
<post dsq:id="11"><message>b</message><createdAt>2020-01-01T00:00:00Z</createdAt><author><name>B</name></author><thread dsq:id="2"/></post>
</disqus>`;
    const summary = await t.importInto('disqus', write('d.xml', xml));
    expect(t.rows<{ page: string }>('SELECT page FROM threads').map((r) => r.page)).toEqual(['/ok/']);
    expect(summary.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(/link/), count: 1 })]);
  });

  test('Parley JSON: a thread whose page is not a path is skipped with its reason', async () => {
    const t = createImportDb();
    const threads = [
      { id: 1, site: 'default', page: 'javascript:alert(1)', title: 'x', locked: false, createdAt: '2020-01-01T00:00:00Z' },
      { id: 2, site: 'default', page: '/ok/', title: 'y', locked: false, createdAt: '2020-01-01T00:00:00Z' },
    ];
    const comments = [1, 2].map((id) => ({
      id,
      thread: id,
      parent: null,
      status: 'approved',
      kind: 'comment',
      text: 'hi',
      html: '<p>hi</p>',
      author: { name: 'A' },
      createdAt: '2020-01-01T00:00:00Z',
    }));
    const summary = await t.importInto('json', write('p.json', JSON.stringify({ parley: 'export', version: 1, sites: [], threads, comments })));
    expect(t.rows<{ page: string }>('SELECT page FROM threads').map((r) => r.page)).toEqual(['/ok/']);
    expect(summary.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(/page/), count: 1 })]);
  });
});
