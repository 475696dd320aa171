import type { Db } from './open.ts';
import type { ChangeFeed } from './changes.ts';
import type { AuditWriter } from './audit-repo.ts';
import type { CommentRow, ThreadRow } from './rows.ts';
import type { ActionResult, Comment, CommentStatus, ModerationRepo, Moderator, PageMeta, StatusAction, Thread } from './types.ts';
import { UNDO_WINDOW_MS } from './types.ts';
import { toComment, toThread } from './map.ts';
import { createCommentSurgery } from './comment-surgery.ts';
import { createUndoLog, type UndoItem } from './moderation-undo.ts';
import { threadMetaAudit } from './thread-meta-repo.ts';

/** Work other modules add to a status change, inside its transaction (the mail a newly approved comment causes). */
export interface ModerationHooks {
  /** Runs inside the action's transaction (`tx`, the unit of work). */
  afterStatus?(tx: Db, before: Comment, status: CommentStatus, thread: Thread, now: number): void;
  /** Runs inside a moderator's deletion, for each comment before it is erased (its webhook event). */
  afterDelete?(tx: Db, before: Comment, thread: Thread, now: number): void;
  /** Runs inside a reader's report, when it is a new one (its webhook event). */
  afterReport?(tx: Db, commentId: number, thread: Thread, now: number): void;
}

const TARGET: Record<Exclude<StatusAction, 'restore'>, CommentStatus> = { approve: 'approved', spam: 'spam', trash: 'trash' };

/**
 * Moderators' actions on comments and threads. Each runs in one transaction
 * that also writes its audit rows (who, what, when, before and after), and
 * announces the change afterwards so cached threads and live readers update.
 */
