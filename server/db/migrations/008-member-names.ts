import type { Migration } from '../migrations.ts';
import { nameKey } from '../../lib/name-key.ts';

/**
 * The names members hold on a site (server/lib/name-key.ts folds them), so a
 * guest who takes one is shown as a guest: every signed-in account that has
 * commented on the site, and every moderator (site `*`: all sites).
 * Filled from the comments and moderators already there.
 */
export const memberNames: Migration = {
  name: 'member-names',
  up(db) {
    db.exec(`
      CREATE TABLE member_names (
        site_id  TEXT NOT NULL,
        name_key TEXT NOT NULL,
        PRIMARY KEY (site_id, name_key)
      ) STRICT, WITHOUT ROWID;
    `);
    const claim = db.prepare('INSERT OR IGNORE INTO member_names (site_id, name_key) VALUES (?, ?)');
    const members = db.prepare<[], { site_id: string; name: string }>(`
      SELECT DISTINCT t.site_id, c.author_name AS name FROM comments c JOIN threads t ON t.id = c.thread_id
        WHERE c.account_id IS NOT NULL OR c.is_moderator = 1
      UNION SELECT '*', name FROM moderators`);
    for (const { site_id, name } of members.all()) {
      const key = nameKey(name);
      if (key) claim.run(site_id, key);
    }
  },
};
