import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImportFileError } from '../../server/migrate/xml-reader.ts';
import { createImportDb, type ImportDb } from '../helpers/import-db.ts';

/**
 * Every WordPress and Disqus export in ../shared/fixtures: counts of threads,
 * comments per status and depth, spot checks of authors, dates and bodies
 * against the file, and the malformed ones refused with their position.
 */
const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');
const files = (dir: string) =>
  existsSync(join(FIXTURES, dir))
    ? readdirSync(join(FIXTURES, dir))
        .filter((f) => f.endsWith('.xml'))
        .sort()
    : [];
if (!existsSync(FIXTURES)) console.warn(`[parley] skipping fixture imports: ${FIXTURES} is not there`);

interface Expected {
  threadsWithComments: number;
  /** Threads in all, closed posts without comments included. */
  threads: number;
  statuses: Record<string, number>;
  kinds?: Record<string, number>;
  maxDepth: number | null;
}

const WORDPRESS: Record<string, Expected | { refused: [line: number, column: number, reason: RegExp] }> = {
  'a11y-unit-test-data.xml': { threadsWithComments: 5, threads: 42, statuses: { approved: 29 }, kinds: { comment: 25, pingback: 4 }, maxDepth: 10 },
  'cdata-edge.xml': { threadsWithComments: 0, threads: 0, statuses: {}, maxDepth: null },
  'crazy-cdata-escaped.xml': { threadsWithComments: 0, threads: 0, statuses: {}, maxDepth: null },
  'crazy-cdata.xml': { refused: [18, 72, /"\]\]>" is disallowed in char data/] },
  'isso-wordpress.xml': { threadsWithComments: 2, threads: 2, statuses: { approved: 8 }, maxDepth: 3 },
  'malformed.xml': { refused: [90, 10, /unexpected close tag/] },
  'namespace-edge-cases.xml': { threadsWithComments: 0, threads: 0, statuses: {}, maxDepth: null },
  'slashes.xml': { threadsWithComments: 1, threads: 1, statuses: { approved: 1 }, maxDepth: 1 },
  'small-export.xml': { threadsWithComments: 1, threads: 1, statuses: { approved: 1 }, maxDepth: 1 },
  'test-serialized-comment-meta.xml': { threadsWithComments: 1, threads: 1, statuses: { approved: 1 }, maxDepth: 1 },
  'theme-unit-test-data.xml': {
    threadsWithComments: 7,
    threads: 51,
    statuses: { approved: 30, pending: 3 },
    kinds: { comment: 29, pingback: 2, trackback: 2 },
    maxDepth: 10,
  },
  'valid-wxr-1.0.xml': { threadsWithComments: 1, threads: 1, statuses: { approved: 1 }, maxDepth: 1 },
  'valid-wxr-1.1.xml': { threadsWithComments: 1, threads: 1, statuses: { approved: 1 }, maxDepth: 1 },
  'wxr-comprehensive.xml': { threadsWithComments: 1, threads: 2, statuses: { approved: 1 }, maxDepth: 1 },
  'wxr-utf-8-challenges.xml': { threadsWithComments: 0, threads: 0, statuses: {}, maxDepth: null },
  'wxr-with-sub-data.xml': { threadsWithComments: 1, threads: 1, statuses: { approved: 1 }, maxDepth: 1 },
};

const DISQUS: Record<string, Expected | { refused: [line: number, column: number, reason: RegExp] }> = {
  'isso-disqus.xml': { threadsWithComments: 2, threads: 2, statuses: { approved: 4, deleted: 1 }, maxDepth: 2 },
  'remark42-disqus-broken.xml': { refused: [1, 2, /text data outside of root node/] },
};

function expectConsistent(t: ImportDb) {
  const counts = t.rows<{ approved_count: number; real: number }>(
    "SELECT approved_count, (SELECT count(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'approved') AS real FROM threads t",
  );
  for (const row of counts) expect(row.approved_count).toBe(row.real);
  const badLinks = t.rows(`SELECT c.id FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
    WHERE (c.parent_id IS NULL AND (c.depth != 1 OR c.root_id != c.id))
       OR (c.parent_id IS NOT NULL AND (p.thread_id != c.thread_id OR c.depth != p.depth + 1 OR c.root_id != p.root_id))`);
  expect(badLinks).toEqual([]);
  for (const { html } of t.rows<{ html: string }>('SELECT html FROM comments')) {
    expect(html).not.toMatch(/<(script|img|iframe|style|h[1-6])\b|\son\w+=|javascript:/i);
  }
}

