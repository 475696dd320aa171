import type { ListedCommentRow, ThreadRow } from '../rows.ts';
import type { Sort, Viewer } from '../types.ts';
import { MAX_PINNED } from '../types.ts';
import { toListed, toThread } from '../map.ts';
import { createThreadPaging } from '../thread-paging.ts';
import { REPLY_TO_NAME } from '../thread-reads.ts';
import type { PgDatabase } from './database.ts';

const LIST_COLUMNS = `c.id, c.parent_id, c.root_id, c.depth, c.status, c.html, c.author_name, c.author_url, c.avatar_key,
  c.account_id, c.author_provider, c.is_moderator, c.likes, c.created_at, c.edited_at, c.kind, c.pinned_at, ${REPLY_TO_NAME}`;

const PLACEHOLDER = `(c.status IN ('trash', 'spam') AND EXISTS (SELECT 1 FROM comments k WHERE k.parent_id = c.id AND k.status IN ('approved', 'deleted')))`;

/** $1 the thread or the roots; $2 owned ids (bigint[]); $3 the account (-1 for none). */
const VISIBLE = {
  public: `(c.status IN ('approved', 'deleted') OR ${PLACEHOLDER})`,
  personal: `(c.status IN ('approved', 'deleted')
    OR (c.status = 'pending' AND (c.id = ANY($2::bigint[]) OR c.account_id = $3)) OR ${PLACEHOLDER})`,
};

/** After the audience's parameters: $n the sort key, $n+1 the id. */
const ORDER: Record<Sort, { after: (n: number) => string; order: string }> = {
  oldest: { after: (n) => `(c.created_at, c.id) > ($${n}, $${n + 1})`, order: 'c.created_at, c.id' },
  newest: { after: (n) => `(c.created_at, c.id) < ($${n}, $${n + 1})`, order: 'c.created_at DESC, c.id DESC' },
  top: { after: (n) => `(c.likes < $${n} OR (c.likes = $${n} AND c.id > $${n + 1}))`, order: 'c.likes DESC, c.id' },
};

type Audience = keyof typeof VISIBLE;
const COLUMNS = { public: LIST_COLUMNS, personal: `${LIST_COLUMNS}, c.text` };

/** The audience, its parameters ($2, $3 when personal) and the number of the first parameter after them. */
function audienceOf(viewer: Viewer) {
  const audience: Audience = viewer.ownedIds.length || viewer.accountId !== null ? 'personal' : 'public';
  const who = audience === 'public' ? [] : [viewer.ownedIds, viewer.accountId ?? -1];
  return { audience, who, next: who.length + 2 };
}

/** Thread reads on PostgreSQL, in bounded pages (thread-paging.ts), the same as SQLite's. */
export function createPgThreadReads(db: PgDatabase) {
  const listed = async (text: string, values: unknown[]) => (await db.rows<ListedCommentRow>(text, values)).map(toListed);

  return createThreadPaging({
    async findThread(siteId, page) {
      const thread = await db.one<ThreadRow>('SELECT * FROM threads WHERE site_id = $1 AND page = $2', [siteId, page]);
      return thread && toThread(thread);
    },
    /** Approved pinned comments only; the roots below hold every other one (see UNPINNED in ../thread-reads.ts). */
    async pinned(thread, viewer) {
      const { audience } = audienceOf(viewer);
      return listed(
        `SELECT ${COLUMNS[audience]} FROM comments c
        WHERE c.thread_id = $1 AND c.pinned_at IS NOT NULL AND c.parent_id IS NULL AND c.status = 'approved'
        ORDER BY c.pinned_at, c.id LIMIT ${MAX_PINNED}`,
        [thread],
      );
    },
    async roots(thread, sort, after, limit, viewer) {
      const { audience, who, next } = audienceOf(viewer);
      const cursor = after ? [after[0], after[1]] : [];
      return listed(
        `SELECT ${COLUMNS[audience]} FROM comments c
        WHERE c.thread_id = $1 AND c.parent_id IS NULL AND (c.pinned_at IS NULL OR c.status != 'approved') AND ${VISIBLE[audience]} ${after ? `AND ${ORDER[sort].after(next)}` : ''}
        ORDER BY ${ORDER[sort].order} LIMIT $${next + cursor.length}`,
        [thread, ...who, ...cursor, limit],
      );
    },
    async replyCount(roots, limit) {
      return (await db.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM
        (SELECT 1 FROM comments c WHERE c.root_id = ANY($1::bigint[]) AND c.parent_id IS NOT NULL LIMIT $2) r`,
        [roots, limit],
      ))!.n;
    },
    async replies(roots, viewer) {
      const { audience, who } = audienceOf(viewer);
      return listed(
        `SELECT ${COLUMNS[audience]} FROM comments c
        WHERE c.root_id = ANY($1::bigint[]) AND c.parent_id IS NOT NULL AND ${VISIBLE[audience]}
        ORDER BY c.created_at, c.id`,
        [roots, ...who],
      );
    },
    async branch(thread, root, after, limit, viewer) {
      const { audience, who, next: n } = audienceOf(viewer);
      return listed(
        `SELECT ${COLUMNS[audience]} FROM comments c
        WHERE c.root_id = $${n} AND c.thread_id = $1 AND c.parent_id IS NOT NULL AND ${VISIBLE[audience]}
          AND (c.created_at, c.id) > ($${n + 1}, $${n + 2})
        ORDER BY c.created_at, c.id LIMIT $${n + 3}`,
        [thread, ...who, root, after[0], after[1], limit],
      );
    },
    async chain(thread, comment, viewer) {
      const { audience, who, next: n } = audienceOf(viewer);
      return listed(
        `WITH RECURSIVE up(id) AS (SELECT $${n}::bigint UNION ALL
          SELECT p.parent_id FROM comments p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL)
        SELECT ${COLUMNS[audience]} FROM up JOIN comments c ON c.id = up.id WHERE c.thread_id = $1 AND ${VISIBLE[audience]}
        ORDER BY c.depth, c.created_at`,
        [thread, ...who, comment],
      );
    },
  });
}
