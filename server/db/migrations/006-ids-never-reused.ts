import type { Migration } from '../migrations.ts';
import { rebuildWithAutoincrement } from '../rebuild-table.ts';

/**
 * Ids are never given twice (issue 9). Without AUTOINCREMENT SQLite hands the
 * id of the newest deleted row to the next one, so a reader's edit token, a
 * permalink, an Atom entry id or a signed mail link would name a stranger's
 * comment. Every table whose ids reach readers, moderators or other rows is
 * rebuilt with AUTOINCREMENT, keeping its ids, its indexes and every reference
 * to it (mail_subscriptions has had it from the start).
 *
 * Each sequence starts above the highest id the table holds and above the
 * highest id other rows still name (the audit log keeps the ids of deleted
 * comments and moderators), so an id deleted before this upgrade is not
 * handed out either.
 *
 * Imports choose comment ids themselves (the source's own, so `#comment-N`
 * links keep working): `retired_comment_ids` remembers every comment id that
 * was deleted (a trigger, so no path can forget it), and an import never takes
 * one of those. Seeded from the ids the audit log names that are gone.
 */
export const idsNeverReused: Migration = {
  name: 'ids-never-reused',
  rebuildsTables: true,
  up(db) {
    rebuildWithAutoincrement(db, 'threads');
    rebuildWithAutoincrement(db, 'comments', ['SELECT max(comment_id) FROM audit_log', 'SELECT max(comment_id) FROM mail_jobs']);
    rebuildWithAutoincrement(db, 'accounts', ['SELECT max(account_id) FROM comments']);
    rebuildWithAutoincrement(db, 'moderators', ['SELECT max(moderator_id) FROM audit_log']);
    rebuildWithAutoincrement(db, 'bans');
    rebuildWithAutoincrement(db, 'audit_log');
    rebuildWithAutoincrement(db, 'imports', ['SELECT max(import_id) FROM import_keys']);
    rebuildWithAutoincrement(db, 'mail_jobs');
    rebuildWithAutoincrement(db, 'mail_outbox');
    db.exec(`
      CREATE TABLE retired_comment_ids (comment_id INTEGER PRIMARY KEY) STRICT;
      CREATE TRIGGER comments_retire_id AFTER DELETE ON comments
        BEGIN INSERT OR IGNORE INTO retired_comment_ids (comment_id) VALUES (old.id); END;
      INSERT OR IGNORE INTO retired_comment_ids (comment_id)
        SELECT DISTINCT comment_id FROM audit_log WHERE comment_id IS NOT NULL AND comment_id NOT IN (SELECT id FROM comments);
    `);
  },
};