async function expectFixture(format: 'wordpress' | 'disqus', file: string, expected: Expected | { refused: [number, number, RegExp] } | undefined) {
  const t = createImportDb();
  const path = join(FIXTURES, format, file);
  if (!expected) throw new Error(`no expectations written for ${format}/${file}`);
  if ('refused' in expected) {
    const error = await t.importInto(format, path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ line: expected.refused[0], column: expected.refused[1] });
    expect((error as ImportFileError).reason).toMatch(expected.refused[2]);
    expect(t.counts()).toEqual({ comments: 0, threads: 0, sites: 0 });
    return;
  }
  const summary = await t.importInto(format, path);
  if (format === 'wordpress') expect(summary.comments.inFile).toBe(readFileSync(path, 'utf8').match(/<wp:comment>/g)?.length ?? 0);
  expect(t.statuses()).toEqual(expected.statuses);
  expect(summary.threads.withComments).toBe(expected.threadsWithComments);
  expect(t.counts().threads).toBe(expected.threads);
  expect(t.one<{ d: number | null }>('SELECT max(depth) AS d FROM comments').d).toBe(expected.maxDepth);
  if (expected.kinds)
    expect(Object.fromEntries(t.rows<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM comments GROUP BY kind').map((r) => [r.kind, r.n]))).toEqual(
      expected.kinds,
    );
  expectConsistent(t);
  const again = await t.importInto(format, path);
  expect(Object.values(again.comments.imported).reduce((a, b) => a + b, 0)).toBe(0);
  expect(t.statuses()).toEqual(expected.statuses);
}

describe.skipIf(!existsSync(FIXTURES))('importing every fixture export', () => {
  test.each(files('wordpress'))('wordpress/%s', (file) => expectFixture('wordpress', file, WORDPRESS[file]));
  test.each(files('disqus'))('disqus/%s', (file) => expectFixture('disqus', file, DISQUS[file]));
});

