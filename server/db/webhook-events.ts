import type { Db } from './open.ts';
import type { CommentHooks } from './comments-repo.ts';
import type { ModerationHooks } from './moderation-repo.ts';
import type { CommentStatus, RecordedWebhookEvent, WebhookEvent } from './types.ts';

/** A new comment's event: published or held; a comment the rules sent to spam is none. */
export const postedEvent = (status: CommentStatus): WebhookEvent | null =>
  status === 'approved' ? 'comment.created' : status === 'pending' ? 'comment.held' : null;

/** A moderator's (or an undo's) status change: approval, spam mark, or trashing (a deletion); back to held is none. */
export const statusEvent = (status: CommentStatus): WebhookEvent | null =>
  status === 'approved' ? 'comment.approved' : status === 'spam' ? 'comment.spam' : status === 'trash' ? 'comment.deleted' : null;

/** A recorded event's row, as both engines read it. */
export interface WebhookEventRow {
  id: number;
  event: WebhookEvent;
  comment_id: number;
  site_id: string;
  page: string;
  status: string | null;
}

export const toRecordedEvent = (row: WebhookEventRow): RecordedWebhookEvent => ({
  id: Number(row.id),
  event: row.event,
  commentId: Number(row.comment_id),
  siteId: row.site_id,
  page: row.page,
  status: row.status,
});

export type WebhookHooks = Required<CommentHooks> & Required<ModerationHooks>;

/**
 * The hooks that write webhook events on SQLite, inside the transaction of the write that causes
 * them (as mail jobs are written): the event commits with the comment, or neither does. One plain
 * insert into a table with no keys or checks to break fails only where the write's own statements
 * would, so it needs no savepoint of its own. Nothing is written until `recording()` (webhooks configured).
 */
export function createWebhookHooks(db: Db, recording: () => boolean): WebhookHooks {
  const insert = db.prepare('INSERT INTO webhook_events (event, comment_id, site_id, page, status) VALUES (?, ?, ?, ?, ?)');
  const statusOf = db.prepare<[number], string>('SELECT status FROM comments WHERE id = ?').pluck();
  const record = (event: WebhookEvent | null, commentId: number, where: { siteId: string; page: string }, status: string | null) => {
    if (event && recording()) insert.run(event, commentId, where.siteId, where.page, status);
  };
  return {
    afterPost: (_tx, comment, thread) => record(postedEvent(comment.status), comment.id, thread, comment.status),
    afterStatus: (_tx, before, status, thread) => record(statusEvent(status), before.id, thread, status),
    afterDelete: (_tx, before, thread) => record('comment.deleted', before.id, thread, null),
    // A report leaves the status as it is: the event keeps it as it was then (a moderator may act before it is delivered).
    afterReport: (_tx, commentId, thread) => record('comment.reported', commentId, thread, recording() ? (statusOf.get(commentId) ?? null) : null),
  };
}
