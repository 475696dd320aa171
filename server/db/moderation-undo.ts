import type { Db } from './open.ts';
import type { AuditWriter } from './audit-repo.ts';
import type { ModerationHooks } from './moderation-repo.ts';
import type { ThreadRow } from './rows.ts';
import type { CommentStatus, Moderator, StatusAction, UndoResult } from './types.ts';
import { UNDO_WINDOW_MS } from './types.ts';
import { toComment, toThread } from './map.ts';
import { createCommentSurgery } from './comment-surgery.ts';

/** What a status action changed on one comment, kept so that it can be undone exactly. */
export interface UndoItem {
  id: number;
  from: CommentStatus;
  to: CommentStatus;
  /** `comment_moderation.previous_status` before the action (where a later Restore sends the comment). */
  previousStatus: CommentStatus | null;
  /** Open reports the action resolved. */
  resolvedReports: number;
}

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

/** Undo records are kept a day (so a late undo is told "too old", not "unknown"), then pruned as new ones are written. */
export const UNDO_KEPT_MS = 24 * 60 * 60_000;

/** A short description of the action an undo takes back, for its audit rows. */
export const undoReason = (action: StatusAction, at: number) => `Undid "${action}" of ${new Date(at).toISOString()}.`;

/**
 * The undo log of moderators' status actions (SQLite). `record` runs inside the
 * action's transaction; `undo` is its own transaction that either puts every
 * comment back (status, previous status, open reports; audited) or changes nothing.
 */
export function createUndoLog(db: Db, audit: AuditWriter, hooks: ModerationHooks) {
  const surgery = createCommentSurgery(db);
  const prune = db.prepare('DELETE FROM moderation_undo WHERE created_at < ?');
  const auditMark = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM audit_log');
  const insert = db.prepare<Record<string, unknown>, { id: number }>(`INSERT INTO moderation_undo (moderator_id, action, created_at, audit_mark)
    VALUES (@moderator, @action, @now, @mark) RETURNING id`);
  const insertItem = db.prepare(`INSERT INTO moderation_undo_items (undo_id, comment_id, from_status, to_status, previous_status, resolved_reports)
    VALUES (@undo, @id, @from, @to, @previousStatus, @resolvedReports)`);
  const find = db.prepare<[number], UndoRow>('SELECT * FROM moderation_undo WHERE id = ?');
  const items = db.prepare<[number], ItemRow>('SELECT * FROM moderation_undo_items WHERE undo_id = ? ORDER BY comment_id');
  const touchedSince = db.prepare<[number, number], { n: number }>(
    "SELECT count(*) AS n FROM audit_log WHERE comment_id = ? AND id > ? AND action != 'report'",
  );
  const setPrevious = db.prepare('UPDATE comment_moderation SET previous_status = ? WHERE comment_id = ?');
  const reopenReports = db.prepare('UPDATE reports SET resolved_at = NULL WHERE comment_id = ? AND resolved_at = ?');
  const markUndone = db.prepare('UPDATE moderation_undo SET undone_at = ? WHERE id = ?');
  const threadOf = db.prepare<[number], ThreadRow>('SELECT * FROM threads WHERE id = ?');

  const undo = db.transaction((undoId: number, by: Moderator, now: number): UndoResult & { threads?: Map<number, ThreadRow> } => {
    const record = find.get(undoId);
    if (!record || record.moderator_id !== by.id) return { ok: false, refusal: 'unknown' };
    if (record.undone_at !== null) return { ok: false, refusal: 'undone' };
    if (now - record.created_at > UNDO_WINDOW_MS) return { ok: false, refusal: 'expired' };
    const list = items.all(undoId).map((item) => ({ item, row: surgery.find(item.comment_id) }));
    const changed = list.filter(({ item, row }) => !row || row.status !== item.to_status || touchedSince.get(item.comment_id, record.audit_mark)!.n > 0);
    if (changed.length)
      return { ok: false, refusal: 'changed', changed: changed.map(({ item, row }) => ({ id: item.comment_id, status: row?.status ?? null })) };
    const threads = new Map<number, ThreadRow>();
    const done: Array<{ id: number; from: CommentStatus; to: CommentStatus }> = [];
    for (const { item, row } of list) {
      const thread = threadOf.get(row!.thread_id)!;
      // Putting a trashed comment back does not pin it again: its pin went with the trash (comment-surgery.ts).
      if (item.from_status !== row!.status) surgery.setStatus(row!, item.from_status);
      if (item.to_status === 'trash' || item.to_status === 'spam') setPrevious.run(item.previous_status, item.comment_id);
      const reopened = item.resolved_reports ? reopenReports.run(item.comment_id, record.created_at).changes : 0;
      if (item.from_status !== row!.status) hooks.afterStatus?.(db, toComment(row!), item.from_status, toThread(thread), now);
      audit.write(db, {
        at: now,
        actor: 'moderator',
        moderator: by,
        action: 'undo',
        commentId: item.comment_id,
        siteId: thread.site_id,
        page: thread.page,
        reason: undoReason(record.action, record.created_at),
        before: { status: row!.status },
        after: { status: item.from_status, ...(reopened ? { reopenedReports: reopened } : {}) },
      });
      threads.set(item.comment_id, thread);
      done.push({ id: item.comment_id, from: row!.status, to: item.from_status });
    }
    markUndone.run(now, undoId);
    return { ok: true, action: record.action, at: record.created_at, done, threads };
  });

  return {
    /** Inside the action's transaction, after its audit rows: keeps what it changed and returns the undo's id. */
    record(by: Moderator, action: StatusAction, changes: readonly UndoItem[], now: number): number {
      prune.run(now - UNDO_KEPT_MS);
      const { id } = insert.get({ moderator: by.id, action, now, mark: auditMark.get()!.n })!;
      for (const change of changes) insertItem.run({ undo: id, ...change });
      return id;
    },
    undo,
  };
}
