import type { Migration } from '../migrations.ts';

/**
 * Data in and out (issue 6). Depends only on the core schema.
 *
 * - `comments.format`: what `text` holds — `markdown` (typed into the widget)
 *   or `html` (imported: the body exactly as the source file had it; `html` is
 *   its sanitised rendering).
 * - `comments.reply_to`: the comment really replied to, when it differs from
 *   `parent_id` because the reply sat deeper than MAX_DEPTH and was attached at
 *   the last level (exports give this one as the parent, so nothing is lost).
 * - `comments.registered`, `comments.source_user`: the source's "registered
 *   user" flag and its user id or username.
 * - `imports`: one row per import run (with a fingerprint of the file's
 *   contents and the options, so the very same import is recognised at once);
 *   `import_keys`: the source's own comment
 *   ids already imported into a site, so a second run adds nothing.
 */
export const importSchema: Migration = {
  name: 'import',
  up(db) {
    db.exec(`
      ALTER TABLE comments ADD COLUMN format TEXT NOT NULL DEFAULT 'markdown' CHECK (format IN ('markdown', 'html'));
      ALTER TABLE comments ADD COLUMN reply_to INTEGER REFERENCES comments(id) ON DELETE SET NULL;
      ALTER TABLE comments ADD COLUMN registered INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE comments ADD COLUMN source_user TEXT NOT NULL DEFAULT '';
      CREATE INDEX comments_by_reply_to ON comments (reply_to) WHERE reply_to IS NOT NULL;

      CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        site_id     TEXT NOT NULL,
        source      TEXT NOT NULL,
        file        TEXT NOT NULL,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        outcome     TEXT NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'done', 'failed')),
        summary     TEXT NOT NULL DEFAULT '{}',
        fingerprint TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX imports_done_by_fingerprint ON imports (fingerprint) WHERE outcome = 'done';

      CREATE TABLE import_keys (
        site_id    TEXT NOT NULL,
        source     TEXT NOT NULL,
        source_id  TEXT NOT NULL,
        comment_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
        import_id  INTEGER NOT NULL REFERENCES imports(id),
        PRIMARY KEY (site_id, source, source_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX import_keys_by_comment ON import_keys (comment_id);
    `);
  },
};
