import type { Migration } from '../migrations.ts';

/**
 * Edits held for moderation: an approved comment's new text waits here while
 * the approved version stays public, until a moderator approves (the text
 * replaces the comment's) or rejects it (the row goes). One per comment: a
 * newer held edit replaces an older one.
 */
export const pendingEdits: Migration = {
  name: 'pending-edits',
  up(db) {
    db.exec(`
      CREATE TABLE pending_edits (
        comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        html       TEXT NOT NULL,
        reason     TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
