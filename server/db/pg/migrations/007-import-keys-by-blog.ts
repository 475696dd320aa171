import type { PgMigration } from '../migrations.ts';

const sql = `
  ALTER TABLE import_keys ADD COLUMN origin TEXT NOT NULL DEFAULT '';
  ALTER TABLE import_keys DROP CONSTRAINT import_keys_pkey;
  ALTER TABLE import_keys ADD PRIMARY KEY (site_id, source, origin, source_id);
  CREATE INDEX import_keys_unsorted ON import_keys (site_id, source, source_id) WHERE origin = '';`;

/** Imported comments are keyed by the blog they came from too (see SQLite's 007-import-keys-by-blog.ts). */
export const importKeysByBlogStep: PgMigration = { name: 'import-keys-by-blog', sql };
