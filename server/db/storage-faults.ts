import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Faults of the storage under the database, told apart from bugs: a full disk
 * is something the operator fixes (free space) and the server survives (reads
 * go on; SQLite rolls the failed write back and the next one works once there
 * is space); a damaged file is something only a restore fixes.
 */

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** SQLite could not write because the disk (or its quota) is full. */
export function isStorageFull(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** SQLite found the file is not a database, or damaged pages in it. */
export function isDamaged(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** Less than this free on the disk holding the database: start-up says it is full. */
const NEARLY_FULL_BYTES = 256 * 1024;

/** Bytes free for this process on the disk holding the database, or null when that cannot be told. */
export function freeBytes(databasePath: string): number | null {
  if (databasePath === ':memory:' || databasePath.startsWith('file:')) return null;
  try {
    const stats = statfsSync(dirname(databasePath));
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export const diskFullMessage = (databasePath: string) =>
  `the disk holding DATABASE_PATH (${databasePath}) is full: comments, sign-ins and moderation cannot be saved until space is freed ` +
  '(reading still works, and writing resumes by itself once there is space)';

/** The start-up warning when the disk holding the database is (nearly) full, or null. */
export function diskFullWarning(databasePath: string): string | null {
  const free = freeBytes(databasePath);
  return free !== null && free < NEARLY_FULL_BYTES ? diskFullMessage(databasePath) : null;
}
