import { afterAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './open.ts';
import { backupDatabase, BackupError, databaseInUse, inspect, restoreDatabase } from './backup.ts';
import { tempDir } from '../../tests/helpers/server.ts';

const dir = tempDir('parley-backup-unit-');
afterAll(() => dir.cleanup());

describe('backup and restore', () => {
  test('a backup is a checked, self-contained copy; restore refuses an open database unless forced', async () => {
    const live = join(dir.path, 'live.db');
    const db = openDatabase(live);
    db.prepare("INSERT INTO sites (id, created_at) VALUES ('default', 0)").run();
    db.prepare("INSERT INTO threads (site_id, page, created_at) VALUES ('default', '/a/', 0)").run();
    const copy = join(dir.path, 'copy.db');
    expect(await backupDatabase(live, copy)).toMatchObject({ threads: 1, comments: 0 });
    const opened = new Database(copy, { readonly: true });
    expect(opened.pragma('journal_mode', { simple: true })).toBe('delete');
    opened.close();

    expect(databaseInUse(live)).toBe(true);
    await expect(restoreDatabase(copy, live, { force: false })).rejects.toThrow(/in use by another process/);
    db.prepare("INSERT INTO threads (site_id, page, created_at) VALUES ('default', '/b/', 0)").run();
    await restoreDatabase(copy, live, { force: true });
    expect(db.prepare('SELECT page FROM threads').pluck().all()).toEqual(['/a/']);
    db.close();
    expect(databaseInUse(live)).toBe(false);
  });

  test('what is not a Parley database is refused with the reason', () => {
    const junk = join(dir.path, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text'.repeat(200));
    expect(() => inspect(junk)).toThrow(BackupError);
    const empty = join(dir.path, 'empty.db');
    new Database(empty).close();
    expect(() => inspect(empty)).toThrow(/is not a Parley database/);
  });
});
