import type { ChangeFeed } from '../changes.ts';
import type { SitesRepo } from '../types.ts';
import { DEFAULT_SETTINGS, changedSettings, type SiteSettings } from '../settings.ts';
import { randomToken } from '../../lib/tokens.ts';
import { first, type PgDatabase, type Queryable } from './database.ts';
import type { PgAuditWriter } from './audit-repo.ts';

export function createPgSitesRepo(db: PgDatabase, audit: PgAuditWriter, changes: ChangeFeed): SitesRepo {
  const read = async (tx: Queryable, siteId: string, lock = false): Promise<SiteSettings> => {
    const row = await first<{ settings: string }>(tx, `SELECT settings FROM sites WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [siteId]);
    return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.settings) as Partial<SiteSettings>) : {}) };
  };

  return {
    async settings(siteId) {
      return read(db, siteId);
    },

    async saveSettings(siteId, value, now, by) {
      const result = await db.transaction(async (tx) => {
        // The row is locked while read and rewritten: two moderators saving at once cannot undo each other's keys.
        await tx.query('INSERT INTO sites (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [siteId, now]);
        const before = await read(tx, siteId, true);
        const after = { ...before, ...value };
        await tx.query('UPDATE sites SET settings = $2 WHERE id = $1', [siteId, JSON.stringify(after)]);
        if (by) await audit.write(tx, { at: now, actor: 'moderator', moderator: by, action: 'settings', siteId, ...changedSettings(before, after) });
        return { before, after };
      });
      changes.emit({ type: 'settings', siteId, page: '' });
      return result;
    },

    async list() {
      return (await db.rows<{ id: string }>('SELECT id FROM sites ORDER BY id')).map((row) => row.id);
    },

    async knownAuthor(siteId, email, name) {
      return !!(await db.one(
        `SELECT 1 FROM comments c JOIN threads t ON t.id = c.thread_id
        WHERE c.author_email = $1 AND c.author_email != '' AND c.status = 'approved' AND t.site_id = $2 AND c.author_name = $3 LIMIT 1`,
        [email, siteId, name],
      ));
    },

    async secret() {
      await db.query("INSERT INTO meta (key, value) VALUES ('secret', $1) ON CONFLICT DO NOTHING", [randomToken(48)]);
      return (await db.one<{ value: string }>("SELECT value FROM meta WHERE key = 'secret'"))!.value;
    },
  };
}
