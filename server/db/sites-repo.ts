import type { Db } from './open.ts';
import { randomToken } from '../lib/tokens.ts';

/** Per-site settings, kept as JSON in `sites.settings`; unknown or missing keys fall back to defaults. */
export interface SiteSettings {
  /** `open` publishes at once, `first-time` holds a new commenter's first comment, `all` holds every comment. */
  moderation: 'open' | 'first-time' | 'all';
  /** Hold a comment with this many links or more; 0 turns the rule off. */
  holdLinks: number;
}

export const DEFAULT_SETTINGS: Readonly<SiteSettings> = Object.freeze({ moderation: 'open', holdLinks: 2 });

export function createSitesRepo(db: Db) {
  const settings = db.prepare<[string], { settings: string }>('SELECT settings FROM sites WHERE id = ?');
  const save = db.prepare(`INSERT INTO sites (id, settings, created_at) VALUES (@id, @settings, @now)
    ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`);
  const readMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const insertMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  const hasApproved = db.prepare<[string, string, string], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM comments c
    JOIN threads t ON t.id = c.thread_id
    WHERE c.author_email = ? AND c.author_email != '' AND c.status = 'approved' AND t.site_id = ? AND c.author_name = ? LIMIT 1)`);

  return {
    async settings(siteId: string): Promise<SiteSettings> {
      const row = settings.get(siteId);
      return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.settings) as Partial<SiteSettings>) : {}) };
    },

    async saveSettings(siteId: string, value: SiteSettings, now: number): Promise<void> {
      save.run({ id: siteId, settings: JSON.stringify(value), now });
    },

    /** Whether this author already has an approved comment on the site (WordPress's "previously approved" rule). */
    async knownAuthor(siteId: string, email: string, name: string): Promise<boolean> {
      return hasApproved.get(email, siteId, name)!.n > 0;
    },

    /** The server's signing secret: made once, kept in the database. */
    async secret(): Promise<string> {
      insertMeta.run('secret', randomToken(48));
      return readMeta.get('secret')!.value;
    },
  };
}

export type SitesRepo = ReturnType<typeof createSitesRepo>;
