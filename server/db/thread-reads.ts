import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';
import type { CommentRow, ThreadRow } from './rows.ts';

export type Sort = 'oldest' | 'newest' | 'top';
/** Keyset position: the sort value and id of the last comment seen (a root in a page, a reply in a branch). */
export type Cursor = readonly [number, number];

export interface Viewer {
  /** Comment ids the caller proved to own (edit tokens checked). */
  ownedIds: readonly number[];
  accountId: number | null;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ ownedIds: [], accountId: null });

/**
 * The most comments, replies included, one read returns: one thread, however
 * large, answers bounded bodies (a root with 100,000 replies once made 31 MB).
 */
export const PAGE_COMMENTS = 200;

export interface ThreadPage {
  thread: ThreadRow | undefined;
  comments: ListedComment[];
  /** Where the next page of top-level comments starts; null on the last. */
  next: Cursor | null;
  /** Branches (by root id) that continue beyond this answer, and where their next replies start. */
  more: Map<number, Cursor>;
}

/** The columns a thread read needs: never the source text, email or address. */
const LIST_COLUMNS = `c.id, c.parent_id, c.root_id, c.depth, c.status, c.html, c.author_name, c.author_url, c.avatar_key,
  c.account_id, c.author_provider, c.is_moderator, c.likes, c.created_at, c.edited_at`;

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
export type ListedComment = Pick<CommentRow, 'id' | 'parent_id' | 'root_id' | 'depth' | 'status' | 'html' | 'author_name' |
  'author_url' | 'avatar_key' | 'account_id' | 'author_provider' | 'is_moderator' | 'likes' | 'created_at' | 'edited_at'> & { text?: string };

const sortKey = (sort: Sort, row: ListedComment): number => (sort === 'top' ? row.likes : row.created_at);
const replyCursor = (row: ListedComment): Cursor => [row.created_at, row.id];
/** Before every reply of a branch. */
const BRANCH_START: Cursor = [Number.MIN_SAFE_INTEGER, 0];

/**
 * Reading a thread in bounded pieces: a page of top-level comments with their
 * replies, at most PAGE_COMMENTS in all; the rest of a long branch; the chain
 * of replies above one comment (a permalink).
 */
