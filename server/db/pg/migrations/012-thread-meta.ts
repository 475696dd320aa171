import type { PgMigration } from '../migrations.ts';

const sql = `
  ALTER TABLE threads ADD COLUMN meta_source TEXT NOT NULL DEFAULT 'poster' CHECK (meta_source IN ('poster', 'blog', 'moderator'));
  ALTER TABLE threads ADD COLUMN meta_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE threads ADD COLUMN meta_due_at BIGINT;`;

/** Where a thread's title and date come from, and the pacing of its page fetches (see SQLite's 011-thread-meta.ts). */
export const threadMetaStep: PgMigration = { name: 'thread-meta', sql };
