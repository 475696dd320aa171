import type { Migration } from '../migrations.ts';

/**
 * Moderation: moderator accounts and their sessions, readers' reports, bans,
 * the audit log, what the rules said about each comment, and a thread's
 * publication date (for closing comments on old posts).
 * Depends only on the core schema.
 */
export const moderation: Migration = {
  name: 'moderation',
  up(db) {
    db.exec(`
      CREATE TABLE moderators (
        id            INTEGER PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name          TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        last_sign_in  INTEGER
      ) STRICT;

      CREATE TABLE admin_sessions (
        token_hash   TEXT PRIMARY KEY,
        moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX admin_sessions_by_moderator ON admin_sessions (moderator_id);

      CREATE TABLE reports (
        comment_id  INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        reporter    TEXT NOT NULL,
        reason      TEXT NOT NULL DEFAULT '',
        created_at  INTEGER NOT NULL,
        resolved_at INTEGER,
        PRIMARY KEY (comment_id, reporter)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX reports_open ON reports (comment_id) WHERE resolved_at IS NULL;

      CREATE TABLE bans (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL CHECK (kind IN ('account', 'email', 'ip')),
        value        TEXT NOT NULL,
        reason       TEXT NOT NULL DEFAULT '',
        expires_at   INTEGER,
        created_at   INTEGER NOT NULL,
        moderator_id INTEGER REFERENCES moderators(id) ON DELETE SET NULL,
        UNIQUE (kind, value)
      ) STRICT;

      -- What the rules said about a comment (why it was held) and the status it had before trash or spam.
      CREATE TABLE comment_moderation (
        comment_id      INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
        held_reason     TEXT NOT NULL DEFAULT '',
        previous_status TEXT
      ) STRICT;

      -- Kept when comments or moderators are deleted: no foreign keys, the moderator's email is copied.
      CREATE TABLE audit_log (
        id              INTEGER PRIMARY KEY,
        at              INTEGER NOT NULL,
        actor           TEXT NOT NULL CHECK (actor IN ('moderator', 'system', 'reader')),
        moderator_id    INTEGER,
        moderator_email TEXT NOT NULL DEFAULT '',
        action          TEXT NOT NULL,
        comment_id      INTEGER,
        site_id         TEXT NOT NULL DEFAULT '',
        page            TEXT NOT NULL DEFAULT '',
        reason          TEXT NOT NULL DEFAULT '',
        before          TEXT,
        after           TEXT
      ) STRICT;
      CREATE INDEX audit_by_comment   ON audit_log (comment_id, id);
      CREATE INDEX audit_by_moderator ON audit_log (moderator_id, id);

      ALTER TABLE threads ADD COLUMN published_at INTEGER;
      CREATE INDEX comments_by_status ON comments (status, id);
    `);
  },
};
