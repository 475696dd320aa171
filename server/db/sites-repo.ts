import type { Db } from './open.ts';
import type { AuditWriter } from './audit-repo.ts';
import type { ChangeFeed } from './changes.ts';
import type { SitesRepo } from './types.ts';
import { DEFAULT_SETTINGS, changedSettings, type SiteSettings } from './settings.ts';
import { randomToken } from '../lib/tokens.ts';

/** Sites' rules kept in memory at most (a blog server has a handful). */
const CACHED_SITES = 1000;

/**
 * `audit` and `changes` record and announce a moderator's change of the rules. With `externalVersion`
 * (see repos.ts) each site's rules are read once and kept until this repository saves them or another
 * connection commits: every post asks for them.
 */
export function createSitesRepo(db: Db, audit?: AuditWriter, changes?: ChangeFeed, externalVersion?: () => number): SitesRepo {
  const settings = db.prepare<[string], { settings: string }>('SELECT settings FROM sites WHERE id = ?');
  const save = db.prepare(`INSERT INTO sites (id, settings, created_at) VALUES (@id, @settings, @now)
    ON CONFLICT (id) DO UPDATE SET settings = excluded.settings`);
  const list = db.prepare<[], { id: string }>('SELECT id FROM sites ORDER BY id');
  const readMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const insertMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  const hasApproved = db.prepare<[string, string, string], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM comments c
    JOIN threads t ON t.id = c.thread_id
    WHERE c.author_email = ? AND c.author_email != '' AND c.status = 'approved' AND t.site_id = ? AND c.author_name = ? LIMIT 1)`);

  const parse = (row: { settings: string } | undefined): SiteSettings => ({
    ...DEFAULT_SETTINGS,
    ...(row ? (JSON.parse(row.settings) as Partial<SiteSettings>) : {}),
  });
  const read = (siteId: string) => parse(settings.get(siteId));
  // Only rows that exist are kept: a site made later (by a first post, an import) starts from its own row.
  const kept = new Map<string, Readonly<SiteSettings>>();
  let keptAt = externalVersion?.();
  const cached = (siteId: string): SiteSettings => {
    if (!externalVersion) return read(siteId);
    const version = externalVersion();
    if (version !== keptAt) {
      kept.clear();
      keptAt = version;
    }
    const hit = kept.get(siteId);
    if (hit) return hit;
    const row = settings.get(siteId);
    const value = parse(row);
    if (row) {
      if (kept.size >= CACHED_SITES) kept.clear();
      kept.set(siteId, Object.freeze(value));
    }
    return value;
  };

  return {
    async settings(siteId: string): Promise<SiteSettings> {
      return cached(siteId);
    },

    /** Saves the given rules over the current ones (audited when a moderator did it); returns the rules before and after. */
    async saveSettings(siteId: string, value: Partial<SiteSettings>, now: number, by?: { id: number; email: string }) {
      const result = db.transaction(() => {
        const before = read(siteId);
        const after = { ...before, ...value };
        save.run({ id: siteId, settings: JSON.stringify(after), now });
        if (by) audit?.write(db, { at: now, actor: 'moderator', moderator: by, action: 'settings', siteId, ...changedSettings(before, after) });
        return { before, after };
      })();
      kept.delete(siteId);
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
