import type { Db } from './open.ts';
import type { FeedRow } from './rows.ts';
import type { FeedRepo } from './types.ts';
import { toFeedEntry } from './map.ts';

/** The latest approved comments of a page or a whole site, for Atom feeds. */
export function createFeedRepo(db: Db): FeedRepo {
  const ofPage = db.prepare<[string, string, number], FeedRow>(`SELECT c.*, t.page, t.title FROM comments c
    JOIN threads t ON t.id = c.thread_id
    WHERE t.site_id = ? AND t.page = ? AND +c.status = 'approved' ORDER BY c.created_at DESC, c.id DESC LIMIT ?`);
  // Newest first across the site: walk the approved comments by date, not every approved comment then sort.
  const ofSite = db.prepare<[string, number], FeedRow>(`SELECT c.*, t.page, t.title FROM comments c INDEXED BY comments_latest
    JOIN threads t ON t.id = c.thread_id
    WHERE t.site_id = ? AND c.status = 'approved' ORDER BY c.created_at DESC, c.id DESC LIMIT ?`);

  return {
    async latest(siteId, page, limit) {
      return (page === undefined ? ofSite.all(siteId, limit) : ofPage.all(siteId, page, limit)).map(toFeedEntry);
    },
  };
}