export function createThreadReads(db: Db) {
  const findThread = db.prepare<[string, string], ThreadRow>('SELECT * FROM threads WHERE site_id = ? AND page = ?');
  const cached = new Map<string, Statement>();
  const statement = (key: string, sql: () => string) => {
    let found = cached.get(key);
    if (!found) cached.set(key, (found = db.prepare(sql())));
    return found;
  };
  /** Top-level comments of a thread, one statement per audience, sort and first-or-later page. */
  const roots = (audience: Audience, sort: Sort, later: boolean) => statement(`roots:${audience}:${sort}:${later}`, () =>
    `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.thread_id = @thread AND c.parent_id IS NULL AND ${VISIBLE[audience]} ${later ? `AND ${ORDER[sort].after}` : ''}
      ORDER BY ${ORDER[sort].order} LIMIT @limit`);
  /** How many replies (of any status) hang from these roots, counted no further than @limit. */
  const replyCount = db.prepare<{ roots: string; limit: number }, { n: number }>(`SELECT count(*) AS n FROM
    (SELECT 1 FROM comments c WHERE c.root_id IN (SELECT value FROM json_each(@roots)) AND c.parent_id IS NOT NULL LIMIT @limit)`);
  /** All replies of a few roots, when they are known to be few. */
  const replies = (audience: Audience) => statement(`replies:${audience}`, () =>
    `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.root_id IN (SELECT value FROM json_each(@roots)) AND c.parent_id IS NOT NULL AND ${VISIBLE[audience]}
      ORDER BY c.created_at, c.id`);
  /** The replies of one root after a position, oldest first, through the (root_id, created_at, id) index. */
  const branch = (audience: Audience) => statement(`branch:${audience}`, () =>
    `SELECT ${COLUMNS[audience]} FROM comments c
      WHERE c.root_id = @root AND c.thread_id = @thread AND c.parent_id IS NOT NULL AND ${VISIBLE[audience]}
        AND (c.created_at, c.id) > (@afterKey, @afterId)
      ORDER BY c.created_at, c.id LIMIT @limit`);
  /** A comment and the comments above it, top first (at most MAX_DEPTH of them). */
  const chain = (audience: Audience) => statement(`chain:${audience}`, () =>
    `WITH RECURSIVE up(id) AS (SELECT @comment UNION ALL SELECT p.parent_id FROM comments p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL)
      SELECT ${COLUMNS[audience]} FROM up CROSS JOIN comments c ON c.id = up.id WHERE +c.thread_id = @thread AND ${VISIBLE[audience]}
      ORDER BY c.depth, c.created_at`);

  function audienceOf(viewer: Viewer) {
    const audience: Audience = viewer.ownedIds.length || viewer.accountId !== null ? 'personal' : 'public';
    const who = audience === 'public' ? {} : { owned: JSON.stringify(viewer.ownedIds), account: viewer.accountId ?? -1 };
    return { audience, who };
  }

  /** Up to `room` replies of `root` after `after`, and where the branch continues when it does. */
  function branchOf(audience: Audience, who: object, thread: number, root: number, after: Cursor, room: number) {
    const rows = branch(audience).all({ ...who, thread, root, afterKey: after[0], afterId: after[1], limit: room + 1 }) as ListedComment[];
    const cut = rows.length > room;
    if (cut) rows.length = room;
    const last = rows.at(-1);
    return { rows, continues: cut ? (last ? replyCursor(last) : after) : null };
  }

  return {
    findThread: (siteId: string, page: string) => findThread.get(siteId, page),

    /**
     * A page of top-level comments with their replies, PAGE_COMMENTS at most: a
     * page ends before a root whose branch no longer fits, and the first root of
     * a page brings as many replies as fit, with a cursor for the rest.
     */
    listThread(q: { siteId: string; page: string; sort: Sort; after: Cursor | null; limit: number; viewer: Viewer }): ThreadPage {
      const more = new Map<number, Cursor>();
      const thread = findThread.get(q.siteId, q.page);
      if (!thread) return { thread: undefined, comments: [], next: null, more };
      const { audience, who } = audienceOf(q.viewer);
      const cursor = q.after ? { afterKey: q.after[0], afterId: q.after[1] } : {};
      const top = roots(audience, q.sort, q.after !== null).all({ ...who, ...cursor, thread: thread.id, limit: q.limit + 1 }) as ListedComment[];
      let hasNext = top.length > q.limit;
      if (hasNext) top.pop();
      if (!top.length) return { thread, comments: [], next: null, more };
      const ids = JSON.stringify(top.map((r) => r.id));
      const room = PAGE_COMMENTS - top.length;
      // The usual thread: all the replies of the page fit, one query.
      if (replyCount.get({ roots: ids, limit: room + 1 })!.n <= room) {
        const last = top.at(-1)!;
        const children = replies(audience).all({ ...who, roots: ids }) as ListedComment[];
        return { thread, comments: [...top, ...children], next: hasNext ? [sortKey(q.sort, last), last.id] : null, more };
      }
      // A busy page: root by root, each bounded by what is left.
      const comments: ListedComment[] = [];
      let shown = 0;
      for (const root of top) {
        const left = PAGE_COMMENTS - comments.length - 1;
        const { rows, continues } = branchOf(audience, who, thread.id, root.id, BRANCH_START, Math.max(left, 0));
        if (shown > 0 && (continues !== null || left < 0)) {
          hasNext = true;
          break;
        }
        comments.push(root, ...rows);
        if (continues) more.set(root.id, continues);
        shown += 1;
      }
      const last = top[shown - 1]!;
      return { thread, comments, next: hasNext ? [sortKey(q.sort, last), last.id] : null, more };
    },

    /** The replies of root `root` after `after` ("Show more replies"), PAGE_COMMENTS at most. */
    listBranch(q: { siteId: string; page: string; root: number; after: Cursor | null; viewer: Viewer }): ThreadPage {
      const more = new Map<number, Cursor>();
      const thread = findThread.get(q.siteId, q.page);
      if (!thread) return { thread: undefined, comments: [], next: null, more };
      const { audience, who } = audienceOf(q.viewer);
      const { rows, continues } = branchOf(audience, who, thread.id, q.root, q.after ?? BRANCH_START, PAGE_COMMENTS);
      if (continues) more.set(q.root, continues);
      return { thread, comments: rows, next: null, more };
    },

    /** Comment `id` with the comments above it, for a permalink into a branch not loaded yet. */
    listChain(q: { siteId: string; page: string; comment: number; viewer: Viewer }): ThreadPage {
      const more = new Map<number, Cursor>();
      const thread = findThread.get(q.siteId, q.page);
      if (!thread) return { thread: undefined, comments: [], next: null, more };
      const { audience, who } = audienceOf(q.viewer);
      const rows = chain(audience).all({ ...who, thread: thread.id, comment: q.comment }) as ListedComment[];
      return { thread, comments: rows.at(-1)?.id === q.comment ? rows : [], next: null, more };
    },
  };
}
