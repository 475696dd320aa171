import type { Migration } from '../migrations.ts';

/**
 * Undo for moderators' actions (issue 9, item 13). Each status action a
 * moderator takes is kept for a while with what it changed: for each comment,
 * the status it had and was given, what `comment_moderation.previous_status`
 * held before (so a later "Restore" still knows where the comment came from),
 * and whether it resolved open reports. `audit_mark` is the last audit row
 * the action wrote: a later row about one of its comments means that comment
 * changed since, and the undo is refused.
 */
export const moderationUndo: Migration = {
  name: 'moderation-undo',
  up(db) {
    db.exec(`
      CREATE TABLE moderation_undo (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
        action       TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        audit_mark   INTEGER NOT NULL,
        undone_at    INTEGER
      ) STRICT;
      CREATE INDEX moderation_undo_by_time ON moderation_undo (created_at);

      CREATE TABLE moderation_undo_items (
        undo_id          INTEGER NOT NULL REFERENCES moderation_undo(id) ON DELETE CASCADE,
        comment_id       INTEGER NOT NULL,
        from_status      TEXT NOT NULL,
        to_status        TEXT NOT NULL,
        previous_status  TEXT,
        resolved_reports INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (undo_id, comment_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
