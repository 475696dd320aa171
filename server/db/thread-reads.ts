import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';
import type { ListedCommentRow, ThreadRow } from './rows.ts';
import type { Sort, Viewer } from './types.ts';
import { MAX_PINNED } from './types.ts';
import { toListed, toThread } from './map.ts';
import { createThreadPaging } from './thread-paging.ts';

/** The author of the comment really replied to (comments.reply_to), while it is published; the same SQL on both engines. */
export const REPLY_TO_NAME = `(SELECT r.author_name FROM comments r WHERE r.id = c.reply_to AND r.status = 'approved') AS reply_to_name`;

/** The columns a thread read needs: never the source text, email or address. */
const LIST_COLUMNS = `c.id, c.parent_id, c.root_id, c.depth, c.status, c.html, c.author_name, c.author_url, c.avatar_key,
  c.account_id, c.author_provider, c.is_moderator, c.likes, c.created_at, c.edited_at, c.kind, c.pinned_at, ${REPLY_TO_NAME}`;

/** A trashed or spam comment that visible replies hang from stays as a placeholder, so the thread stays whole. */
const PLACEHOLDER = `(+c.status IN ('trash', 'spam') AND EXISTS (SELECT 1 FROM comments k WHERE k.parent_id = c.id AND +k.status IN ('approved', 'deleted')))`;

/**
 * Public readers see approved comments and placeholders; a known author also sees their held ones.
 * `+c.status`: the status only filters rows here; it must not choose the index (the status index spans every thread).
 */
const VISIBLE = {
  public: `(+c.status IN ('approved', 'deleted') OR ${PLACEHOLDER})`,
  personal: `(+c.status IN ('approved', 'deleted')
    OR (+c.status = 'pending' AND (c.id IN (SELECT value FROM json_each(@owned)) OR c.account_id = @account)) OR ${PLACEHOLDER})`,
};

const ORDER: Record<Sort, { after: string; order: string }> = {
  oldest: { after: '(c.created_at, c.id) > (@afterKey, @afterId)', order: 'c.created_at, c.id' },
  newest: { after: '(c.created_at, c.id) < (@afterKey, @afterId)', order: 'c.created_at DESC, c.id DESC' },
  top: { after: '(c.likes < @afterKey OR (c.likes = @afterKey AND c.id > @afterId))', order: 'c.likes DESC, c.id' },
};

/** A known author also gets the Markdown source of their own comments, to edit them. */
const COLUMNS = { public: LIST_COLUMNS, personal: `${LIST_COLUMNS}, c.text` };

type Audience = keyof typeof VISIBLE;

/**
 * The pinned list holds approved pinned comments only, and the normal list everything else: a pin left on a
 * comment that is not approved (one imported so, or left from before status changes dropped pins in
 * comment-surgery.ts) never hides it nor takes one of the MAX_PINNED places. The same on PostgreSQL.
 */
const UNPINNED = `(+c.pinned_at IS NULL OR +c.status != 'approved')`;

function audienceOf(viewer: Viewer) {
  const audience: Audience = viewer.ownedIds.length || viewer.accountId !== null ? 'personal' : 'public';
  const who = audience === 'public' ? {} : { owned: JSON.stringify(viewer.ownedIds), account: viewer.accountId ?? -1 };
  return { audience, who };
}

