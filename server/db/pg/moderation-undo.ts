import type { CommentRow, ThreadRow } from '../rows.ts';
import type { CommentStatus, Moderator, StatusAction, UndoResult } from '../types.ts';
import { UNDO_WINDOW_MS } from '../types.ts';
import { toComment, toThread } from '../map.ts';
import { UNDO_KEPT_MS, undoReason, type UndoItem } from '../moderation-undo.ts';
import { all, first, run, type PgClient, type PgDatabase } from './database.ts';
import { setCommentStatus } from './comment-surgery.ts';
import type { PgAuditWriter } from './audit-repo.ts';
import type { PgModerationHooks } from './moderation-repo.ts';

interface UndoRow {
  id: number;
  moderator_id: number;
  action: StatusAction;
  created_at: number;
  audit_mark: number;
  undone_at: number | null;
}
interface ItemRow {
  comment_id: number;
  from_status: CommentStatus;
  to_status: CommentStatus;
  previous_status: CommentStatus | null;
  resolved_reports: number;
}

/** The undo log of moderators' status actions on PostgreSQL (as server/db/moderation-undo.ts does on SQLite). */
export function createPgUndoLog(db: PgDatabase, audit: PgAuditWriter, hooks: PgModerationHooks) {
  /** Each comment the undo puts back is checked and changed under its row lock, as the action itself was. */
  async function lockedItems(tx: PgClient, undoId: number) {
    const items = await all<ItemRow>(tx, 'SELECT * FROM moderation_undo_items WHERE undo_id = $1 ORDER BY comment_id', [undoId]);
    const list: Array<{ item: ItemRow; row: CommentRow | undefined }> = [];
    for (const item of items) list.push({ item, row: await first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1 FOR UPDATE', [item.comment_id]) });
    return list;
  }

  const touchedSince = async (tx: PgClient, commentId: number, mark: number) =>
    !!(await first(tx, "SELECT 1 FROM audit_log WHERE comment_id = $1 AND id > $2 AND action != 'report' LIMIT 1", [commentId, mark]));

  const undo = (undoId: number, by: Moderator, now: number) =>
    db.transaction(async (tx): Promise<UndoResult & { threads?: Map<number, ThreadRow> }> => {
      const record = await first<UndoRow>(tx, 'SELECT * FROM moderation_undo WHERE id = $1 FOR UPDATE', [undoId]);
      if (!record || record.moderator_id !== by.id) return { ok: false, refusal: 'unknown' };
      if (record.undone_at !== null) return { ok: false, refusal: 'undone' };
      if (now - record.created_at > UNDO_WINDOW_MS) return { ok: false, refusal: 'expired' };
      const list = await lockedItems(tx, undoId);
      const changed: Array<{ id: number; status: CommentStatus | null }> = [];
      for (const { item, row } of list) {
        if (!row || row.status !== item.to_status || (await touchedSince(tx, item.comment_id, record.audit_mark)))
          changed.push({ id: item.comment_id, status: row?.status ?? null });
      }
      if (changed.length) return { ok: false, refusal: 'changed', changed };
      const threads = new Map<number, ThreadRow>();
      const done: Array<{ id: number; from: CommentStatus; to: CommentStatus }> = [];
      for (const { item, row } of list as Array<{ item: ItemRow; row: CommentRow }>) {
        const thread = (await first<ThreadRow>(tx, 'SELECT * FROM threads WHERE id = $1', [row.thread_id]))!;
        // Putting a trashed comment back does not pin it again: its pin went with the trash (comment-surgery.ts).
        if (item.from_status !== row.status) await setCommentStatus(tx, row, item.from_status);
        if (item.to_status === 'trash' || item.to_status === 'spam') {
          await run(tx, 'UPDATE comment_moderation SET previous_status = $1 WHERE comment_id = $2', [item.previous_status, item.comment_id]);
        }
        const reopened = item.resolved_reports
          ? await run(tx, 'UPDATE reports SET resolved_at = NULL WHERE comment_id = $1 AND resolved_at = $2', [item.comment_id, record.created_at])
          : 0;
        if (item.from_status !== row.status) await hooks.afterStatus?.(tx, toComment(row), item.from_status, toThread(thread), now);
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action: 'undo',
          commentId: item.comment_id,
          siteId: thread.site_id,
          page: thread.page,
          reason: undoReason(record.action, record.created_at),
          before: { status: row.status },
          after: { status: item.from_status, ...(reopened ? { reopenedReports: reopened } : {}) },
        });
        threads.set(item.comment_id, thread);
        done.push({ id: item.comment_id, from: row.status, to: item.from_status });
      }
      await run(tx, 'UPDATE moderation_undo SET undone_at = $1 WHERE id = $2', [now, undoId]);
      return { ok: true, action: record.action, at: record.created_at, done, threads };
    });

  return {
    /** Inside the action's transaction, after its audit rows: keeps what it changed and returns the undo's id. */
    async record(tx: PgClient, by: Moderator, action: StatusAction, changes: readonly UndoItem[], now: number): Promise<number> {
      await run(tx, 'DELETE FROM moderation_undo WHERE created_at < $1', [now - UNDO_KEPT_MS]);
      const { id } = (await first<{ id: number }>(
        tx,
        `INSERT INTO moderation_undo (moderator_id, action, created_at, audit_mark)
        VALUES ($1, $2, $3, (SELECT coalesce(max(id), 0) FROM audit_log)) RETURNING id`,
        [by.id, action, now],
      ))!;
      for (const c of changes) {
        await run(
          tx,
          `INSERT INTO moderation_undo_items (undo_id, comment_id, from_status, to_status, previous_status, resolved_reports)
          VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, c.id, c.from, c.to, c.previousStatus, c.resolvedReports],
        );
      }
      return id;
    },
    undo,
  };
}
