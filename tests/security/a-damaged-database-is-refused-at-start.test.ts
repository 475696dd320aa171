import { afterAll, describe, expect, test } from 'vitest';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, openServerDatabase } from '../../server/db/open.ts';
import { startServer, tempDir } from '../helpers/server.ts';

const dir = tempDir('parley-damaged-');
afterAll(() => dir.cleanup());

/** A real database with a few hundred comments, closed cleanly (checkpointed into the main file). */
function realDatabase(name: string): string {
  const path = join(dir.path, name);
  const db = openDatabase(path);
  db.exec(`INSERT INTO sites (id, created_at) VALUES ('default', 0);
    INSERT INTO threads (site_id, page, created_at) VALUES ('default', '/p/', 0);`);
  const insert = db.prepare("INSERT INTO comments (thread_id, root_id, depth, status, text, html, created_at) VALUES (1, 0, 1, 'approved', ?, ?, ?)");
  for (let i = 0; i < 400; i++) insert.run(`Comment ${i} `.repeat(20), `<p>Comment ${i}</p>`, i);
  db.close();
  return path;
}

/** Writes garbage over `pages` pages of the file, from page `from` (1-based; page 1 holds the header). */
function damage(path: string, from: number, pages: number): void {
  const size = 4096;
  expect(statSync(path).size).toBeGreaterThan((from + pages) * size);
  const fd = openSync(path, 'r+');
  const garbage = Buffer.alloc(size * pages);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
  writeSync(fd, garbage, 0, garbage.length, (from - 1) * size);
  closeSync(fd);
}

function refusal(path: string): string {
  try {
    openServerDatabase(path).close();
    return 'opened';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('a damaged database file is found at start and refused', () => {
  test('garbage in its pages: quick_check finds it, the message points at npm run restore', () => {
    const path = realDatabase('pages.db');
    damage(path, 4, 3);
    expect(refusal(path)).toMatch(/^the database file .*pages\.db is damaged \(quick_check: .+\)\..*npm run restore -- BACKUP_FILE/);
  });

  test('garbage over its header: not a database, refused the same way', () => {
    const path = realDatabase('header.db');
    damage(path, 1, 1);
    expect(refusal(path)).toMatch(/^the database file .*header\.db is damaged \(file is not a database\)\..*npm run restore/);
  });

  test('an intact file opens', () => {
    const db = openServerDatabase(realDatabase('intact.db'));
    expect(db.prepare('SELECT count(*) FROM comments').pluck().get()).toBe(400);
    db.close();
  });

  test('the real server refuses to start on it, in one line without a stack', { timeout: 120_000 }, async () => {
    const path = realDatabase('server.db');
    damage(path, 4, 3);
    const refused = await startServer({ DATABASE_PATH: path }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).toContain('server exited with 1');
    expect(refused).toMatch(/could not start: the database file .*server\.db is damaged [^\n]*npm run restore/);
    expect(refused).not.toMatch(/\n\s+at /);
  });
});
