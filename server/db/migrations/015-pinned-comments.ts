import type { Migration } from '../migrations.ts';

/**
 * Pinned comments (issue 13, item 3): when a moderator pinned a top-level comment (null: not pinned).
 * A thread shows its pinned comments first, oldest pin first, in every sort; at most three at a time.
 */
export const pinnedComments: Migration = {
  name: 'pinned-comments',
  up(db) {
    db.exec(`
      ALTER TABLE comments ADD COLUMN pinned_at INTEGER;
      CREATE INDEX comments_pinned ON comments (thread_id, pinned_at) WHERE pinned_at IS NOT NULL;
    `);
  },
};
