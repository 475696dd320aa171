import type { Config } from '../config.ts';
import type { Repos } from './types.ts';
import { openDatabase } from './open.ts';
import { createRepos } from './repos.ts';
import { openPostgres } from './pg/database.ts';
import { createPgRepos } from './pg/repos.ts';

/**
 * The storage the configuration names: PostgreSQL when DATABASE_URL is set,
 * else the SQLite file at DATABASE_PATH. Resolves once the schema is up to date.
 */
export async function openRepos(config: Config, options: { mail?: boolean } = {}): Promise<Repos & { where: string }> {
  if (config.databaseUrl) {
    const db = openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize });
    await db.ready;
    const repos = createPgRepos(db, config.databaseUrl, options);
    return { ...repos, where: `PostgreSQL ${redact(config.databaseUrl)}` };
  }
  return { ...createRepos(openDatabase(config.databasePath), options), where: config.databasePath };
}

/** A URL for the log: without its password. */
export const redact = (url: string) => url.replace(/:[^:@/]*@/, ':***@');
