import type { Db } from './open.ts';
import type { ChangeFeed } from './changes.ts';
import type { AuditEntry, Moderator, PageMeta, ThreadMetaRepo } from './types.ts';
import type { ThreadRow } from './rows.ts';

/** A thread's title and date as learnt from its blog page (SQLite). */
export function createThreadMetaRepo(db: Db, changes: ChangeFeed): ThreadMetaRepo {
  const claim = db.prepare<Record<string, number>, { meta_attempts: number }>(`UPDATE threads
    SET meta_attempts = meta_attempts + 1, meta_due_at = @until
    WHERE id = @id AND meta_source = 'poster' AND meta_attempts < @max AND (meta_due_at IS NULL OR meta_due_at <= @now)
    RETURNING meta_attempts`);
  const learnt = db.prepare<Record<string, unknown>, { site_id: string; page: string }>(`UPDATE threads
    SET title = @title, published_at = @publishedAt, meta_source = 'blog', meta_due_at = NULL
    WHERE id = @id AND meta_source = 'poster' RETURNING site_id, page`);
  const failed = db.prepare('UPDATE threads SET meta_due_at = @retryAt WHERE id = @id');

  return {
    async claimFetch(threadId, now, leaseMs, maxAttempts) {
      return claim.get({ id: threadId, now, until: now + leaseMs, max: maxAttempts })?.meta_attempts ?? null;
    },
    async learnt(threadId, meta) {
      const thread = learnt.get({ id: threadId, title: meta.title, publishedAt: meta.publishedAt });
      if (thread) changes.emit({ type: 'thread', siteId: thread.site_id, page: thread.page });
    },
    async fetchFailed(threadId, retryAt) {
      failed.run({ id: threadId, retryAt });
    },
  };
}

const iso = (time: number | null | undefined) => (time == null ? null : new Date(time).toISOString());

/** The audit line of a moderator setting a thread's title and date. */
export const threadMetaAudit = (before: ThreadRow, meta: PageMeta, by: Moderator, now: number): AuditEntry => ({
  at: now,
  actor: 'moderator',
  moderator: by,
  action: 'thread_meta',
  siteId: before.site_id,
  page: before.page,
  before: { title: before.title, published: iso(before.published_at), source: before.meta_source ?? 'poster' },
  after: { title: meta.title, published: iso(meta.publishedAt), source: 'moderator' },
});
