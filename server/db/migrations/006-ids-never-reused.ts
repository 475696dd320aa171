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
 */
export const idsNeverReused: Migration = {
  name: 'ids-never-reused',
  rebuildsTables: true,
  up(db) {
    rebuildWithAutoincrement(db, 'threads');
    rebuildWithAutoincrement(db, 'comments', [
      'SELECT max(comment_id) FROM audit_log',
      "SELECT max(comment_id) FROM mail_jobs",
    ]);
    rebuildWithAutoincrement(db, 'accounts', ['SELECT max(account_id) FROM comments']);
    rebuildWithAutoincrement(db, 'moderators', ['SELECT max(moderator_id) FROM audit_log']);
    rebuildWithAutoincrement(db, 'bans');
    rebuildWithAutoincrement(db, 'audit_log');
    rebuildWithAutoincrement(db, 'imports', ['SELECT max(import_id) FROM import_keys']);
    rebuildWithAutoincrement(db, 'mail_jobs');
    rebuildWithAutoincrement(db, 'mail_outbox');
  },
};
