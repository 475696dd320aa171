import type { ChangeFeed } from '../changes.ts';
import type { ThreadMetaRepo } from '../types.ts';
import type { PgDatabase } from './database.ts';

/** A thread's title and date as learnt from its blog page (PostgreSQL): the claim is one atomic UPDATE, so two servers never both fetch. */
export function createPgThreadMetaRepo(db: PgDatabase, changes: ChangeFeed): ThreadMetaRepo {
  return {
    async claimFetch(threadId, now, leaseMs, maxAttempts) {
      return (
        (
          await db.one<{ meta_attempts: number }>(
            `UPDATE threads SET meta_attempts = meta_attempts + 1, meta_due_at = $3
        WHERE id = $1 AND meta_source = 'poster' AND meta_attempts < $4 AND (meta_due_at IS NULL OR meta_due_at <= $2)
        RETURNING meta_attempts`,
            [threadId, now, now + leaseMs, maxAttempts],
          )
        )?.meta_attempts ?? null
      );
    },
    async learnt(threadId, meta) {
      const thread = await db.one<{ site_id: string; page: string }>(
        `UPDATE threads
        SET title = $2, published_at = $3, meta_source = 'blog', meta_due_at = NULL
        WHERE id = $1 AND meta_source = 'poster' RETURNING site_id, page`,
        [threadId, meta.title, meta.publishedAt],
      );
      if (thread) changes.emit({ type: 'thread', siteId: thread.site_id, page: thread.page });
    },
    async fetchFailed(threadId, retryAt) {
      await db.query('UPDATE threads SET meta_due_at = $2 WHERE id = $1', [threadId, retryAt]);
    },
  };
}
