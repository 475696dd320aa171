import type { PgMigration } from '../migrations.ts';

const sql = `
  CREATE TABLE pending_edits (
    comment_id BIGINT PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    html       TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
  );`;

/** Edits held for moderation, one per comment (see SQLite's 009-pending-edits.ts). */
export const pendingEditsStep: PgMigration = { name: 'pending-edits', sql };
