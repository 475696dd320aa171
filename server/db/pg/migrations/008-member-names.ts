import type { PoolClient } from 'pg';
import { nameKey } from '../../../lib/name-key.ts';
import type { PgMigration } from '../migrations.ts';

const sql = `
  CREATE TABLE member_names (site_id TEXT NOT NULL, name_key TEXT NOT NULL, PRIMARY KEY (site_id, name_key));`;

async function fillMemberNames(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ site_id: string; name: string }>(`
    SELECT DISTINCT t.site_id, c.author_name AS name FROM comments c JOIN threads t ON t.id = c.thread_id
      WHERE c.account_id IS NOT NULL OR c.is_moderator = 1
    UNION SELECT '*', name FROM moderators`);
  for (const { site_id, name } of rows) {
    const key = nameKey(name);
    if (key) await client.query('INSERT INTO member_names (site_id, name_key) VALUES ($1, $2) ON CONFLICT DO NOTHING', [site_id, key]);
  }
}

/** The names members hold on each site (see SQLite's 008-member-names.ts), filled from the comments and moderators already there. */
export const memberNamesStep: PgMigration = { name: 'member-names', sql, fill: fillMemberNames };
