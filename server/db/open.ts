import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` — `:memory:` for
 * tests — in WAL mode with foreign keys on, and brings its schema up to date.
 *
 * `synchronous = NORMAL` in WAL mode keeps every committed transaction through
 * a crash or `kill -9` of the process; only a power loss of the machine can
 * lose the last commits.
 */
/** Creates the folder a database file goes in, when missing. */
export function prepareFolder(path: string): void {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
}

export function openDatabase(path: string): Db {
  prepareFolder(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
