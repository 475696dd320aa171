import type { PgMigration } from '../migrations.ts';

const sql = `
  ALTER TABLE comments ADD COLUMN pinned_at BIGINT;
  CREATE INDEX comments_pinned ON comments (thread_id, pinned_at) WHERE pinned_at IS NOT NULL;`;

/** When a moderator pinned a top-level comment (see SQLite's 015-pinned-comments.ts). */
export const pinnedCommentsStep: PgMigration = { name: 'pinned-comments', sql };
