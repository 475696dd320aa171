import type { ChangeFeed } from '../changes.ts';
import type { CommentRow, ThreadRow } from '../rows.ts';
import type { Comment, CommentsRepo, NewComment, Thread } from '../types.ts';
import { toComment, toThread } from '../map.ts';
import { AppError } from '../../errors.ts';
import { first, run, type PgClient, type PgDatabase } from './database.ts';
import { eraseComment } from './comment-surgery.ts';
import { createPgThreadReads } from './thread-reads.ts';
import { REPLY_TO_NAME } from '../thread-reads.ts';

/** Work other modules add to a new comment, inside its transaction (`tx`, the unit of work). */
export interface PgCommentHooks {
  afterPost?(tx: PgClient, comment: Comment, thread: Thread, input: NewComment): Promise<void>;
  /** Runs inside an author's deletion of their comment, before it is erased (its webhook event). */
  afterDelete?(tx: PgClient, before: Comment, thread: Thread): Promise<void>;
  /** Runs once the new comment's transaction committed (announcements that must not precede the write). */
  afterCommit?(comment: Comment, thread: Thread): void;
}

const THREAD_OF = 'SELECT t.* FROM threads t JOIN comments c ON c.thread_id = t.id WHERE c.id = $1';

/** Comments and threads on PostgreSQL: each method one unit of work, as on SQLite. */
export function createPgCommentsRepo(db: PgDatabase, changes: ChangeFeed, hooks: PgCommentHooks = {}): CommentsRepo {
  const reads = createPgThreadReads(db);
  const findThread = (siteId: string, page: string) => db.one<ThreadRow>('SELECT * FROM threads WHERE site_id = $1 AND page = $2', [siteId, page]);

  async function post(tx: PgClient, input: NewComment) {
    await run(tx, 'INSERT INTO sites (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [input.siteId, input.createdAt]);
    // The upsert locks the thread's row until commit: posts to one thread take turns, so the duplicate check below sees them all.
    const thread = (await first<ThreadRow>(
      tx,
      `INSERT INTO threads (site_id, page, title, created_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (site_id, page) DO UPDATE SET title = CASE WHEN threads.title = '' THEN excluded.title ELSE threads.title END
      RETURNING *`,
      [input.siteId, input.page, input.title, input.createdAt],
    ))!;
    if (thread.locked) throw new AppError(403, 'thread_locked', 'Comments are closed on this page.');
    let parentId: number | null = null;
    let depth = 1;
    let rootId = 0;
    let replyTo: number | null = null;
    if (input.parentId !== null) {
      const parent = await first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1', [input.parentId]);
      if (!parent || parent.thread_id !== thread.id || parent.status !== 'approved') {
        throw new AppError(400, 'parent_not_found', 'The comment you are replying to is not on this page.', 'parent');
      }
      const atMax = parent.depth >= input.maxDepth;
      parentId = atMax ? parent.parent_id : parent.id;
      depth = atMax ? parent.depth : parent.depth + 1;
      rootId = parentId === null ? 0 : parent.root_id;
      // Placed beside the comment it answers: remember that one, so the thread can say "in reply to".
      if (atMax) replyTo = parent.id;
    }
    const who = input.accountId !== null ? ['account_id = $2', input.accountId] : input.authorEmail ? ['author_email = $2', input.authorEmail] : null;
    const recent = who
      ? await first(
          tx,
          `SELECT 1 FROM (SELECT text, status FROM comments WHERE thread_id = $1 AND ${who[0]}
          ORDER BY created_at DESC LIMIT 100) r WHERE text = $3 AND status != 'deleted'`,
          [thread.id, who[1], input.text],
        )
      : await first(
          tx,
          `SELECT 1 FROM (SELECT text, status FROM comments WHERE thread_id = $1 AND author_email = '' AND author_name = $2 AND ip = $3
          ORDER BY created_at DESC LIMIT 100) r WHERE text = $4 AND status != 'deleted'`,
          [thread.id, input.authorName, input.ip, input.text],
        );
    if (recent) throw new AppError(409, 'duplicate_comment', "Duplicate comment detected; it looks as though you've already said that!");
    const inserted = (await first<CommentRow>(
      tx,
      `INSERT INTO comments
      (thread_id, parent_id, root_id, depth, status, kind, text, html, author_name, author_email, author_url, avatar_key,
       account_id, author_provider, is_moderator, ip, user_agent, edit_token_hash, notify, created_at, reply_to)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
      RETURNING *, (SELECT r.author_name FROM comments r WHERE r.id = $21 AND r.status = 'approved') AS reply_to_name`,
      [
        thread.id,
        parentId,
        rootId,
        depth,
        input.status,
        input.kind ?? 'comment',
        input.text,
        input.html,
        input.authorName,
        input.authorEmail,
        input.authorUrl,
        input.avatarKey,
        input.accountId,
        input.authorProvider ?? '',
        input.isModerator ? 1 : 0,
        input.ip,
        input.userAgent,
        input.editTokenHash,
        input.notify ? 1 : 0,
        input.createdAt,
        replyTo,
      ],
    ))!;
    let row = inserted;
    if (rootId === 0)
      row = {
        ...(await first<CommentRow>(tx, 'UPDATE comments SET root_id = id WHERE id = $1 RETURNING *', [inserted.id]))!,
        reply_to_name: inserted.reply_to_name,
      };
    const counted =
      input.status === 'approved'
        ? (await first<ThreadRow>(tx, 'UPDATE threads SET approved_count = approved_count + 1 WHERE id = $1 RETURNING *', [thread.id]))!
        : thread;
    const result = { comment: toComment(row), thread: toThread(counted) };
    await hooks.afterPost?.(tx, result.comment, result.thread, input);
    return result;
  }

  const announce = async (type: 'edited' | 'deleted' | 'liked', id: number, thread?: ThreadRow) => {
    const where = thread ?? (await db.one<ThreadRow>(THREAD_OF, [id]));
    if (where) changes.emit({ type, siteId: where.site_id, page: where.page, commentId: id });
  };

  return {
    async findThread(siteId, page) {
      const thread = await findThread(siteId, page);
      return thread && toThread(thread);
    },

    listThread: (q) => reads.listThread(q),
    listBranch: (q) => reads.listBranch(q),
    listChain: (q) => reads.listChain(q),

    async findComment(id) {
      const comment = await db.one<CommentRow>(`SELECT c.*, ${REPLY_TO_NAME} FROM comments c WHERE c.id = $1`, [id]);
      if (!comment) return undefined;
      return { comment: toComment(comment), thread: toThread((await db.one<ThreadRow>('SELECT * FROM threads WHERE id = $1', [comment.thread_id]))!) };
    },

    async provenOwner(claims) {
      if (!claims.length) return [];
      const rows = await db.rows<{ id: number; edit_token_hash: string }>(
        'SELECT id, edit_token_hash FROM comments WHERE id = ANY($1::bigint[]) AND edit_token_hash IS NOT NULL',
        [claims.map((c) => c.id)],
      );
      const stored = new Map(rows.map((r) => [r.id, r.edit_token_hash]));
      return claims.filter((c) => stored.get(c.id) === c.hash).map((c) => c.id);
    },

    async postComment(input) {
      const result = await db.transaction((tx) => post(tx, input));
      changes.emit({ type: 'created', siteId: input.siteId, page: input.page, commentId: result.comment.id, status: result.comment.status });
      hooks.afterCommit?.(result.comment, result.thread);
      return result;
    },

    async editComment(id, edit) {
      // A published edit replaces the text and any edit still held.
      const row = await db.transaction(async (tx) => {
        await run(tx, 'DELETE FROM pending_edits WHERE comment_id = $1', [id]);
        return (await first<CommentRow>(tx, 'UPDATE comments SET text = $2, html = $3, edited_at = $4 WHERE id = $1 RETURNING *', [
          id,
          edit.text,
          edit.html,
          edit.editedAt,
        ]))!;
      });
      await announce('edited', id);
      return toComment(row);
    },

    async holdEdit(id, edit) {
      await db.query(
        `INSERT INTO pending_edits (comment_id, text, html, reason, created_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (comment_id) DO UPDATE SET text = excluded.text, html = excluded.html, reason = excluded.reason, created_at = excluded.created_at`,
        [id, edit.text, edit.html, edit.reason, edit.at],
      );
      await announce('edited', id);
    },

    async deleteComment(id) {
      const { thread, placeholder } = await db.transaction(async (tx) => {
        const row = (await first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1 FOR UPDATE', [id]))!;
        const thread = (await first<ThreadRow>(tx, 'SELECT * FROM threads WHERE id = $1', [row.thread_id]))!;
        await hooks.afterDelete?.(tx, toComment(row), toThread(thread));
        return { thread, ...(await eraseComment(tx, row)) };
      });
      await announce('deleted', id, thread);
      return { placeholder };
    },

    async setLike(id, voter, on, now) {
      // READ COMMITTED is enough: the vote row's key settles a race between two votes of one voter, and the
      // count's UPDATE locks the comment's row, so concurrent likes add up.
      const likes = await db.transaction(async (tx) => {
        const changed = on
          ? await run(tx, 'INSERT INTO likes (comment_id, voter, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, voter, now])
          : await run(tx, 'DELETE FROM likes WHERE comment_id = $1 AND voter = $2', [id, voter]);
        const row = changed
          ? await first<{ likes: number }>(tx, 'UPDATE comments SET likes = likes + $2 WHERE id = $1 RETURNING likes', [id, on ? 1 : -1])
          : await first<{ likes: number }>(tx, 'SELECT likes FROM comments WHERE id = $1', [id]);
        return row!.likes;
      });
      await announce('liked', id);
      return likes;
    },

    async countPages(siteId, pages) {
      const rows = await db.rows<{ page: string; approved_count: number }>(
        'SELECT page, approved_count FROM threads WHERE site_id = $1 AND page = ANY($2::text[])',
        [siteId, pages],
      );
      return new Map(rows.map((r) => [r.page, r.approved_count]));
    },

    async emailForAvatar(key) {
      return (await db.one<{ author_email: string }>("SELECT author_email FROM comments WHERE avatar_key = $1 AND author_email != '' LIMIT 1", [key]))
        ?.author_email;
    },

    async statusOf(id) {
      return (await db.one<{ status: Comment['status'] }>('SELECT status FROM comments WHERE id = $1', [id]))?.status;
    },
  };
}
