import type { PgMigration } from '../migrations.ts';

const sql = `
  CREATE TABLE email_sign_ins (
    token_hash   TEXT PRIMARY KEY,
    email        TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    origin       TEXT NOT NULL,
    page         TEXT NOT NULL,
    handoff_hash TEXT NOT NULL,
    lang         TEXT NOT NULL DEFAULT 'en',
    ip           TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
  );
  CREATE INDEX email_sign_ins_by_email  ON email_sign_ins (email, created_at);
  CREATE INDEX email_sign_ins_by_expiry ON email_sign_ins (expires_at);

  ALTER TABLE accounts ADD COLUMN moderator_id BIGINT REFERENCES moderators(id) ON DELETE SET NULL;
  CREATE INDEX accounts_by_moderator ON accounts (moderator_id) WHERE moderator_id IS NOT NULL;`;

/** One-time sign-in links by email, and accounts linked to moderators (see SQLite's 016-email-sign-in.ts). */
export const emailSignInStep: PgMigration = { name: 'email-sign-in', sql };
