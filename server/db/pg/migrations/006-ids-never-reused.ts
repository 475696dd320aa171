import type { PgMigration } from '../migrations.ts';

const sql = `
  CREATE TABLE retired_comment_ids (comment_id BIGINT PRIMARY KEY);
  CREATE FUNCTION parley_retire_comment_id() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO retired_comment_ids (comment_id) VALUES (old.id) ON CONFLICT DO NOTHING; RETURN NULL; END $$;
  CREATE TRIGGER comments_retire_id AFTER DELETE ON comments FOR EACH ROW EXECUTE FUNCTION parley_retire_comment_id();`;

/** Ids are never given twice: sequences already; imports, which choose ids, skip those of deleted comments. */
export const idsNeverReusedStep: PgMigration = { name: 'ids-never-reused', sql };
