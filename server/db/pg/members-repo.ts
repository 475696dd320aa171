import type { ChangeFeed } from '../changes.ts';
import type { Comment, MembersRepo } from '../types.ts';
import type { PgCommentHooks } from './comments-repo.ts';
import type { PgDatabase, Queryable } from './database.ts';
import { nameKey } from '../../lib/name-key.ts';

/** The names members hold on each site, as server/db/members-repo.ts keeps them on SQLite. */
export function createPgMembersRepo(db: PgDatabase, changes: ChangeFeed) {
  /** Records, on the caller's transaction, that a member goes by `name` on `siteId`; true when the name is new there. */
  async function hold(tx: Queryable, siteId: string, name: string): Promise<boolean> {
    const key = nameKey(name);
    if (!key) return false;
    const { rowCount } = await tx.query('INSERT INTO member_names (site_id, name_key) VALUES ($1, $2) ON CONFLICT DO NOTHING', [siteId, key]);
    return Boolean(rowCount);
  }

  // A new name changes how the whole site reads: announced once its comment committed, so no cache refills from before.
  const claimed = new WeakSet<Comment>();
  const hooks: Pick<Required<PgCommentHooks>, 'afterPost' | 'afterCommit'> = {
    async afterPost(tx, comment, thread) {
      if ((comment.accountId !== null || comment.isModerator) && (await hold(tx, thread.siteId, comment.authorName))) claimed.add(comment);
    },
    afterCommit(comment, thread) {
      if (claimed.has(comment)) changes.emit({ type: 'settings', siteId: thread.siteId, page: '' });
    },
  };

  const repo: MembersRepo = {
    async heldNames(siteId, names) {
      const keys = [...new Set(names.map(nameKey))].filter(Boolean);
      if (!keys.length) return new Set();
      const rows = await db.rows<{ name_key: string }>("SELECT name_key FROM member_names WHERE site_id IN ($1, '*') AND name_key = ANY($2::text[])", [
        siteId,
        keys,
      ]);
      const found = new Set(rows.map((row) => row.name_key));
      return new Set(names.filter((name) => found.has(nameKey(name))));
    },
  };
  return { repo, hooks, hold };
}
