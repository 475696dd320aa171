import type { Migration } from '../migrations.ts';

/**
 * Where a thread's title and publication date come from (issue 9, item 4):
 * `poster` (the first comment's page sent them: untrusted), `blog` (read
 * from the page on a SITE_ORIGINS origin) or `moderator` (set in the admin
 * view). `meta_attempts` and `meta_due_at` pace the fetches of the page: one
 * at a time per thread, further apart after each failure.
 */
export const threadMeta: Migration = {
  name: 'thread-meta',
  up(db) {
    db.exec(`
      ALTER TABLE threads ADD COLUMN meta_source TEXT NOT NULL DEFAULT 'poster' CHECK (meta_source IN ('poster', 'blog', 'moderator'));
      ALTER TABLE threads ADD COLUMN meta_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE threads ADD COLUMN meta_due_at INTEGER;
    `);
  },
};
