import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonExport } from '../../server/migrate/json-export.ts';
import { importFile, type ImportFormat } from '../../server/migrate/importer.ts';
import type { ImportRepo } from '../../server/db/types.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { TEST_SECRET } from '../helpers/import-db.ts';
import { tempDir } from '../helpers/server.ts';
import { writeWxr } from '../helpers/wxr-generator.ts';

/**
 * `npm run export -- json` and `npm run import -- json` on the engine under test (SQLite, and PostgreSQL in
 * the postgres project): a site moves to another Parley whole, what moderators added included.
 */
const dir = tempDir('parley-export-import-');
afterAll(() => dir.cleanup());

async function exportJson(app: TestApp): Promise<string> {
  let text = '';
  for await (const chunk of jsonExport(app.repos.exports)) text += chunk;
  return text;
}

const importInto = (repo: ImportRepo, format: ImportFormat, file: string, now: number) =>
  importFile(repo, { format, file, site: 'default', siteOverride: false, skipPingbacks: false, maxDepth: 5, secret: TEST_SECRET, clock: () => now });

async function populated(): Promise<TestApp> {
  const app = createTestApp({ MAX_DEPTH: '5' }, { secret: TEST_SECRET });
  const wxr = join(dir.path, 'blog.xml');
  writeWxr(wxr, { posts: 4, comments: 40 });
  await importInto(app.repos.imports, 'wordpress', wxr, app.time.now);
  const first = await app.comment({ page: '/native/', text: 'Pinned by a moderator' });
  await app.comment({ page: '/native/', parent: first.body.comment.id, text: 'A reply' });
  await app.comment({ page: '/native/', text: 'Not pinned' });
  const mod = await app.repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: 'scrypt$x', now: app.time.now });
  await app.repos.pins.setPinned(first.body.comment.id, true, mod, app.time.now);
  await app.repos.moderation.setThreadMeta('default', '/native/', { title: 'Set by a moderator', publishedAt: Date.UTC(2024, 4, 1) }, mod, app.time.now);
  return app;
}

describe('a JSON export imported into an empty Parley', () => {
  test('exports again to the same file: pins, publication dates and whose title it is come along', async () => {
    const source = await populated();
    const first = await exportJson(source);
    const file = join(dir.path, 'site.json');
    writeFileSync(file, first);

    const copy = createTestApp();
    const summary = await importInto(copy.repos.imports, 'json', file, copy.time.now);
    expect(summary.skipped).toEqual([]);
    expect(await exportJson(copy)).toBe(first);

    expect(await copy.sql("SELECT title, meta_source, published_at FROM threads WHERE page = '/native/'")).toEqual([
      { title: 'Set by a moderator', meta_source: 'moderator', published_at: Date.UTC(2024, 4, 1) },
    ]);
    const pinned = await copy.sql('SELECT text FROM comments WHERE pinned_at IS NOT NULL');
    expect(pinned).toEqual([{ text: 'Pinned by a moderator' }]);
    // Readers of the copy see the pin first, as on the source.
    const thread = (await (await copy.get('/api/comments?page=/native/')).json()) as { comments: Array<{ pinned?: boolean; text?: string }> };
    expect(thread.comments[0]).toMatchObject({ pinned: true });

    const again = await importInto(copy.repos.imports, 'json', file, copy.time.now + 1);
    expect(again.comments.imported).toEqual({ approved: 0, pending: 0, spam: 0, trash: 0, deleted: 0 });
  });

  test('a pin from the file holds only where the thread has room; a thread already titled keeps its title and date', async () => {
    const source = await populated();
    const file = join(dir.path, 'into-busy.json');
    writeFileSync(file, await exportJson(source));

    const target = createTestApp();
    const mod = await target.repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: 'scrypt$x', now: target.time.now });
    for (const text of ['One', 'Two', 'Three']) {
      const posted = await target.comment({ page: '/native/', title: 'Its own title', text });
      await target.repos.pins.setPinned(posted.body.comment.id, true, mod, target.time.now);
    }
    await target.repos.moderation.setThreadMeta('default', '/native/', { title: 'Its own title', publishedAt: Date.UTC(2025, 0, 1) }, mod, target.time.now);

    await importInto(target.repos.imports, 'json', file, target.time.now);
    expect(await target.sql("SELECT title, meta_source, published_at FROM threads WHERE page = '/native/'")).toEqual([
      { title: 'Its own title', meta_source: 'moderator', published_at: Date.UTC(2025, 0, 1) },
    ]);
    expect(await target.sql('SELECT text FROM comments WHERE pinned_at IS NOT NULL ORDER BY id')).toEqual([
      { text: 'One' },
      { text: 'Two' },
      { text: 'Three' },
    ]);
  });
});
