/** The storage interface (server/db/types.ts), by area — Sites: their rules and settings. */
import type { SiteSettings } from '../settings.ts';

export interface SitesRepo {
  settings(siteId: string): Promise<SiteSettings>;
  /** Saves the given rules over the current ones (audited when a moderator did it); returns the rules before and after. */
  saveSettings(
    siteId: string,
    value: Partial<SiteSettings>,
    now: number,
    by?: { id: number; email: string },
  ): Promise<{ before: SiteSettings; after: SiteSettings }>;
  /** Every site that has comments or settings. */
  list(): Promise<string[]>;
  /** Whether this author already has an approved comment on the site (WordPress's "previously approved" rule). */
  knownAuthor(siteId: string, email: string, name: string): Promise<boolean>;
  /** The server's signing secret: made once, kept in the database. */
  secret(): Promise<string>;
}
