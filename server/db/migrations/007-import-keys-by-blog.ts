import type { Migration } from '../migrations.ts';

/**
 * Imported comments are keyed by the blog they came from too (issue 10): two
 * blogs' exports number their comments alike, so (site, source, source id)
 * alone took a second blog's comments for the first one's. `origin` is the
 * blog's address (a WordPress export's base_blog_url, else base_site_url, else
 * its channel link; `host/path`) or the Disqus forum.
 *
 * Keys stored before this step keep origin '' (which blog they came from was
 * never recorded): import-repo.ts still recognises them by the comment they
 * point at (same page and date), so a file imported before adds nothing when
 * imported again, while another blog's comment with the same id does import.
 */
export const importKeysByBlog: Migration = {
  name: 'import-keys-by-blog',
  up(db) {
    db.exec(`
      CREATE TABLE import_keys_by_blog (
        site_id    TEXT NOT NULL,
        source     TEXT NOT NULL,
        origin     TEXT NOT NULL DEFAULT '',
        source_id  TEXT NOT NULL,
        comment_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
        import_id  INTEGER NOT NULL REFERENCES imports(id),
        PRIMARY KEY (site_id, source, origin, source_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO import_keys_by_blog (site_id, source, origin, source_id, comment_id, import_id)
        SELECT site_id, source, '', source_id, comment_id, import_id FROM import_keys;
      DROP TABLE import_keys;
      ALTER TABLE import_keys_by_blog RENAME TO import_keys;
      CREATE INDEX import_keys_by_comment ON import_keys (comment_id);
      CREATE INDEX import_keys_unsorted ON import_keys (site_id, source, source_id) WHERE origin = '';
    `);
  },
};
