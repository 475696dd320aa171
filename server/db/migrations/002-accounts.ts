import type { Migration } from '../migrations.ts';

/**
 * Sign-in: accounts (one per provider + provider user id), sessions (token
 * hashes with expiry and revocation), sign-in flows in progress (`state` and
 * PKCE verifier, used once), one-time hand-overs for the full-page redirect,
 * Mastodon app registrations per instance, and the provider mark on comments.
 */
export const accounts: Migration = {
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id               INTEGER PRIMARY KEY,
        provider         TEXT NOT NULL,
        provider_user_id TEXT NOT NULL,
        name             TEXT NOT NULL,
        email            TEXT NOT NULL DEFAULT '',
        url              TEXT NOT NULL DEFAULT '',
        avatar_url       TEXT NOT NULL DEFAULT '',
        avatar_key       TEXT NOT NULL UNIQUE,
        is_moderator     INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        signed_in_at     INTEGER NOT NULL,
        UNIQUE (provider, provider_user_id)
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sessions_by_account ON sessions (account_id);
      CREATE INDEX sessions_by_expiry  ON sessions (expires_at);

      CREATE TABLE auth_flows (
        state_hash    TEXT PRIMARY KEY,
        provider      TEXT NOT NULL,
        instance      TEXT NOT NULL DEFAULT '',
        code_verifier TEXT NOT NULL,
        nonce         TEXT NOT NULL DEFAULT '',
        redirect_uri  TEXT NOT NULL,
        origin        TEXT NOT NULL,
        page          TEXT NOT NULL,
        mode          TEXT NOT NULL CHECK (mode IN ('popup', 'redirect')),
        handoff_hash  TEXT NOT NULL DEFAULT '',
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX auth_flows_by_expiry ON auth_flows (expires_at);

      CREATE TABLE auth_handoffs (
        grant_hash   TEXT PRIMARY KEY,
        account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        handoff_hash TEXT NOT NULL,
        expires_at   INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE mastodon_apps (
        instance      TEXT NOT NULL,
        redirect_uri  TEXT NOT NULL,
        client_id     TEXT NOT NULL,
        client_secret TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        PRIMARY KEY (instance, redirect_uri)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE comments ADD COLUMN author_provider TEXT NOT NULL DEFAULT '';
    `);
  },
};
