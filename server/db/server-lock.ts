import Database from 'better-sqlite3';
import { createPrivately } from './open.ts';

/** A second server was started on a database another live process already serves. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly databasePath: string,
    readonly holder: { pid: number; startedAt: number } | undefined,
  ) {
    const who = holder ? `process ${holder.pid} (started ${new Date(holder.startedAt).toISOString()})` : 'another process';
    super(
      `${who} is already serving the database ${databasePath}: one Parley server per database file. ` +
        'Stop that server first, or give this one its own DATABASE_PATH. (The command-line tools import, export and backup may run beside it.)',
    );
    this.name = 'DatabaseInUseError';
  }
}

export interface ServerLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the one-server lock of the database at `databasePath`: a small SQLite
 * file beside it (`<database>.lock`) on which this process keeps a write
 * transaction open for as long as it runs. SQLite's locks are POSIX file
 * locks, which the operating system drops when the process ends however it
 * ends (a crash, `kill -9`), so a lock is never left behind. While held,
 * others can still read the committed row naming the holder's pid.
 *
 * The holder's row is committed before the lock is taken for good: a process
 * that finds someone else's pid there (a previous holder, since dead) writes
 * its own, commits, and tries again; whoever fails to take the write lock
 * leaves, naming the process the row names.
 */
export function holdServerLock(databasePath: string, now = Date.now()): ServerLock | null {
  if (databasePath === ':memory:' || databasePath.startsWith('file:')) return null;
  const path = `${databasePath}.lock`;
  createPrivately(path);
  const db = new Database(path, { timeout: 2000 });
  try {
    // The journal in memory: taking the lock writes one page in place, so it works on a full disk too.
    db.pragma('journal_mode = MEMORY');
    db.exec('CREATE TABLE IF NOT EXISTS holder (only INTEGER PRIMARY KEY CHECK (only = 1), pid INTEGER NOT NULL, started_at INTEGER NOT NULL)');
    const read = db.prepare<[], { pid: number; started_at: number }>('SELECT pid, started_at FROM holder');
    const claim = db.prepare('INSERT OR REPLACE INTO holder (only, pid, started_at) VALUES (1, ?, ?)');
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        const holder = read.get();
        throw new DatabaseInUseError(databasePath, holder && { pid: holder.pid, startedAt: holder.started_at });
      }
      if (read.get()?.pid === process.pid) {
        return { path, release: () => db.close() };
      }
      claim.run(process.pid, now);
      db.exec('COMMIT');
    }
    throw new DatabaseInUseError(databasePath, undefined);
  } catch (error) {
    db.close();
    throw error;
  }
}
