import type { ChangeFeed } from '../changes.ts';
import type { CommentRow, ThreadRow } from '../rows.ts';
import type { ActionResult, Comment, CommentStatus, ModerationRepo, Moderator, StatusAction, Thread } from '../types.ts';
import { UNDO_WINDOW_MS } from '../types.ts';
import type { UndoItem } from '../moderation-undo.ts';
import { toComment, toThread } from '../map.ts';
import { isStatus } from '../moderation-repo.ts';
import { threadMetaAudit } from '../thread-meta-repo.ts';
import { first, run, type PgClient, type PgDatabase } from './database.ts';
import { eraseComment, setCommentStatus } from './comment-surgery.ts';
import type { PgAuditWriter } from './audit-repo.ts';
import { createPgUndoLog } from './moderation-undo.ts';

/** Work other modules add to a status change, inside its transaction (`tx`, the unit of work). */
export interface PgModerationHooks {
  afterStatus?(tx: PgClient, before: Comment, status: CommentStatus, thread: Thread, now: number): Promise<void>;
  /** Runs inside a moderator's deletion, for each comment before it is erased (its webhook event). */
  afterDelete?(tx: PgClient, before: Comment, thread: Thread, now: number): Promise<void>;
  /** Runs inside a reader's report, when it is a new one (its webhook event). */
  afterReport?(tx: PgClient, commentId: number, thread: Thread, now: number): Promise<void>;
}

type Outcome = ActionResult & { threads: Map<number, ThreadRow> };

const TARGET: Record<Exclude<StatusAction, 'restore'>, CommentStatus> = { approve: 'approved', spam: 'spam', trash: 'trash' };
const THREAD = 'SELECT * FROM threads WHERE id = $1';
/** Each comment acted on is locked for the transaction: two moderators (on two servers) cannot both move it. */
const LOCKED_COMMENT = 'SELECT * FROM comments WHERE id = $1 FOR UPDATE';

