import type { PgMigration } from '../migrations.ts';

const sql = `
  CREATE UNLOGGED TABLE shared_counters (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         INTEGER NOT NULL,
    expires_at   BIGINT NOT NULL
  );
  CREATE INDEX shared_counters_by_expiry ON shared_counters (expires_at);`;

/**
 * Rate-limit windows and sign-in locks shared by every server on the database
 * (server/db/pg/shared-counters.ts). UNLOGGED: not written ahead, so counting
 * costs little; a crash empties it, which only forgets recent hits. SQLite has
 * no such table: one server per file keeps its counts in memory.
 */
export const sharedCountersStep: PgMigration = { name: 'shared-counters', sql };
