import type { CommentRow, CommentStatus } from '../rows.ts';
import { first, run, type PgClient } from './database.ts';

/**
 * Low-level changes to one comment that keep the thread's approved count right, inside the caller's transaction.
 * A status change (and a blanking) drops the pin, as on SQLite (server/db/comment-surgery.ts): only approved comments hold pins.
 */
export async function setCommentStatus(tx: PgClient, row: CommentRow, status: CommentStatus): Promise<void> {
  await run(tx, 'UPDATE comments SET status = $2, pinned_at = NULL WHERE id = $1', [row.id, status]);
  const delta = (status === 'approved' ? 1 : 0) - (row.status === 'approved' ? 1 : 0);
  if (delta) await run(tx, 'UPDATE threads SET approved_count = approved_count + $2 WHERE id = $1', [row.thread_id, delta]);
}

/**
 * Deletes a comment for good, or blanks it to a "deleted" placeholder when
 * replies hang from it; then tidies placeholders above that no longer hold anything.
 */
export async function eraseComment(tx: PgClient, first_: CommentRow): Promise<{ placeholder: boolean }> {
  let row: CommentRow | undefined = first_;
  while (row) {
    if (row.status === 'approved') await run(tx, 'UPDATE threads SET approved_count = approved_count - 1 WHERE id = $1', [row.thread_id]);
    if (await first(tx, 'SELECT 1 FROM comments WHERE parent_id = $1 LIMIT 1', [row.id])) {
      if (row.status !== 'deleted') {
        await run(
          tx,
          `UPDATE comments SET status = 'deleted', text = '', html = '', author_name = '', author_url = '',
          author_email = '', avatar_key = '', edit_token_hash = NULL, notify = 0, pinned_at = NULL WHERE id = $1`,
          [row.id],
        );
      }
      return { placeholder: row.id === first_.id };
    }
    await run(tx, 'DELETE FROM comments WHERE id = $1', [row.id]);
    const parent: CommentRow | undefined =
      row.parent_id === null ? undefined : await first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1 FOR UPDATE', [row.parent_id]);
    row = parent?.status === 'deleted' ? parent : undefined;
  }
  return { placeholder: false };
}
