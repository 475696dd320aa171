import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createImportDb } from '../../tests/helpers/import-db.ts';
import { tempDir } from '../../tests/helpers/server.ts';

const dir = tempDir('parley-disqus-');
afterAll(() => dir.cleanup());

const disqus = (body: string) => {
  const path = join(dir.path, `d${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">${body}</disqus>`,
  );
  return path;
};
const thread = (id: number, fields: string) => `<thread dsq:id="${id}">${fields}</thread>`;
const post = (id: number, threadId: number, fields = '') => `<post dsq:id="${id}"><message><![CDATA[<p>Post ${id}</p>]]></message>
<createdAt>2020-02-0${(id % 9) + 1}T10:00:00Z</createdAt><author><name>Guest ${id}</name><email>g${id}@example.org</email><isAnonymous>true</isAnonymous></author>
<thread dsq:id="${threadId}"/>${fields}</post>`;

describe('Disqus import', () => {
  test('spam, deleted, closed threads, registered users, and posts whose thread comes later in the file', async () => {
    const t = createImportDb();
    const path = disqus(
      post(11, 1) +
        thread(1, '<link>https://blog.example/a/?utm=1</link><title>A &amp; B</title><isClosed>true</isClosed>') +
        post(12, 1, '<isSpam>true</isSpam><parent dsq:id="11"/>') +
        post(13, 1, '<isDeleted>true</isDeleted>').replace('<isAnonymous>true</isAnonymous>', '<isAnonymous>false</isAnonymous><username>ada</username>'),
    );
    const summary = await t.importInto('disqus', path);
    expect(summary.skipped).toEqual([]);
    expect(t.rows('SELECT page, title, locked, approved_count FROM threads')).toEqual([{ page: '/a/', title: 'A & B', locked: 1, approved_count: 1 }]);
    expect(t.rows('SELECT id, status, parent_id, registered, source_user FROM comments ORDER BY id')).toEqual([
      { id: 11, status: 'approved', parent_id: null, registered: 0, source_user: '' },
      { id: 12, status: 'spam', parent_id: 11, registered: 0, source_user: '' },
      { id: 13, status: 'deleted', parent_id: null, registered: 1, source_user: 'ada' },
    ]);
  });

  test('posts of a thread without a link or deleted in Disqus are skipped with the reason', async () => {
    const t = createImportDb();
    const summary = await t.importInto(
      'disqus',
      disqus(thread(1, '<id/>') + thread(2, '<link>https://blog.example/b/</link><isDeleted>true</isDeleted>') + post(21, 1) + post(22, 2) + post(23, 3)),
    );
    expect(summary.skipped.map((s) => [s.reason, s.count])).toEqual([
      ['its thread has no link', 1],
      ['its thread was deleted in Disqus', 1],
      ['its thread (3) is not in the file', 1],
    ]);
    expect(t.counts()).toEqual({ comments: 0, threads: 0, sites: 0 });
  });
});
