import type { Config } from '../config.ts';
import type { Repos } from './types.ts';
import { openServerDatabase, prepareFolder } from './open.ts';
import { diskFullWarning } from './storage-faults.ts';
import { holdServerLock } from './server-lock.ts';
import { createRepos } from './repos.ts';
import { startCheckpointer } from './checkpointer.ts';

/**
 * The storage the configuration names: PostgreSQL when DATABASE_URL is set,
 * else the SQLite file at DATABASE_PATH (refusing a second server on one file:
 * DatabaseInUseError). Resolves once the schema is up to date.
 */
export async function openRepos(config: Config, options: { mail?: boolean } = {}): Promise<Repos & { where: string }> {
  if (config.databaseUrl) {
    // The PostgreSQL engine (and the pg driver) loads only when it is the one configured.
    const [{ openPostgres }, { createPgRepos }] = await Promise.all([import('./pg/database.ts'), import('./pg/repos.ts')]);
    const db = openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize });
    await db.ready;
    const repos = createPgRepos(db, config.databaseUrl, options);
    return { ...repos, where: `PostgreSQL ${redact(config.databaseUrl)}` };
  }
  prepareFolder(config.databasePath);
  // SQLite: one server per file, a lock held for the life of the process (the operating system lets go of it when the process ends).
  const lock = holdServerLock(config.databasePath);
  const db = openServerDatabase(config.databasePath);
  const full = diskFullWarning(config.databasePath);
  if (full) console.warn(`[parley] warning: ${full}`);
  const checkpoints = startCheckpointer(db, config.databasePath);
  const repos = createRepos(db, options);
  return {
    ...repos,
    where: config.databasePath,
    async close() {
      await checkpoints.stop();
      await repos.close();
      lock?.release();
    },
  };
}

/** A URL for the log: without its password. */
export const redact = (url: string) => url.replace(/:[^:@/]*@/, ':***@');
