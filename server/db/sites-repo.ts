import type { Db } from './open.ts';
import type { AuditRepo } from './audit-repo.ts';
import type { ChangeFeed } from './changes.ts';
import { randomToken } from '../lib/tokens.ts';

/** Per-site moderation rules, kept as JSON in `sites.settings`; unknown or missing keys fall back to defaults. */
export interface SiteSettings {
  /** `open` publishes at once, `first-time` holds a new commenter's first comment, `all` holds every comment. */
  moderation: 'open' | 'first-time' | 'all';
  /** Hold a comment with this many links or more; 0 turns the rule off. */
  holdLinks: number;
  /** Words, phrases or address fragments that hold a comment (one entry each, matched case-insensitively inside words). */
  moderationWords: string[];
  /** Entries that send a comment straight to spam, matched like `moderationWords`. */
  blocklistWords: string[];
  /** Close comments on pages older than this many days; 0 keeps them open. */
  closeAfterDays: number;
  /** Whether guests must give a name and email; null follows the server's REQUIRE_NAME_EMAIL. */
  requireNameEmail: boolean | null;
}

export const DEFAULT_SETTINGS: Readonly<SiteSettings> = Object.freeze({
  moderation: 'open',
  holdLinks: 2,
  moderationWords: [],
  blocklistWords: [],
  closeAfterDays: 0,
  requireNameEmail: null,
});

/** `audit` and `changes` record and announce a moderator's change of the rules. */
export function createSitesRepo(db: Db, audit?: AuditRepo, changes?: ChangeFeed) {
  const settings = db.prepare<[string], { settings: string }>('SELECT settings FROM sites WHERE id = ?');
  const save = db.prepare(`INSERT INTO sites (id, settings, created_at) VALUES (@id, @settings, @now)
    ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`);
  const list = db.prepare<[], { id: string }>('SELECT id FROM sites ORDER BY id');
  const readMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const insertMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  const hasApproved = db.prepare<[string, string, string], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM comments c
    JOIN threads t ON t.id = c.thread_id
    WHERE c.author_email = ? AND c.author_email != '' AND c.status = 'approved' AND t.site_id = ? AND c.author_name = ? LIMIT 1)`);

  const read = (siteId: string): SiteSettings => {
    const row = settings.get(siteId);
    return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.settings) as Partial<SiteSettings>) : {}) };
  };

  return {
    async settings(siteId: string): Promise<SiteSettings> {
      return read(siteId);
    },

    /** Saves the given rules over the current ones (audited when a moderator did it); returns the rules before and after. */
    async saveSettings(siteId: string, value: Partial<SiteSettings>, now: number, by?: { id: number; email: string }) {
      const result = db.transaction(() => {
        const before = read(siteId);
        const after = { ...before, ...value };
        save.run({ id: siteId, settings: JSON.stringify(after), now });
        if (by) audit?.write({ at: now, actor: 'moderator', moderator: by, action: 'settings', siteId, ...changed(before, after) });
        return { before, after };
      })();
      changes?.emit({ type: 'settings', siteId, page: '' });
      return result;
    },

    /** Every site that has comments or settings. */
    async list(): Promise<string[]> {
      return list.all().map((row) => row.id);
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

/** Only the settings that differ, before and after. */
function changed(before: SiteSettings, after: SiteSettings) {
  const keys = (Object.keys(after) as Array<keyof SiteSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

export type SitesRepo = ReturnType<typeof createSitesRepo>;
