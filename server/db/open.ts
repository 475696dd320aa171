import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';
import { diskFullMessage, isDamaged, isStorageFull } from './storage-faults.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` — `:memory:` for
 * tests — in WAL mode with foreign keys on, and brings its schema up to date.
 *
 * `synchronous = NORMAL` in WAL mode keeps every committed transaction through
 * a crash or `kill -9` of the process; only a power loss of the machine can
 * lose the last commits.
 */
/**
 * Creates the folder a database file goes in (0700) and the file itself (0600), when missing: it holds
 * readers' emails and IP addresses. SQLite gives its -wal and -shm files the database file's mode.
 */
export function prepareFolder(path: string): void {
  if (path === ':memory:' || path.startsWith('file:')) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  createPrivately(path);
}

/** Creates an empty file readable and writable by its owner only (0600), unless it exists. */
export function createPrivately(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
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

/** The database cannot be served as it is: its disk is full, or the file is damaged. */
export class StorageFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFaultError';
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, '; ').slice(0, 300);

const damagedMessage = (path: string, detail: string) =>
  `the database file ${path} is damaged (${detail}). Parley will not serve it: stop here, keep the damaged file aside, ` +
  'and put the last good backup back with `npm run restore -- BACKUP_FILE` (see README, "Backup and restore"), then start again';

/**
 * Opens the database for the server: as openDatabase, then `PRAGMA quick_check`
 * (every page and index is readable and well-formed), so a damaged file is
 * refused at start rather than failing request by request. A full disk or a
 * damaged file is told as such (StorageFaultError), with what to do.
 */
/** The server connection's page cache, in KiB (better-sqlite3's build default is 16,000). */
const SERVER_CACHE_KIB = 4000;

export function openServerDatabase(path: string): Db {
  let db: Db | undefined;
  try {
    db = openDatabase(path);
    // SERVER_CACHE_KIB holds a thread's hot pages many times over; the operating system caches the file.
    db.pragma(`cache_size = -${SERVER_CACHE_KIB}`);
    const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const found = problems.map((row) => row.quick_check).filter((line) => line !== 'ok');
    if (found.length > 0) throw new StorageFaultError(damagedMessage(path, `quick_check: ${oneLine(found.join('; '))}`));
    // The check read every page through the page cache: give that memory back.
    db.pragma('shrink_memory');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StorageFaultError) throw error;
    if (isStorageFull(error)) throw new StorageFaultError(diskFullMessage(path));
    if (isDamaged(error)) throw new StorageFaultError(damagedMessage(path, (error as Error).message));
    throw error;
  }
}
