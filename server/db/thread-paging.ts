import type { Cursor, ListedComment, Sort, Thread, ThreadPage, Viewer } from './types.ts';
import { PAGE_COMMENTS } from './types.ts';

/** What one engine reads for a thread's pages; the paging itself (below) is the same for both. */
export interface ThreadReader {
  findThread(siteId: string, page: string): Promise<Thread | undefined>;
  /** The visible pinned top-level comments (MAX_PINNED at most), oldest pin first. */
  pinned(thread: number, viewer: Viewer): Promise<ListedComment[]>;
  /** Up to `limit` visible top-level comments after `after`, in `sort` order, pinned ones left out. */
  roots(thread: number, sort: Sort, after: Cursor | null, limit: number, viewer: Viewer): Promise<ListedComment[]>;
  /** How many replies (of any status) hang from these roots, counted no further than `limit`. */
  replyCount(roots: readonly number[], limit: number): Promise<number>;
  /** Every visible reply of these roots, oldest first (used when they are known to be few). */
  replies(roots: readonly number[], viewer: Viewer): Promise<ListedComment[]>;
  /** Up to `limit` visible replies of `root` after `after`, oldest first. */
  branch(thread: number, root: number, after: Cursor, limit: number, viewer: Viewer): Promise<ListedComment[]>;
  /** Comment `comment` and the visible comments above it, top first. */
  chain(thread: number, comment: number, viewer: Viewer): Promise<ListedComment[]>;
}

const sortKey = (sort: Sort, row: ListedComment): number => (sort === 'top' ? row.likes : row.createdAt);
const replyCursor = (row: ListedComment): Cursor => [row.createdAt, row.id];
/** Before every reply of a branch. */
const BRANCH_START: Cursor = [Number.MIN_SAFE_INTEGER, 0];
/** Before every top-level comment of a sort: where the next page starts when the first ended on a pinned comment. */
const ROOTS_START: Record<Sort, Cursor> = {
  oldest: [Number.MIN_SAFE_INTEGER, 0],
  newest: [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  top: [Number.MAX_SAFE_INTEGER, 0],
};

/**
 * Reading a thread in bounded pieces: a page of top-level comments with their
 * replies, at most PAGE_COMMENTS in all; the rest of a long branch; the chain
 * of replies above one comment (a permalink).
 */
export function createThreadPaging(read: ThreadReader) {
  /** Up to `room` replies of `root` after `after`, and where the branch continues when it does. */
  async function branchOf(thread: number, root: number, after: Cursor, room: number, viewer: Viewer) {
    const rows = await read.branch(thread, root, after, room + 1, viewer);
    const cut = rows.length > room;
    if (cut) rows.length = room;
    const last = rows.at(-1);
    return { rows, continues: cut ? (last ? replyCursor(last) : after) : null };
  }

  return {
    async listThread(q: { siteId: string; page: string; sort: Sort; after: Cursor | null; limit: number; viewer: Viewer }): Promise<ThreadPage> {
      const more = new Map<number, Cursor>();
      const thread = await read.findThread(q.siteId, q.page);
      if (!thread) return { thread: undefined, comments: [], next: null, more };
      // Pinned comments come first on the first page, whatever the sort; later pages leave them out.
      const pinned = q.after === null ? await read.pinned(thread.id, q.viewer) : [];
      const rest = await read.roots(thread.id, q.sort, q.after, q.limit + 1, q.viewer);
      let hasNext = rest.length > q.limit;
      if (hasNext) rest.pop();
      const top = [...pinned, ...rest];
      const cursorAfter = (row: ListedComment): Cursor => (row.pinnedAt !== null && q.after === null ? ROOTS_START[q.sort] : [sortKey(q.sort, row), row.id]);
      if (!top.length) return { thread, comments: [], next: null, more };
      const ids = top.map((r) => r.id);
      const room = PAGE_COMMENTS - top.length;
      // The usual thread: all the replies of the page fit, one query.
      if ((await read.replyCount(ids, room + 1)) <= room) {
        const last = top.at(-1)!;
        const children = await read.replies(ids, q.viewer);
        return { thread, comments: [...top, ...children], next: hasNext ? cursorAfter(last) : null, more };
      }
      // A busy page: root by root, each bounded by what is left.
      const comments: ListedComment[] = [];
      let shown = 0;
      for (const root of top) {
        const left = PAGE_COMMENTS - comments.length - 1;
        const { rows, continues } = await branchOf(thread.id, root.id, BRANCH_START, Math.max(left, 0), q.viewer);
        if (shown > 0 && (continues !== null || left < 0)) {
          hasNext = true;
          break;
        }
        comments.push(root, ...rows);
        if (continues) more.set(root.id, continues);
        shown += 1;
      }
      const last = top[shown - 1]!;
      return { thread, comments, next: hasNext ? cursorAfter(last) : null, more };
    },

    async listBranch(q: { siteId: string; page: string; root: number; after: Cursor | null; viewer: Viewer }): Promise<ThreadPage> {
      const more = new Map<number, Cursor>();
      const thread = await read.findThread(q.siteId, q.page);
      if (!thread) return { thread: undefined, comments: [], next: null, more };
      const { rows, continues } = await branchOf(thread.id, q.root, q.after ?? BRANCH_START, PAGE_COMMENTS, q.viewer);
      if (continues) more.set(q.root, continues);
      return { thread, comments: rows, next: null, more };
    },

    async listChain(q: { siteId: string; page: string; comment: number; viewer: Viewer }): Promise<ThreadPage> {
      const more = new Map<number, Cursor>();
      const thread = await read.findThread(q.siteId, q.page);
      if (!thread) return { thread: undefined, comments: [], next: null, more };
      const rows = await read.chain(thread.id, q.comment, q.viewer);
      return { thread, comments: rows.at(-1)?.id === q.comment ? rows : [], next: null, more };
    },
  };
}
