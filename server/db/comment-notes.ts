import type { Db } from './open.ts';
import type { AuditWriter } from './audit-repo.ts';
import type { CommentHooks } from './comments-repo.ts';

/**
 * What happens inside a new comment's transaction besides the insert: when
 * the rules held it or marked it spam, the reason is kept beside it (for the
 * moderation queue) and the automatic decision goes into the audit log; a
 * moderator's reply is audited; the page's publication date is kept.
 */
export function commentNotes(db: Db, audit: AuditWriter): CommentHooks {
  const note = db.prepare('INSERT INTO comment_moderation (comment_id, held_reason) VALUES (?, ?)');
  const published = db.prepare('UPDATE threads SET published_at = ? WHERE id = ? AND published_at IS NULL');
  return {
    afterPost(tx, comment, thread, input) {
      if (input.publishedAt) published.run(input.publishedAt, thread.id);
      const where = { commentId: comment.id, siteId: thread.siteId, page: thread.page, at: comment.createdAt };
      if (input.moderator) {
        audit.write(tx, {
          ...where,
          actor: 'moderator',
          moderator: input.moderator,
          action: 'reply',
          after: { status: comment.status, parent: comment.parentId },
        });
      }
      if (comment.status === 'approved' || !input.reason) return;
      note.run(comment.id, input.reason);
      audit.write(tx, {
        ...where,
        actor: 'system',
        action: comment.status === 'spam' ? 'spam' : 'hold',
        reason: input.reason,
        after: { status: comment.status },
      });
    },
  };
}
