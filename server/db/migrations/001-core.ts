import type { Migration } from '../migrations.ts';

/** Sites, threads (one per page), comments and likes. */
export const core: Migration = {
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sites (
        id         TEXT PRIMARY KEY,
        settings   TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE threads (
        id             INTEGER PRIMARY KEY,
        site_id        TEXT NOT NULL REFERENCES sites(id),
        page           TEXT NOT NULL,
        title          TEXT NOT NULL DEFAULT '',
        locked         INTEGER NOT NULL DEFAULT 0,
        approved_count INTEGER NOT NULL DEFAULT 0,
        created_at     INTEGER NOT NULL,
        UNIQUE (site_id, page)
      ) STRICT;

      CREATE TABLE comments (
        id              INTEGER PRIMARY KEY,
        thread_id       INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        parent_id       INTEGER REFERENCES comments(id) ON DELETE CASCADE,
        root_id         INTEGER NOT NULL,
        depth           INTEGER NOT NULL CHECK (depth >= 1),
        status          TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'trash', 'deleted')),
        kind            TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'pingback', 'trackback')),
        text            TEXT NOT NULL,
        html            TEXT NOT NULL,
        author_name     TEXT NOT NULL DEFAULT '',
        author_email    TEXT NOT NULL DEFAULT '',
        author_url      TEXT NOT NULL DEFAULT '',
        avatar_key      TEXT NOT NULL DEFAULT '',
        account_id      INTEGER,
        is_moderator    INTEGER NOT NULL DEFAULT 0,
        ip              TEXT NOT NULL DEFAULT '',
        user_agent      TEXT NOT NULL DEFAULT '',
        edit_token_hash TEXT,
        notify          INTEGER NOT NULL DEFAULT 0,
        likes           INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        edited_at       INTEGER
      ) STRICT;

      CREATE INDEX comments_roots_by_time  ON comments (thread_id, created_at, id) WHERE parent_id IS NULL;
      CREATE INDEX comments_roots_by_likes ON comments (thread_id, likes DESC, id) WHERE parent_id IS NULL;
      CREATE INDEX comments_by_root        ON comments (root_id, created_at, id);
      CREATE INDEX comments_by_parent      ON comments (parent_id);
      CREATE INDEX comments_by_avatar      ON comments (avatar_key);
      CREATE INDEX comments_by_author      ON comments (thread_id, author_email, created_at);
      CREATE INDEX comments_by_email       ON comments (author_email, status) WHERE author_email != '';
      CREATE INDEX comments_by_account     ON comments (account_id, thread_id, created_at) WHERE account_id IS NOT NULL;
      CREATE INDEX comments_latest         ON comments (created_at, id) WHERE status = 'approved';

      CREATE TABLE likes (
        comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        voter      TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (comment_id, voter)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
