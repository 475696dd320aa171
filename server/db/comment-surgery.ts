import type { Db } from './open.ts';
import type { CommentRow, CommentStatus } from './rows.ts';

/**
 * Low-level changes to one comment that keep the thread's approved count
 * right. Synchronous: callers run them inside their own transaction.
 * A status change (and a blanking) also drops the comment's pin: only approved comments hold pins,
 * so the thread's limit of MAX_PINNED counts every pin, and a restored comment never brings back a fourth.
 */
export function createCommentSurgery(db: Db) {
  const find = db.prepare<[number], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const setStatus = db.prepare('UPDATE comments SET status = ?, pinned_at = NULL WHERE id = ?');
  const adjustCount = db.prepare('UPDATE threads SET approved_count = approved_count + ? WHERE id = ?');
  const hasChildren = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM comments WHERE parent_id = ?');
  const remove = db.prepare('DELETE FROM comments WHERE id = ?');
  const blank = db.prepare(`UPDATE comments SET status = 'deleted', text = '', html = '', author_name = '', author_url = '',
    author_email = '', avatar_key = '', edit_token_hash = NULL, notify = 0, pinned_at = NULL WHERE id = ?`);

  return {
    find: (id: number): CommentRow | undefined => find.get(id),

    setStatus(row: CommentRow, status: CommentStatus): void {
      setStatus.run(status, row.id);
      if (row.status === 'approved') adjustCount.run(-1, row.thread_id);
      if (status === 'approved') adjustCount.run(1, row.thread_id);
    },

    /**
     * Deletes a comment for good, or blanks it to a "deleted" placeholder when
     * replies hang from it; then tidies placeholders above that no longer hold anything.
     */
    erase(first: CommentRow): { placeholder: boolean } {
      let row: CommentRow | undefined = first;
      while (row) {
        if (row.status === 'approved') adjustCount.run(-1, row.thread_id);
        if (hasChildren.get(row.id)!.n > 0) {
          if (row.status !== 'deleted') blank.run(row.id);
          return { placeholder: row.id === first.id };
        }
        remove.run(row.id);
        const parent: CommentRow | undefined = row.parent_id === null ? undefined : find.get(row.parent_id);
        row = parent?.status === 'deleted' ? parent : undefined;
      }
      return { placeholder: false };
    },
  };
}