export function createModerationRepo(db: Db, changes: ChangeFeed, audit: AuditWriter, hooks: ModerationHooks = {}): ModerationRepo {
  const surgery = createCommentSurgery(db);
  const undoLog = createUndoLog(db, audit, hooks);
  const threadOf = db.prepare<[number], ThreadRow>('SELECT t.* FROM threads t JOIN comments c ON c.thread_id = t.id WHERE c.id = ?');
  const previous = db.prepare<[number], { previous_status: CommentStatus | null }>('SELECT previous_status FROM comment_moderation WHERE comment_id = ?');
  const remember = db.prepare(`INSERT INTO comment_moderation (comment_id, previous_status) VALUES (?, ?)
    ON CONFLICT (comment_id) DO UPDATE SET previous_status = excluded.previous_status`);
  const resolveReports = db.prepare('UPDATE reports SET resolved_at = ? WHERE comment_id = ? AND resolved_at IS NULL');
  const edit = db.prepare('UPDATE comments SET text = @text, html = @html WHERE id = @id');
  const heldEdit = db.prepare<[number], { text: string; html: string; created_at: number }>(
    'SELECT text, html, created_at FROM pending_edits WHERE comment_id = ?',
  );
  const publishEdit = db.prepare('UPDATE comments SET text = @text, html = @html, edited_at = @at WHERE id = @id');
  const dropEdit = db.prepare('DELETE FROM pending_edits WHERE comment_id = ?');

  /**
   * An approved comment with a held edit: approve publishes the edit; spam or
   * trash rejects the edit alone (the approved version stays). False when there is none.
   */
  function decideEdit(row: CommentRow, action: StatusAction, by: Moderator, now: number, result: ActionResult & { threads: Map<number, ThreadRow> }) {
    const held = row.status === 'approved' && action !== 'restore' ? heldEdit.get(row.id) : undefined;
    if (!held) return false;
    if (action === 'approve') publishEdit.run({ id: row.id, text: held.text, html: held.html, at: held.created_at });
    dropEdit.run(row.id);
    const thread = threadOf.get(row.id)!;
    result.threads.set(row.id, thread);
    audit.write(db, {
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
  const ensureSite = db.prepare('INSERT OR IGNORE INTO sites (id, created_at) VALUES (?, ?)');
  const lock = db.prepare<Record<string, unknown>, ThreadRow>(`INSERT INTO threads (site_id, page, created_at, locked) VALUES (@site, @page, @now, @locked)
    ON CONFLICT (site_id, page) DO UPDATE SET locked = excluded.locked,
      published_at = CASE WHEN @restart THEN @now ELSE threads.published_at END
    RETURNING *`);
  const findThread = db.prepare<[string, string], ThreadRow>('SELECT * FROM threads WHERE site_id = ? AND page = ?');
  const addReport = db.prepare('INSERT OR IGNORE INTO reports (comment_id, reporter, reason, created_at) VALUES (?, ?, ?, ?)');

  function targetOf(row: CommentRow, action: StatusAction): CommentStatus | string {
    if (action !== 'restore') return TARGET[action];
    if (row.status !== 'trash' && row.status !== 'spam') return 'it is not in the trash or spam';
    const before = previous.get(row.id)?.previous_status;
    return before === 'approved' || before === 'pending' ? before : 'pending';
  }

  const applyStatus = db.transaction((ids: readonly number[], action: StatusAction, by: Moderator, now: number) => {
    const result: ActionResult & { threads: Map<number, ThreadRow> } = { done: [], skipped: [], undo: null, threads: new Map() };
    const undoItems: UndoItem[] = [];
    for (const id of ids) {
      const row = surgery.find(id);
      if (!row) {
        result.skipped.push({ id, reason: 'there is no such comment' });
        continue;
      }
      if (row.status === 'deleted') {
        result.skipped.push({ id, reason: 'its author deleted it' });
        continue;
      }
      if (decideEdit(row, action, by, now, result)) continue;
      const target = targetOf(row, action);
      if (!isStatus(target)) {
        result.skipped.push({ id, reason: target });
        continue;
      }
      const reports = resolveReports.run(now, id).changes;
      if (target === row.status && !reports) {
        result.skipped.push({ id, reason: `it is already ${target}` });
        continue;
      }
      if (target !== row.status) surgery.setStatus(row, target);
      // A comment that leaves `approved` loses its pin there (comment-surgery.ts); the audit says so.
      const unpinned = target !== row.status && row.pinned_at != null;
      undoItems.push({ id, from: row.status, to: target, previousStatus: previous.get(id)?.previous_status ?? null, resolvedReports: reports });
      if (target === 'trash' || target === 'spam') remember.run(id, row.status);
      const thread = threadOf.get(id)!;
      if (target !== row.status) hooks.afterStatus?.(db, toComment(row), target, toThread(thread), now);
      result.threads.set(id, thread);
      audit.write(db, {
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
    if (undoItems.length) result.undo = { id: undoLog.record(by, action, undoItems, now), expiresAt: now + UNDO_WINDOW_MS };
    return result;
  });

  const purge = db.transaction((ids: readonly number[], by: Moderator, now: number) => {
    const result: ActionResult & { threads: Map<number, ThreadRow> } = { done: [], skipped: [], undo: null, threads: new Map() };
    for (const id of ids) {
      const row = surgery.find(id);
      if (!row) {
        result.skipped.push({ id, reason: 'there is no such comment' });
        continue;
      }
      const thread = threadOf.get(id)!;
      hooks.afterDelete?.(db, toComment(row), toThread(thread), now);
      const { placeholder } = surgery.erase(row);
      result.threads.set(id, thread);
      audit.write(db, {
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

  const editText = db.transaction((id: number, text: string, html: string, by: Moderator, now: number) => {
    const row = surgery.find(id);
    if (!row || row.status === 'deleted') return undefined;
    edit.run({ id, text, html });
    const thread = threadOf.get(id)!;
    audit.write(db, {
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
    return thread;
  });

  const setLocked = db.transaction((siteId: string, page: string, locked: boolean, restart: boolean, by: Moderator, now: number) => {
    ensureSite.run(siteId, now);
    const before = findThread.get(siteId, page);
    const thread = lock.get({ site: siteId, page, now, locked: locked ? 1 : 0, restart: restart ? 1 : 0 })!;
    audit.write(db, {
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

  const writeMeta = db.prepare<Record<string, unknown>, ThreadRow>(`UPDATE threads
    SET title = @title, published_at = @publishedAt, meta_source = 'moderator', meta_due_at = NULL WHERE id = @id RETURNING *`);
  const setThreadMeta = db.transaction((siteId: string, page: string, meta: PageMeta, by: Moderator, now: number) => {
    const before = findThread.get(siteId, page);
    if (!before) return undefined;
    const after = writeMeta.get({ id: before.id, title: meta.title, publishedAt: meta.publishedAt })!;
    audit.write(db, threadMetaAudit(before, meta, by, now));
    return after;
  });

  const report = db.transaction((id: number, reporter: string, reason: string, now: number) => {
    if (!addReport.run(id, reporter, reason, now).changes) return false;
    const thread = threadOf.get(id)!;
    hooks.afterReport?.(db, id, toThread(thread), now);
    audit.write(db, { at: now, actor: 'reader', action: 'report', commentId: id, siteId: thread.site_id, page: thread.page, reason });
    return true;
  });

  function announce(type: 'status' | 'deleted', done: ReadonlyArray<{ id: number; to: string }>, threads: Map<number, ThreadRow>): void {
    for (const { id, to } of done) {
      const thread = threads.get(id)!;
      changes.emit({ type, siteId: thread.site_id, page: thread.page, commentId: id, ...(type === 'status' ? { status: to } : {}) });
    }
  }

  function announced(type: 'status' | 'deleted', { threads, ...result }: ActionResult & { threads: Map<number, ThreadRow> }): ActionResult {
    announce(type, result.done, threads);
    return result;
  }

  return {
    async apply(ids, action, by, now) {
      if (action === 'delete') return announced('deleted', purge(ids, by, now));
      return announced('status', applyStatus(ids, action, by, now));
    },

    async undo(undoId, by, now) {
      const { threads, ...result } = undoLog.undo(undoId, by, now);
      if (result.ok) announce('status', result.done, threads!);
      return result;
    },

    /** Changes a comment's text as a moderator; undefined when there is no such comment. */
    async edit(id, text, html, by, now) {
      const thread = editText(id, text, html, by, now);
      if (!thread) return undefined;
      changes.emit({ type: 'edited', siteId: thread.site_id, page: thread.page, commentId: id });
      return toComment(surgery.find(id)!);
    },

    /** Locks or unlocks a thread (creating it if no one has commented yet); `restart` reopens one closed by age. */
    async setLocked(siteId, page, locked, restart, by, now) {
      const thread = setLocked(siteId, page, locked, restart, by, now);
      changes.emit({ type: 'thread', siteId, page });
      return toThread(thread);
    },

    /** A reader's report; false when this reader had already reported the comment. */
    async report(id, reporter, reason, now) {
      const added = report(id, reporter, reason, now);
      if (added) {
        const thread = threadOf.get(id)!;
        changes.emit({ type: 'reported', siteId: thread.site_id, page: thread.page, commentId: id });
      }
      return added;
    },

    async setThreadMeta(siteId, page, meta, by, now) {
      const thread = setThreadMeta(siteId, page, meta, by, now);
      if (!thread) return undefined;
      changes.emit({ type: 'thread', siteId, page });
      return toThread(thread);
    },
  };
}

const STATUSES = new Set<string>(['approved', 'pending', 'spam', 'trash']);
export const isStatus = (value: string): value is CommentStatus => STATUSES.has(value);
