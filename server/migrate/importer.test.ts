import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportFileError } from './xml-reader.ts';
import { createImportDb, TEST_SECRET } from '../../tests/helpers/import-db.ts';
import { createTestApp } from '../../tests/helpers/test-app.ts';
import { tempDir } from '../../tests/helpers/server.ts';

const dir = tempDir('parley-importer-');
afterAll(() => dir.cleanup());
let n = 0;
const file = (text: string, ext = 'xml') => {
  const path = join(dir.path, `f${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
};

const wxr = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
${items}
</channel></rss>`;

const item = (id: number, comments: string, extra = '') => `<item><title>Post ${id}</title><link>https://blog.example/p/${id}/</link>
<wp:post_id>${id}</wp:post_id>${extra}${comments}</item>`;

const comment = (id: number, parent = 0, fields = '') => `<wp:comment><wp:comment_id>${id}</wp:comment_id>
<wp:comment_author>Reader ${id}</wp:comment_author><wp:comment_author_email>Reader${id}@Example.org</wp:comment_author_email>
<wp:comment_date_gmt>2020-01-0${(id % 9) + 1} 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Body ${id}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent>${fields}</wp:comment>`;

describe('importFile', () => {
  test('a second run of the same file adds nothing and says the comments were already imported', async () => {
    const t = createImportDb();
    const path = file(wxr(item(1, comment(1) + comment(2, 1) + comment(3))));
    const first = await t.importInto('wordpress', path);
    const second = await t.importInto('wordpress', path);
    expect(first.comments.imported.approved).toBe(3);
    expect(second.comments).toMatchObject({ imported: { approved: 0 }, alreadyImported: 3 });
    expect(second.sameAs).toMatchObject({ run: 1 }); // recognised by its fingerprint: not read again
    const grown = await t.importInto('wordpress', file(wxr(item(1, comment(1) + comment(2, 1) + comment(3) + comment(4, 2)))));
    expect(grown.sameAs).toBeUndefined();
    expect(grown.comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 3 });
    expect(t.counts()).toEqual({ comments: 4, threads: 1, sites: 1 });
    expect(t.one('SELECT approved_count FROM threads')).toEqual({ approved_count: 4 });
    expect(t.one('SELECT parent_id, depth FROM comments WHERE id = 4')).toEqual({ parent_id: 2, depth: 3 });
    const withoutPings = await t.importInto('wordpress', path, { skipPingbacks: true });
    expect(withoutPings.sameAs).toBeUndefined(); // other options, another import
  });

  test('a comment deleted since the import is not brought back by a second run; its replies still find their place', async () => {
    const t = createImportDb();
    const path = file(wxr(item(1, comment(1) + comment(2))));
    await t.importInto('wordpress', path);
    await t.repos.comments.deleteComment(1);
    const again = await t.importInto('wordpress', file(wxr(item(1, comment(1) + comment(2) + comment(3, 1)))));
    expect(again.comments).toMatchObject({ alreadyImported: 2, imported: { approved: 1 } });
    expect(t.rows('SELECT id, parent_id FROM comments ORDER BY id')).toEqual([
      { id: 2, parent_id: null },
      { id: 3, parent_id: null },
    ]);
    expect(again.orphans).toBe(1);
  });

  test('a file that turns out malformed after batches were written leaves nothing of it, and existing threads as they were', async () => {
    const t = createImportDb();
    await t.importInto('wordpress', file(wxr(item(1, comment(1)))));
    const many = Array.from({ length: 30 }, (_, i) => comment(100 + i)).join('');
    const broken = wxr(item(1, many, '<wp:comment_status>closed</wp:comment_status>') + item(2, many) + '<item><title>oops</titel></item>');
    const error = await t.importInto('wordpress', file(broken), { batchSize: 5, commitSize: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    const line = broken.split('\n').findIndex((text) => text.includes('</titel>')) + 1;
    expect(error).toMatchObject({ line, reason: 'unexpected close tag' });
    expect(t.counts()).toEqual({ comments: 1, threads: 1, sites: 1 });
    expect(t.one('SELECT locked, approved_count FROM threads')).toEqual({ locked: 0, approved_count: 1 });
    expect(t.one('SELECT outcome FROM imports ORDER BY id DESC LIMIT 1')).toEqual({ outcome: 'failed' });
  });

  test('an import stopped part-way (Ctrl-C) takes back what it wrote', async () => {
    const t = createImportDb();
    const stop = new AbortController();
    let written = 0;
    const many = Array.from({ length: 400 }, (_, i) => comment(i + 1)).join('');
    const error = await t
      .importInto('wordpress', file(wxr(item(1, many) + item(2, many.replaceAll('<wp:comment_id>', '<wp:comment_id>9')))), {
        batchSize: 50,
        commitSize: 50,
        signal: stop.signal,
        onProgress: () => {
          written = Math.max(written, t.counts().comments);
          if (written > 0) stop.abort(new Error('stopped'));
        },
      })
      .catch((e: unknown) => e);
    expect(written).toBeGreaterThan(0);
    expect(error).toMatchObject({ message: 'stopped' });
    expect(t.counts()).toEqual({ comments: 0, threads: 0, sites: 0 });
  });

  test("bodies are sanitised; a javascript: website is dropped; emails are lowercased; the avatar key matches the server's", async () => {
    const app = createTestApp({}, { secret: TEST_SECRET });
    const evil = `<wp:comment_author_url>javascript:alert(1)</wp:comment_author_url>`;
    const body = `<![CDATA[<p onclick="x()">hi<script>alert(1)</script> <a href="javascript:alert(2)">x</a> <img src=x onerror=alert(3)></p>]]>`;
    const path = file(wxr(item(1, comment(7, 0, evil).replace('<![CDATA[Body 7]]>', body))));
    const { importFile } = await import('./importer.ts');
    await importFile(app.repos.imports, {
      format: 'wordpress',
      file: path,
      site: 'default',
      siteOverride: false,
      skipPingbacks: false,
      maxDepth: 5,
      secret: TEST_SECRET,
      clock: Date.now,
    });
    const row = app.db.prepare('SELECT html, author_url, author_email, avatar_key FROM comments WHERE id = 7').get() as Record<string, string>;
    expect(row.html).toBe('<p>hi x </p>');
    expect(row).toMatchObject({ author_url: '', author_email: 'reader7@example.org' });
    const posted = await app.comment({ page: '/p/1/', author: { name: 'Reader 7', email: 'reader7@example.org' } });
    expect(posted.body.comment.author.avatar).toBe(`/avatar/${row.avatar_key}`);
  });

  test('readers of the live thread see an in-process import at once (the response cache hears of it)', async () => {
    const app = createTestApp({}, { secret: TEST_SECRET });
    const before = await (await app.get('/api/comments?page=/p/1/')).json();
    expect(before.comments).toEqual([]);
    const { importFile } = await import('./importer.ts');
    await importFile(app.repos.imports, {
      format: 'wordpress',
      file: file(wxr(item(1, comment(1)))),
      site: 'default',
      siteOverride: false,
      skipPingbacks: false,
      maxDepth: 5,
      secret: TEST_SECRET,
      clock: Date.now,
    });
    const after = await (await app.get('/api/comments?page=/p/1/')).json();
    expect(after.thread).toMatchObject({ title: 'Post 1', count: 1 });
    expect(after.comments.map((c: { html: string }) => c.html)).toEqual(['<p>Body 1</p>']);
  });

  test('a reply that comes before its parent waits for it; a reply to a comment not in the file goes to the top level', async () => {
    const t = createImportDb();
    const summary = await t.importInto('wordpress', file(wxr(item(1, comment(3, 2) + comment(2, 1) + comment(1) + comment(9, 8)))), {
      batchSize: 1,
      commitSize: 1,
    });
    expect(t.rows('SELECT id, parent_id, depth FROM comments ORDER BY id')).toEqual([
      { id: 1, parent_id: null, depth: 1 },
      { id: 2, parent_id: 1, depth: 2 },
      { id: 3, parent_id: 2, depth: 3 },
      { id: 9, parent_id: null, depth: 1 },
    ]);
    expect(summary.orphans).toBe(1);
  });

  test('statuses, kinds, registered users and a closed post map over; unknown comment types are skipped with a reason', async () => {
    const t = createImportDb();
    const c = (id: number, approved: string, type = '', user = '0') =>
      comment(id).replace(
        '<wp:comment_approved>1</wp:comment_approved>',
        `<wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>${type}</wp:comment_type><wp:comment_user_id>${user}</wp:comment_user_id>`,
      );
    const summary = await t.importInto(
      'wordpress',
      file(
        wxr(
          item(
            1,
            c(1, '1', 'comment', '3') + c(2, '0') + c(3, 'spam') + c(4, 'trash') + c(5, '1', 'pingback') + c(6, '1', 'trackback') + c(7, '1', 'order_note'),
            '<wp:comment_status>closed</wp:comment_status>',
          ),
        ),
      ),
    );
    expect(t.rows('SELECT id, status, kind, registered FROM comments ORDER BY id')).toEqual([
      { id: 1, status: 'approved', kind: 'comment', registered: 1 },
      { id: 2, status: 'pending', kind: 'comment', registered: 0 },
      { id: 3, status: 'spam', kind: 'comment', registered: 0 },
      { id: 4, status: 'trash', kind: 'comment', registered: 0 },
      { id: 5, status: 'approved', kind: 'pingback', registered: 0 },
      { id: 6, status: 'approved', kind: 'trackback', registered: 0 },
    ]);
    expect(summary.skipped.map((s) => s.reason)).toEqual(['comment type "order_note" is not a public comment']);
    expect(t.one('SELECT locked, approved_count FROM threads')).toEqual({ locked: 1, approved_count: 3 });
  });

  test('a Disqus file handed to the WordPress importer is refused at its root element', async () => {
    const t = createImportDb();
    const error = await t.importInto('wordpress', file('<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com"></disqus>')).catch((e: unknown) => e);
    expect(error).toMatchObject({ line: 2, reason: 'the root element is <disqus>, expected <rss>' });
  });

  test('a post with more comments than are held back streams on: every comment lands in its thread with its parent', async () => {
    const t = createImportDb();
    const comments = Array.from({ length: 2500 }, (_, i) => comment(i + 1, i % 2 ? i : 0)).join('');
    const summary = await t.importInto('wordpress', file(wxr(item(1, comments, '<wp:comment_status>closed</wp:comment_status>'))));
    expect(summary.comments.imported.approved).toBe(2500);
    expect(t.rows('SELECT page, locked, approved_count FROM threads')).toEqual([{ page: '/p/1/', locked: 1, approved_count: 2500 }]);
    expect(t.one('SELECT count(*) AS n FROM comments WHERE parent_id = id - 1')).toEqual({ n: 1250 });
  });

  test('bodies rendered on a worker thread come out the same as rendered in line', async () => {
    const path = file(wxr(item(1, Array.from({ length: 20 }, (_, i) => comment(i + 1)).join(''))));
    const inline = createImportDb();
    const threaded = createImportDb();
    await inline.importInto('wordpress', path);
    await threaded.importInto('wordpress', path, { threaded: true, batchSize: 3, commitSize: 6 });
    expect(threaded.rows('SELECT id, html FROM comments ORDER BY id')).toEqual(inline.rows('SELECT id, html FROM comments ORDER BY id'));
  });
});