export function createPgModerationRepo(db: PgDatabase, changes: ChangeFeed, audit: PgAuditWriter, hooks: PgModerationHooks = {}): ModerationRepo {
  const undoLog = createPgUndoLog(db, audit, hooks);

  async function targetOf(tx: PgClient, row: CommentRow, action: StatusAction): Promise<CommentStatus | string> {
    if (action !== 'restore') return TARGET[action];
    if (row.status !== 'trash' && row.status !== 'spam') return 'it is not in the trash or spam';
    const before = (
      await first<{ previous_status: CommentStatus | null }>(tx, 'SELECT previous_status FROM comment_moderation WHERE comment_id = $1', [row.id])
    )?.previous_status;
    return before === 'approved' || before === 'pending' ? before : 'pending';
  }

  /**
   * An approved comment with a held edit: approve publishes the edit; spam or
   * trash rejects the edit alone (the approved version stays). False when there is none.
   */
  async function decideEdit(tx: PgClient, row: CommentRow, action: StatusAction, by: Moderator, now: number, result: Outcome) {
    if (row.status !== 'approved' || action === 'restore') return false;
    const held = await first<{ text: string; html: string; created_at: number }>(
      tx,
      'DELETE FROM pending_edits WHERE comment_id = $1 RETURNING text, html, created_at',
      [row.id],
    );
    if (!held) return false;
    if (action === 'approve') {
      await run(tx, 'UPDATE comments SET text = $2, html = $3, edited_at = $4 WHERE id = $1', [row.id, held.text, held.html, held.created_at]);
    }
    const thread = (await first<ThreadRow>(tx, THREAD, [row.thread_id]))!;
    result.threads.set(row.id, thread);
    await audit.write(tx, {
      at: now,
      actor: 'moderator',
      moderator: by,
      action: action === 'approve' ? 'approve_edit' : 'reject_edit',
      commentId: row.id,
      siteId: thread.site_id,
      page: thread.page,
      before: { text: row.text },
      after: { text: action === 'approve' ? held.text : row.text },
    });
    result.done.push({ id: row.id, from: row.status, to: row.status });
    return true;
  }

  const applyStatus = (ids: readonly number[], action: StatusAction, by: Moderator, now: number) =>
    db.transaction(async (tx) => {
      const result: Outcome = { done: [], skipped: [], undo: null, threads: new Map() };
      const undoItems: UndoItem[] = [];
      for (const id of ids) {
        const row = await first<CommentRow>(tx, LOCKED_COMMENT, [id]);
        if (!row) {
          result.skipped.push({ id, reason: 'there is no such comment' });
          continue;
        }
        if (row.status === 'deleted') {
          result.skipped.push({ id, reason: 'its author deleted it' });
          continue;
        }
        if (await decideEdit(tx, row, action, by, now, result)) continue;
        const target = await targetOf(tx, row, action);
        if (!isStatus(target)) {
          result.skipped.push({ id, reason: target });
          continue;
        }
        const reports = await run(tx, 'UPDATE reports SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL', [now, id]);
        if (target === row.status && !reports) {
          result.skipped.push({ id, reason: `it is already ${target}` });
          continue;
        }
        if (target !== row.status) await setCommentStatus(tx, row, target);
        // A comment that leaves `approved` loses its pin there (comment-surgery.ts); the audit says so.
        const unpinned = target !== row.status && row.pinned_at != null;
        const remembered = await first<{ previous_status: CommentStatus | null }>(tx, 'SELECT previous_status FROM comment_moderation WHERE comment_id = $1', [
          id,
        ]);
        undoItems.push({ id, from: row.status, to: target, previousStatus: remembered?.previous_status ?? null, resolvedReports: reports });
        if (target === 'trash' || target === 'spam') {
          await run(
            tx,
            `INSERT INTO comment_moderation (comment_id, previous_status) VALUES ($1, $2)
          ON CONFLICT (comment_id) DO UPDATE SET previous_status = excluded.previous_status`,
            [id, row.status],
          );
        }
        const thread = (await first<ThreadRow>(tx, THREAD, [row.thread_id]))!;
        if (target !== row.status) await hooks.afterStatus?.(tx, toComment(row), target, toThread(thread), now);
        result.threads.set(id, thread);
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action,
          commentId: id,
          siteId: thread.site_id,
          page: thread.page,
          before: { status: row.status, ...(reports ? { openReports: reports } : {}), ...(unpinned ? { pinned: true } : {}) },
          after: { status: target, ...(unpinned ? { pinned: false } : {}) },
        });
        result.done.push({ id, from: row.status, to: target });
      }
      if (undoItems.length) result.undo = { id: await undoLog.record(tx, by, action, undoItems, now), expiresAt: now + UNDO_WINDOW_MS };
      return result;
    });

  const purge = (ids: readonly number[], by: Moderator, now: number) =>
    db.transaction(async (tx) => {
      const result: Outcome = { done: [], skipped: [], undo: null, threads: new Map() };
      for (const id of ids) {
        const row = await first<CommentRow>(tx, LOCKED_COMMENT, [id]);
        if (!row) {
          result.skipped.push({ id, reason: 'there is no such comment' });
          continue;
        }
        const thread = (await first<ThreadRow>(tx, THREAD, [row.thread_id]))!;
        await hooks.afterDelete?.(tx, toComment(row), toThread(thread), now);
        const { placeholder } = await eraseComment(tx, row);
        result.threads.set(id, thread);
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action: 'delete',
          commentId: id,
          siteId: thread.site_id,
          page: thread.page,
          before: { status: row.status, author: row.author_name, text: row.text },
          after: placeholder ? { status: 'deleted' } : null,
        });
        result.done.push({ id, from: row.status, to: placeholder ? 'deleted' : 'purged' });
      }
      return result;
    });

  function announce(type: 'status' | 'deleted', done: ReadonlyArray<{ id: number; to: string }>, threads: Map<number, ThreadRow>): void {
    for (const { id, to } of done) {
      const thread = threads.get(id)!;
      changes.emit({ type, siteId: thread.site_id, page: thread.page, commentId: id, ...(type === 'status' ? { status: to } : {}) });
    }
  }

  function announced(type: 'status' | 'deleted', { threads, ...result }: Outcome): ActionResult {
    announce(type, result.done, threads);
    return result;
  }

  return {
    async apply(ids, action, by, now) {
      if (action === 'delete') return announced('deleted', await purge(ids, by, now));
      return announced('status', await applyStatus(ids, action, by, now));
    },

    async undo(undoId, by, now) {
      const { threads, ...result } = await undoLog.undo(undoId, by, now);
      if (result.ok) announce('status', result.done, threads!);
      return result;
    },

    async edit(id, text, html, by, now) {
      const edited = await db.transaction(async (tx) => {
        const row = await first<CommentRow>(tx, LOCKED_COMMENT, [id]);
        if (!row || row.status === 'deleted') return undefined;
        const after = (await first<CommentRow>(tx, 'UPDATE comments SET text = $2, html = $3 WHERE id = $1 RETURNING *', [id, text, html]))!;
        const thread = (await first<ThreadRow>(tx, THREAD, [row.thread_id]))!;
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action: 'edit',
          commentId: id,
          siteId: thread.site_id,
          page: thread.page,
          before: { text: row.text },
          after: { text },
        });
        return { thread, after };
      });
      if (!edited) return undefined;
      changes.emit({ type: 'edited', siteId: edited.thread.site_id, page: edited.thread.page, commentId: id });
      return toComment(edited.after);
    },

    async setLocked(siteId, page, locked, restart, by, now) {
      const thread = await db.transaction(async (tx) => {
        await run(tx, 'INSERT INTO sites (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [siteId, now]);
        const before = await first<ThreadRow>(tx, 'SELECT * FROM threads WHERE site_id = $1 AND page = $2 FOR UPDATE', [siteId, page]);
        const thread = (await first<ThreadRow>(
          tx,
          `INSERT INTO threads (site_id, page, created_at, locked) VALUES ($1, $2, $3, $4)
          ON CONFLICT (site_id, page) DO UPDATE SET locked = excluded.locked,
            published_at = CASE WHEN $5::boolean THEN $3 ELSE threads.published_at END
          RETURNING *`,
          [siteId, page, now, locked ? 1 : 0, restart],
        ))!;
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action: locked ? 'lock' : 'unlock',
          siteId,
          page,
          before: { locked: before?.locked === 1 },
          after: { locked, ...(restart ? { reopenedAt: new Date(now).toISOString() } : {}) },
        });
        return thread;
      });
      changes.emit({ type: 'thread', siteId, page });
      return toThread(thread);
    },

    async setThreadMeta(siteId, page, meta, by, now) {
      const thread = await db.transaction(async (tx) => {
        const before = await first<ThreadRow>(tx, 'SELECT * FROM threads WHERE site_id = $1 AND page = $2 FOR UPDATE', [siteId, page]);
        if (!before) return undefined;
        const after = (await first<ThreadRow>(
          tx,
          `UPDATE threads SET title = $2, published_at = $3, meta_source = 'moderator', meta_due_at = NULL
          WHERE id = $1 RETURNING *`,
          [before.id, meta.title, meta.publishedAt],
        ))!;
        await audit.write(tx, threadMetaAudit(before, meta, by, now));
        return after;
      });
      if (!thread) return undefined;
      changes.emit({ type: 'thread', siteId, page });
      return toThread(thread);
    },

    async report(id, reporter, reason, now) {
      // The report's key (comment, reporter) settles two reports at once from one reader: one row, one audit line.
      const thread = await db.transaction(async (tx) => {
        if (
          !(await run(tx, 'INSERT INTO reports (comment_id, reporter, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
            id,
            reporter,
            reason,
            now,
          ]))
        )
          return null;
        const thread = (await first<ThreadRow>(tx, 'SELECT t.* FROM threads t JOIN comments c ON c.thread_id = t.id WHERE c.id = $1', [id]))!;
        await hooks.afterReport?.(tx, id, toThread(thread), now);
        await audit.write(tx, { at: now, actor: 'reader', action: 'report', commentId: id, siteId: thread.site_id, page: thread.page, reason });
        return thread;
      });
      if (thread) changes.emit({ type: 'reported', siteId: thread.site_id, page: thread.page, commentId: id });
      return thread !== null;
    },
  };
}
