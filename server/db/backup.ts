import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { migrate, migrations } from './migrations.ts';
import { createPrivately } from './open.ts';

/** A backup or restore that cannot go ahead, with what to do about it. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface DatabaseFacts {
  schemaVersion: number;
  comments: number;
  threads: number;
  bytes: number;
}

/**
 * Copies the live database through SQLite's online backup API: a consistent
 * snapshot, taken while the server keeps writing (WAL lets it). The copy is
 * written beside `destination`, checked with `PRAGMA integrity_check`, made a
 * single self-contained file, and only then renamed into place.
 */
export async function backupDatabase(sourcePath: string, destination: string): Promise<DatabaseFacts> {
  if (!existsSync(sourcePath)) throw new BackupError(`there is no database at ${sourcePath} (DATABASE_PATH)`);
  const partial = `${destination}.partial`;
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // After the first step, copy the rest in one step: a step that another connection's write
    // interrupts starts over, and small steps under constant writes might never finish.
    // Private (0600) from the first byte: a backup holds readers' emails and IP addresses.
    rmSync(partial, { force: true });
    createPrivately(partial);
    await source.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  try {
    const facts = inspect(partial, { selfContained: true });
    chmodSync(partial, 0o600);
    renameSync(partial, destination);
    return facts;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Checks a database file: it opens, passes `PRAGMA integrity_check`, and holds a Parley schema. */
export function inspect(path: string, options: { selfContained?: boolean } = {}): DatabaseFacts {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${path} cannot be opened as a database: ${(error as Error).message}`);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok') throw new BackupError(`${path} fails PRAGMA integrity_check: ${check}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (schemaVersion < 1 || !tables.has('comments') || !tables.has('threads')) throw new BackupError(`${path} is not a Parley database`);
    if (schemaVersion > migrations.length) throw new BackupError(`${path} is from a newer Parley (schema ${schemaVersion}); upgrade Parley first`);
    if (options.selfContained) db.pragma('journal_mode = DELETE');
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    return { schemaVersion, comments: count('comments'), threads: count('threads'), bytes };
  } catch (error) {
    throw error instanceof BackupError ? error : new BackupError(`${path} is not a usable database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Whether another process has the database open (a running server keeps a
 * connection, and with it a lock on the WAL index, for as long as it runs):
 * found by trying to take SQLite's exclusive lock without waiting.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `targetPath` with a backup, through the same
 * online backup API (so a server that holds it open, with `force`, sees the
 * restored data at its next read). Refuses, without `force`, while another
 * process has the database open. Brings the restored schema up to date.
 */
export async function restoreDatabase(backupPath: string, targetPath: string, options: { force: boolean }): Promise<DatabaseFacts> {
  const facts = inspect(backupPath);
  if (!options.force && databaseInUse(targetPath)) {
    throw new BackupError(
      `${targetPath} is in use by another process (is the Parley server running?). Stop it first, or pass --force to restore into the running server's database.`,
    );
  }
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(targetPath, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    source.close();
  }
  const restored = new Database(targetPath);
  try {
    restored.pragma('busy_timeout = 5000');
    restored.pragma('journal_mode = WAL');
    migrate(restored);
  } finally {
    restored.close();
  }
  return facts;
}