/** Thread reads on SQLite, in bounded pages (thread-paging.ts). */
export function createThreadReads(db: Db) {
  const findThread = db.prepare<[string, string], ThreadRow>('SELECT * FROM threads WHERE site_id = ? AND page = ?');
  const cached = new Map<string, Statement>();
  const statement = (key: string, sql: () => string) => {
    let found = cached.get(key);
    if (!found) {
      found = db.prepare(sql());
      cached.set(key, found);
    }
    return found;
  };
  /** Top-level comments of a thread, one statement per audience, sort and first-or-later page. */
  const roots = (audience: Audience, sort: Sort, later: boolean) =>
    statement(
      `roots:${audience}:${sort}:${later}`,
      () =>
        `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.thread_id = @thread AND c.parent_id IS NULL AND ${UNPINNED} AND ${VISIBLE[audience]} ${later ? `AND ${ORDER[sort].after}` : ''}
      ORDER BY ${ORDER[sort].order} LIMIT @limit`,
    );
  /** Through the partial comments_pinned index: a thread has MAX_PINNED approved pins at most (pins-repo.ts counts them). */
  const pinned = (audience: Audience) =>
    statement(
      `pinned:${audience}`,
      () =>
        `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.thread_id = @thread AND c.pinned_at IS NOT NULL AND c.parent_id IS NULL AND +c.status = 'approved'
      ORDER BY c.pinned_at, c.id LIMIT ${MAX_PINNED}`,
    );
  const replyCount = db.prepare<{ roots: string; limit: number }, { n: number }>(`SELECT count(*) AS n FROM
    (SELECT 1 FROM comments c WHERE c.root_id IN (SELECT value FROM json_each(@roots)) AND c.parent_id IS NOT NULL LIMIT @limit)`);
  const replies = (audience: Audience) =>
    statement(
      `replies:${audience}`,
      () =>
        `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.root_id IN (SELECT value FROM json_each(@roots)) AND c.parent_id IS NOT NULL AND ${VISIBLE[audience]}
      ORDER BY c.created_at, c.id`,
    );
  /** Through the (root_id, created_at, id) index. */
  const branch = (audience: Audience) =>
    statement(
      `branch:${audience}`,
      () =>
        `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.root_id = @root AND c.thread_id = @thread AND c.parent_id IS NOT NULL AND ${VISIBLE[audience]}
        AND (c.created_at, c.id) > (@afterKey, @afterId)
      ORDER BY c.created_at, c.id LIMIT @limit`,
    );
  /** At most MAX_DEPTH rows. */
  const chain = (audience: Audience) =>
    statement(
      `chain:${audience}`,
      () =>
        `WITH RECURSIVE up(id) AS (SELECT @comment UNION ALL SELECT p.parent_id FROM comments p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL)
      SELECT ${COLUMNS[audience]} FROM up CROSS JOIN comments c ON c.id = up.id WHERE +c.thread_id = @thread AND ${VISIBLE[audience]}
      ORDER BY c.depth, c.created_at`,
    );
  const listed = (rows: unknown[]) => (rows as ListedCommentRow[]).map(toListed);

  return createThreadPaging({
    async findThread(siteId, page) {
      const thread = findThread.get(siteId, page);
      return thread && toThread(thread);
    },
    async pinned(thread, viewer) {
      // Only approved comments are pinned, so the audience chooses the columns, not the rows.
      return listed(pinned(audienceOf(viewer).audience).all({ thread }));
    },
    async roots(thread, sort, after, limit, viewer) {
      const { audience, who } = audienceOf(viewer);
      const cursor = after ? { afterKey: after[0], afterId: after[1] } : {};
      return listed(roots(audience, sort, after !== null).all({ ...who, ...cursor, thread, limit }));
    },
    async replyCount(ids, limit) {
      return replyCount.get({ roots: JSON.stringify(ids), limit })!.n;
    },
    async replies(ids, viewer) {
      const { audience, who } = audienceOf(viewer);
      return listed(replies(audience).all({ ...who, roots: JSON.stringify(ids) }));
    },
    async branch(thread, root, after, limit, viewer) {
      const { audience, who } = audienceOf(viewer);
      return listed(branch(audience).all({ ...who, thread, root, afterKey: after[0], afterId: after[1], limit }));
    },
    async chain(thread, comment, viewer) {
      const { audience, who } = audienceOf(viewer);
      return listed(chain(audience).all({ ...who, thread, comment }));
    },
  });
}
