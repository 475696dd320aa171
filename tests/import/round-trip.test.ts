import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonExport } from '../../server/migrate/json-export.ts';
import { wxrExport } from '../../server/migrate/wxr-export.ts';
import { importFile } from '../../server/migrate/importer.ts';
import type { ExportRepo } from '../../server/db/types.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createImportDb, TEST_SECRET } from '../helpers/import-db.ts';
import { tempDir } from '../helpers/server.ts';
import { writeWxr } from '../helpers/wxr-generator.ts';

const dir = tempDir('parley-round-trip-');
afterAll(() => dir.cleanup());

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

const exportJson = (repo: ExportRepo) => collect(jsonExport(repo));

/** A database with a bit of everything: a generated WordPress blog (deep threads, every state) and comments typed into the widget. */
async function populated(): Promise<TestApp> {
  const app = createTestApp({ MAX_DEPTH: '5' }, { secret: TEST_SECRET });
  const wxr = join(dir.path, 'blog.xml');
  writeWxr(wxr, { posts: 12, comments: 240 });
  await importFile(app.repos.imports, {
    format: 'wordpress',
    file: wxr,
    site: 'default',
    siteOverride: false,
    skipPingbacks: false,
    maxDepth: 5,
    secret: TEST_SECRET,
    clock: () => app.time.now,
  });
  const first = await app.comment({ page: '/native/', title: 'Typed here', text: 'First *native* comment\nwith a break' });
  const reply = await app.comment({ page: '/native/', parent: first.body.comment.id, text: '> quoted\n\n- a list\n- of two' });
  await app.request('POST', `/api/comments/${reply.body.comment.id}/like`, undefined, { 'X-Parley-Reader': 'reader-one-0123456789' });
  await app.request('PATCH', `/api/comments/${reply.body.comment.id}`, { text: 'Edited `code`' }, { 'X-Parley-Token': reply.body.editToken });
  await app.request('DELETE', `/api/comments/${first.body.comment.id}`, undefined, { 'X-Parley-Token': first.body.editToken });
  await app.comment({ page: '/other-site/', site: 'second', text: 'On another site' });
  return app;
}

describe('round trips', () => {
  test('WordPress → JSON → empty database → JSON again: identical', async () => {
    const app = await populated();
    const first = await exportJson(app.repos.exports);
    const exported = join(dir.path, 'first.json');
    writeFileSync(exported, first);

    const copy = createImportDb();
    const summary = await copy.importInto('json', exported, { maxDepth: 5 });
    expect(summary.skipped).toEqual([]);
    expect(await exportJson(copy.repos.exports)).toBe(first);

    const document = JSON.parse(first);
    expect(document.sites.map((s: { id: string }) => s.id)).toEqual(['default', 'second']);
    expect(document.comments).toHaveLength(243);
    expect(document.comments.filter((c: { status: string }) => c.status === 'deleted')).toHaveLength(1);
    expect(document.comments.find((c: { likes: number }) => c.likes === 1)).toMatchObject({
      text: 'Edited `code`',
      likedBy: [{ voter: expect.stringMatching(/^reader:/) }],
    });
    expect(document.comments[0].source).toEqual({ name: 'wordpress', id: '1:1', origin: 'blog.example.org' });
  });

  test('importing a JSON export into the database it came from adds nothing', async () => {
    const app = await populated();
    const exported = join(dir.path, 'same.json');
    writeFileSync(exported, await exportJson(app.repos.exports));
    const summary = await importFile(app.repos.imports, {
      format: 'json',
      file: exported,
      site: 'default',
      siteOverride: false,
      skipPingbacks: false,
      maxDepth: 5,
      secret: TEST_SECRET,
      clock: Date.now,
    });
    expect(summary.comments).toMatchObject({ alreadyImported: 243, imported: { approved: 0, pending: 0, spam: 0, trash: 0, deleted: 0 } });
  });

  test('Parley → WordPress (WXR) → empty database: the same threads, parents, states, kinds and bodies', async () => {
    const app = await populated();
    const wxr = await collect(wxrExport(app.repos.exports, { site: 'default', baseUrl: 'https://blog.example.org', now: app.time.now }));
    expect(wxr).toContain('xmlns:wp="http://wordpress.org/export/1.2/"');
    const path = join(dir.path, 'back.xml');
    writeFileSync(path, wxr);

    const copy = createImportDb();
    await copy.importInto('wordpress', path, { maxDepth: 5 });
    const shape = (rows: Record<string, unknown>[]) => rows;
    const threads = 'SELECT page, title, locked, approved_count FROM threads WHERE site_id = ? ORDER BY page';
    const comments = `SELECT c.id, t.page, coalesce(c.reply_to, c.parent_id) AS parent, c.depth, c.status, c.kind, c.html,
      c.author_name, c.author_email, c.author_url, c.ip, c.created_at, c.registered
      FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.site_id = ? ORDER BY c.id`;
    expect(copy.rows(threads, 'default')).toEqual(shape(app.db.prepare(threads).all('default') as Record<string, unknown>[]));
    const original = app.db.prepare(comments).all('default') as Record<string, unknown>[];
    expect(copy.rows(comments, 'default')).toEqual(original);
    expect(new Set(original.map((c) => c.status))).toEqual(new Set(['approved', 'pending', 'spam', 'trash', 'deleted']));
  });

  test('a JSON file that is broken, or not an export, is refused with its line and column', async () => {
    const t = createImportDb();
    const broken = join(dir.path, 'broken.json');
    writeFileSync(broken, '{"parley":"export","version":1,\n"sites":[\n{"id": "x",, }\n]}');
    await expect(t.importInto('json', broken)).rejects.toMatchObject({ line: 3, column: 12, reason: expect.stringMatching(/^not valid JSON/) });
    const wrong = join(dir.path, 'wrong.json');
    writeFileSync(
      wrong,
      '{"parley":"export","version":1,\n"threads":[\n{"id":1,"site":"default","page":"/a/","createdAt":"2020-01-01T00:00:00Z"}],\n"comments":[\n{"id":1,"thread":1,"status":"shown","text":"x","createdAt":"2020-01-01T00:00:00Z"}\n]}',
    );
    await expect(t.importInto('json', wrong)).rejects.toMatchObject({ line: 5, reason: expect.stringMatching(/^comments\.0\.status: /) });
    expect(t.counts()).toEqual({ comments: 0, threads: 0, sites: 0 });
    expect(readFileSync(wrong, 'utf8')).toContain('shown');
  });
});
