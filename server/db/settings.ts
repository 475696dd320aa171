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

/** Only the settings that differ, before and after. */
export function changedSettings(before: SiteSettings, after: SiteSettings) {
  const keys = (Object.keys(after) as Array<keyof SiteSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}
