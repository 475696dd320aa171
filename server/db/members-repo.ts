import type { Db } from './open.ts';
import type { ChangeFeed } from './changes.ts';
import type { CommentHooks } from './comments-repo.ts';
import type { MembersRepo } from './types.ts';
import { nameKey } from '../lib/name-key.ts';

/**
 * The names members hold on each site (migration 008): claimed when a
 * signed-in account or a moderator comments there, and by every moderator for
 * all sites (`*`). A guest comment under a held name is marked as a guest's.
 */
export function createMembersRepo(db: Db, changes: ChangeFeed) {
  const claim = db.prepare('INSERT OR IGNORE INTO member_names (site_id, name_key) VALUES (?, ?)');
  const held = db
    .prepare<[string, string], string>("SELECT name_key FROM member_names WHERE site_id IN (?, '*') AND name_key IN (SELECT value FROM json_each(?))")
    .pluck();

  /** Records that a member goes by `name` on `siteId` (inside the caller's transaction); a new name changes how the whole site reads. */
  function hold(siteId: string, name: string): void {
    const key = nameKey(name);
    if (key && claim.run(siteId, key).changes > 0) changes.emit({ type: 'settings', siteId, page: '' });
  }

  const hooks: Pick<Required<CommentHooks>, 'afterPost'> = {
    afterPost(_tx, comment, thread) {
      if (comment.accountId !== null || comment.isModerator) hold(thread.siteId, comment.authorName);
    },
  };

  const repo: MembersRepo = {
    async heldNames(siteId, names) {
      const keys = [...new Set(names.map(nameKey))].filter(Boolean);
      if (!keys.length) return new Set();
      const found = new Set(held.all(siteId, JSON.stringify(keys)));
      return new Set(names.filter((name) => found.has(nameKey(name))));
    },
  };
  return { repo, hooks, hold };
}
