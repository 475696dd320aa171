import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, migrations } from '../../server/db/migrations.ts';
import { createRepos } from '../../server/db/repos.ts';
import { importFile, type ImportFormat } from '../../server/migrate/importer.ts';
import { jsonExport } from '../../server/migrate/json-export.ts';
import { createImportDb, TEST_SECRET } from '../helpers/import-db.ts';
import { writeBlogExport } from '../helpers/wxr-file.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'parley-blogs-'));

function writeDisqus(folder: string, name: string, forum: string, posts: ReadonlyArray<{ id: number; text: string }>): string {
  const path = join(folder, name);
  writeFileSync(
    path,
    `<?xml version="1.0"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>${forum}</forum><title>General</title></category>
  <thread dsq:id="10"><forum>${forum}</forum><link>https://${forum}.example/hello/</link><title>Hello</title>
    <createdAt>2020-01-01T10:00:00Z</createdAt></thread>
  ${posts
    .map(
      (p) => `<post dsq:id="${p.id}"><message>${p.text}</message><createdAt>2020-01-02T10:00:00Z</createdAt>
    <author><name>Reader</name><email>r@example.com</email></author><thread dsq:id="10"/></post>`,
    )
    .join('\n')}
</disqus>`,
  );
  return path;
}

describe("another blog's export is another blog's comments", () => {
  test("a second WordPress blog's file with the same comment ids imports, and each file twice adds nothing", async () => {
    const folder = dir();
    const first = writeBlogExport(folder, 'first.xml', 'https://first.example', [
      { id: 1, text: 'First blog, one' },
      { id: 2, text: 'First blog, two', parent: 1 },
    ]);
    const second = writeBlogExport(folder, 'second.xml', 'https://second.example', [
      { id: 1, text: 'Second blog, one' },
      { id: 2, text: 'Second blog, two', parent: 1 },
    ]);
    const db = createImportDb();
    await db.importInto('wordpress', first);
    const other = await db.importInto('wordpress', second);
    expect(other.comments).toMatchObject({ imported: { approved: 2 }, alreadyImported: 0 });
    expect(db.rows('SELECT text FROM comments ORDER BY text').map((r) => r.text)).toEqual([
      'First blog, one',
      'First blog, two',
      'Second blog, one',
      'Second blog, two',
    ]);
    // The second blog's reply hangs from the second blog's comment, not the first's.
    const reply = db.one<{ parent: string }>("SELECT p.text AS parent FROM comments c JOIN comments p ON p.id = c.parent_id WHERE c.text = 'Second blog, two'");
    expect(reply.parent).toBe('Second blog, one');
    // The same files again, even slightly changed (so not recognised as the very same import): nothing added.
    writeBlogExport(folder, 'second.xml', 'https://second.example/', [
      { id: 1, text: 'Second blog, one' },
      { id: 2, text: 'Second blog, two', parent: 1 },
      { id: 3, text: 'Second blog, three' },
    ]);
    const again = await db.importInto('wordpress', second);
    expect(again.comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 2 });
    expect((await db.importInto('wordpress', first)).comments).toMatchObject({ imported: { approved: 0 } });
    expect(db.counts().comments).toBe(5);
  });

  test('without base_blog_url or base_site_url, the channel link names the blog', async () => {
    const folder = dir();
    const db = createImportDb();
    await db.importInto('wordpress', writeBlogExport(folder, 'a.xml', null, [{ id: 1, text: 'A' }], 'https://a.example'));
    const b = await db.importInto('wordpress', writeBlogExport(folder, 'b.xml', null, [{ id: 1, text: 'B' }], 'https://b.example'));
    expect(b.comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 0 });
  });

  test("a second Disqus forum's file with the same post ids imports; the same forum again adds nothing", async () => {
    const folder = dir();
    const db = createImportDb();
    await db.importInto('disqus', writeDisqus(folder, 'one.xml', 'one', [{ id: 5, text: 'Forum one' }]));
    const two = await db.importInto('disqus', writeDisqus(folder, 'two.xml', 'two', [{ id: 5, text: 'Forum two' }]));
    expect(two.comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 0 });
    const again = await db.importInto(
      'disqus',
      writeDisqus(folder, 'one-again.xml', 'one', [
        { id: 5, text: 'Forum one' },
        { id: 6, text: 'Forum one, later' },
      ]),
    );
    expect(again.comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 1 });
  });

  test("a Parley export carries each comment's source blog: the blogs' own files are still recognised after moving", async () => {
    const folder = dir();
    const db = createImportDb();
    const first = writeBlogExport(folder, 'first.xml', 'https://first.example', [{ id: 1, text: 'First' }]);
    const second = writeBlogExport(folder, 'second.xml', 'https://second.example', [{ id: 1, text: 'Second' }]);
    await db.importInto('wordpress', first);
    await db.importInto('wordpress', second);
    const exported = join(folder, 'parley.json');
    let json = '';
    for await (const chunk of jsonExport(db.repos.exports)) json += chunk;
    writeFileSync(exported, json);
    const moved = createImportDb();
    expect((await moved.importInto('json', exported)).comments).toMatchObject({ imported: { approved: 2 } });
    expect((await moved.importInto('wordpress', first)).comments).toMatchObject({ imported: { approved: 0 }, alreadyImported: 1 });
    expect((await moved.importInto('wordpress', second)).comments).toMatchObject({ imported: { approved: 0 }, alreadyImported: 1 });
  });

  test("comments imported before blogs were told apart are still recognised (the old key), and another blog's are not", async () => {
    const folder = dir();
    const before = migrations.findIndex((step) => step.name === 'import-keys-by-blog');
    expect(before).toBeGreaterThan(0);
    const path = join(folder, 'old.db');
    const old = new Database(path);
    migrate(old, migrations.slice(0, before));
    // What the importer stored for https://first.example's file before: keys without the blog.
    // Its comment 2 was deleted since (the key's comment_id went NULL): importing the file again must not bring it back.
    const at = Date.parse('2020-01-01T10:00:00Z');
    old.exec(`
      INSERT INTO sites (id, created_at) VALUES ('default', 0);
      INSERT INTO threads (id, site_id, page, title, created_at) VALUES (1, 'default', '/hello/', 'Hello', 0);
      INSERT INTO comments (id, thread_id, root_id, depth, status, text, html, format, created_at)
        VALUES (1, 1, 1, 1, 'approved', 'First blog, one', '<p>First blog, one</p>', 'html', ${at});
      INSERT INTO imports (id, site_id, source, file, started_at, outcome) VALUES (1, 'default', 'wordpress', 'first.xml', 0, 'done');
      INSERT INTO import_keys (site_id, source, source_id, comment_id, import_id) VALUES ('default', 'wordpress', '1:1', 1, 1), ('default', 'wordpress', '1:2', NULL, 1);
    `);
    old.close();
    const run = (repos: ReturnType<typeof createRepos>, format: ImportFormat, file: string) =>
      importFile(repos.imports, {
        format,
        file,
        site: 'default',
        siteOverride: false,
        skipPingbacks: false,
        maxDepth: 10,
        secret: TEST_SECRET,
        clock: () => Date.parse('2026-01-01T00:00:00Z'),
      });

    const db = new Database(path);
    migrate(db);
    const repos = createRepos(db);
    const changed = writeBlogExport(folder, 'first-later.xml', 'https://first.example', [
      { id: 1, text: 'First blog, one' },
      { id: 2, text: 'First blog, two' },
      { id: 3, text: 'First blog, three' },
    ]);
    expect((await run(repos, 'wordpress', changed)).comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 2 });
    const second = writeBlogExport(folder, 'second.xml', 'https://second.example', [{ id: 1, text: 'Second blog, one', date: '2021-05-05 10:00:00' }]);
    expect((await run(repos, 'wordpress', second)).comments).toMatchObject({ imported: { approved: 1 }, alreadyImported: 0 });
    expect(db.prepare('SELECT text FROM comments ORDER BY text').pluck().all()).toEqual(['First blog, one', 'First blog, three', 'Second blog, one']);
  });
});