describe.skipIf(!existsSync(FIXTURES))('what fixture comments hold after import', () => {
  const wordpress = (file: string) => join(FIXTURES, 'wordpress', file);
  const comment = (t: ImportDb, id: number) => t.one<Record<string, any>>('SELECT * FROM comments WHERE id = ?', id);

  test('isso-wordpress: pages from links (plain permalinks keep ?p=), titles, authors, GMT dates, threads of replies', async () => {
    const t = createImportDb();
    await t.importInto('wordpress', wordpress('isso-wordpress.xml'));
    expect(t.rows('SELECT page, title FROM threads ORDER BY id')).toEqual([
      { page: '/2014/test/', title: 'Hello, World…' },
      { page: '/?p=4', title: '...' },
    ]);
    expect(comment(t, 2)).toMatchObject({
      author_name: 'Ohai',
      author_email: 'test@example.org',
      author_url: 'http://example.tld/',
      ip: '::ffff:82.119.20.0',
      created_at: Date.parse('2014-01-14T17:32:12Z'),
      text: 'Erster!1',
      html: '<p>Erster!1</p>',
      format: 'html',
      registered: 0,
    });
    expect(comment(t, 10)).toMatchObject({ created_at: Date.parse('2022-06-06T02:13:14Z'), registered: 1, source_user: '1' });
    expect(comment(t, 10).html).toBe('<p>When you have a comment with multiple lines:<br />\nWordPress exports it like this.</p>');
    expect([comment(t, 8).parent_id, comment(t, 8).depth, comment(t, 7).parent_id]).toEqual([7, 3, 6]);
    // WordPress comment ids became Parley ids (old #comment-N links keep working); the second "11", in another post, got a new one.
    expect(t.rows('SELECT author_name FROM comments WHERE thread_id = 2')).toEqual([{ author_name: 'Anonymous' }]);
  });

  test('theme unit test data: pending replies, ping kinds, HTML cleaned, closed posts locked, entities in names decoded', async () => {
    const t = createImportDb();
    await t.importInto('wordpress', wordpress('theme-unit-test-data.xml'));
    expect(comment(t, 1017)).toMatchObject({ status: 'pending', parent_id: 168, depth: 2, author_name: 'themereviewteam' });
    expect(comment(t, 881).author_name).toBe('John Γιάννης Doe Κάποιος');
    expect(comment(t, 881).html).toContain('<p><strong>Header one</strong></p>');
    expect(comment(t, 917).text).toContain('<img src=');
    expect(comment(t, 917).html).not.toContain('<img');
    expect(comment(t, 921)).toMatchObject({ kind: 'trackback', author_name: 'Ping 1 « What’s a tellyworth?' });
    expect(t.one('SELECT locked FROM threads t JOIN comments c ON c.thread_id = t.id WHERE c.id = 921')).toEqual({ locked: 1 });
    expect(t.one('SELECT max(depth) AS d, count(*) AS n FROM comments WHERE root_id = 904')).toEqual({ d: 10, n: 10 });
  });

  test('with MAX_DEPTH 5 the ten-level thread stops at depth 5, and each capped reply remembers whom it answered', async () => {
    const t = createImportDb();
    const summary = await t.importInto('wordpress', wordpress('theme-unit-test-data.xml'), { maxDepth: 5 });
    expect(summary.flattened).toBe(5);
    expect(t.rows('SELECT id, parent_id, depth, reply_to FROM comments WHERE root_id = 904 ORDER BY id')).toEqual([
      { id: 904, parent_id: null, depth: 1, reply_to: null },
      { id: 905, parent_id: 904, depth: 2, reply_to: null },
      { id: 906, parent_id: 905, depth: 3, reply_to: null },
      { id: 907, parent_id: 906, depth: 4, reply_to: null },
      { id: 910, parent_id: 907, depth: 5, reply_to: null },
      { id: 911, parent_id: 907, depth: 5, reply_to: 910 },
      { id: 912, parent_id: 907, depth: 5, reply_to: 911 },
      { id: 913, parent_id: 907, depth: 5, reply_to: 912 },
      { id: 914, parent_id: 907, depth: 5, reply_to: 913 },
      { id: 915, parent_id: 907, depth: 5, reply_to: 914 },
    ]);
  });

  test('--skip-pingbacks leaves pingbacks and trackbacks out and says so', async () => {
    const t = createImportDb();
    const summary = await t.importInto('wordpress', wordpress('theme-unit-test-data.xml'), { skipPingbacks: true });
    expect(t.one('SELECT count(*) AS n FROM comments WHERE kind != ?', 'comment')).toEqual({ n: 0 });
    expect(summary.skipped).toEqual([{ reason: 'pingback or trackback (--skip-pingbacks)', count: 4, lines: expect.any(Array) }]);
  });

  test('isso-disqus: threads by link path, replies, the deleted post kept as a placeholder, the orphan skipped and reported', async () => {
    const t = createImportDb();
    const summary = await t.importInto('disqus', join(FIXTURES, 'disqus', 'isso-disqus.xml'));
    expect(t.rows('SELECT page, title FROM threads ORDER BY id')).toEqual([
      { page: '/', title: 'Hello, World!' },
      { page: '/blog/2013/02/12/redacted/index.html', title: '' },
    ]);
    expect(summary.skipped).toEqual([{ reason: 'its thread (1337) is not in the file', count: 1, lines: [66] }]);
    expect(comment(t, 5)).toMatchObject({ parent_id: 4, depth: 2, author_name: 'user', registered: 1, source_user: 'user', html: '<p>Hello, World.</p>' });
    expect(comment(t, 4)).toMatchObject({ author_name: 'peter', registered: 0, ip: '127.0.0.1', created_at: Date.parse('2013-10-10T19:20:29Z') });
    expect(
      t.one(
        'SELECT c.status, r.parent_id FROM comments c JOIN comments r ON r.parent_id = c.id WHERE r.author_name = ? AND r.created_at = ?',
        'user',
        Date.parse('2013-10-11T06:52:33Z'),
      ),
    ).toMatchObject({ status: 'deleted' });
  });
});
