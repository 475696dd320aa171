import type { Migration } from '../migrations.ts';

/**
 * Sign-in by email and moderators in the thread (issue 13, items 5 and 2).
 * `email_sign_ins`: the one-time links mailed to a reader (only the token's hash), where the
 * session is handed over afterwards, used once (`used_at`) and only before `expires_at`.
 * `accounts.moderator_id`: the moderator a reader's account is linked to (in /admin, or by signing
 * in by email with a moderator's address); such an account sees the moderation controls in the widget.
 */
export const emailSignIn: Migration = {
  name: 'email-sign-in',
  up(db) {
    db.exec(`
      CREATE TABLE email_sign_ins (
        token_hash   TEXT PRIMARY KEY,
        email        TEXT NOT NULL,
        name         TEXT NOT NULL DEFAULT '',
        origin       TEXT NOT NULL,
        page         TEXT NOT NULL,
        handoff_hash TEXT NOT NULL,
        lang         TEXT NOT NULL DEFAULT 'en',
        ip           TEXT NOT NULL DEFAULT '',
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        used_at      INTEGER
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX email_sign_ins_by_email  ON email_sign_ins (email, created_at);
      CREATE INDEX email_sign_ins_by_expiry ON email_sign_ins (expires_at);

      ALTER TABLE accounts ADD COLUMN moderator_id INTEGER REFERENCES moderators(id) ON DELETE SET NULL;
      CREATE INDEX accounts_by_moderator ON accounts (moderator_id) WHERE moderator_id IS NOT NULL;
    `);
  },
};
