import type { Migration } from '../migrations.ts';

/**
 * Email: readers' subscriptions to threads (double opt-in, immediate or daily
 * digest), mail jobs written in the same transaction as the comment or the
 * moderator's action that causes them, the outbox of rendered messages the
 * sender drains (with leases, attempts and back-off), and the comments a
 * daily-digest subscriber has yet to receive.
 * Depends only on the core and moderation steps (comments, threads, moderators).
 */
export const mail: Migration = {
  name: 'mail',
  up(db) {
    db.exec(`
      -- AUTOINCREMENT: ids are never reused, so a signed link names one subscription for good.
      CREATE TABLE mail_subscriptions (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        thread_id       INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        email           TEXT NOT NULL,
        name            TEXT NOT NULL DEFAULT '',
        origin          TEXT NOT NULL DEFAULT '',
        state           TEXT NOT NULL CHECK (state IN ('pending', 'active', 'unsubscribed')),
        digest          TEXT NOT NULL DEFAULT 'immediate' CHECK (digest IN ('immediate', 'daily')),
        comment_id      INTEGER REFERENCES comments(id) ON DELETE SET NULL,
        requested_at    INTEGER NOT NULL,
        confirm_sent_at INTEGER,
        confirmed_at    INTEGER,
        digest_due_at   INTEGER,
        UNIQUE (thread_id, email)
      ) STRICT;
      CREATE INDEX mail_subscriptions_by_email   ON mail_subscriptions (email, requested_at);
      CREATE INDEX mail_subscriptions_by_comment ON mail_subscriptions (comment_id) WHERE comment_id IS NOT NULL;
      CREATE INDEX mail_subscriptions_digest_due ON mail_subscriptions (digest_due_at) WHERE digest_due_at IS NOT NULL;

      -- What must be mailed, recorded with its cause; the sender turns each into messages once (done_at).
      CREATE TABLE mail_jobs (
        id              INTEGER PRIMARY KEY,
        kind            TEXT NOT NULL CHECK (kind IN ('published', 'held', 'confirm')),
        comment_id      INTEGER,
        subscription_id INTEGER,
        origin          TEXT NOT NULL DEFAULT '',
        -- A published comment goes to its subscribers in chunks: the last subscription id done so far.
        cursor          INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        done_at         INTEGER
      ) STRICT;
      -- A comment's subscribers and its moderators are mailed about it once, however often its status changes.
      CREATE UNIQUE INDEX mail_jobs_once_per_comment ON mail_jobs (kind, comment_id) WHERE kind IN ('published', 'held');
      CREATE INDEX mail_jobs_pending ON mail_jobs (id) WHERE done_at IS NULL;

      CREATE TABLE mail_outbox (
        id              INTEGER PRIMARY KEY,
        message_id      TEXT NOT NULL UNIQUE,
        dedupe_key      TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        recipient       TEXT NOT NULL,
        subject         TEXT NOT NULL,
        body            TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_token     TEXT,
        lease_until     INTEGER,
        last_error      TEXT NOT NULL DEFAULT '',
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER
      ) STRICT;
      CREATE INDEX mail_outbox_due    ON mail_outbox (next_attempt_at) WHERE state = 'queued';
      CREATE INDEX mail_outbox_failed ON mail_outbox (id) WHERE state = 'failed';
      CREATE INDEX mail_outbox_sent   ON mail_outbox (sent_at) WHERE state = 'sent';

      CREATE TABLE mail_digest_items (
        subscription_id INTEGER NOT NULL REFERENCES mail_subscriptions(id) ON DELETE CASCADE,
        comment_id      INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        reply           INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        PRIMARY KEY (subscription_id, comment_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX mail_digest_items_by_comment ON mail_digest_items (comment_id);
    `);
  },
};
