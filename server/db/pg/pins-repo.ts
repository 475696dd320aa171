import type { ChangeFeed } from '../changes.ts';
import type { CommentRow, ThreadRow } from '../rows.ts';
import type { PinResult, PinsRepo } from '../types.ts';
import { MAX_PINNED } from '../types.ts';
import { toComment } from '../map.ts';
import { first, run, type PgDatabase } from './database.ts';
import type { PgAuditWriter } from './audit-repo.ts';

type Outcome = { result: PinResult; thread?: ThreadRow };

/**
 * Pins on PostgreSQL, as SQLite's (server/db/pins-repo.ts). The thread row is locked first, so two
 * moderators (on two servers) pinning in one thread take turns and never pass MAX_PINNED.
 */
export function createPgPinsRepo(db: PgDatabase, changes: ChangeFeed, audit: PgAuditWriter): PinsRepo {
  return {
    async setPinned(id, pinned, by, now) {
      const { result, thread } = await db.transaction(async (tx): Promise<Outcome> => {
        const thread = await first<ThreadRow>(tx, 'SELECT t.* FROM threads t JOIN comments c ON c.thread_id = t.id WHERE c.id = $1 FOR UPDATE OF t', [id]);
        const row = thread && (await first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1 FOR UPDATE', [id]));
        if (!thread || !row) return { result: { ok: false, refusal: 'unknown' } };
        if (pinned === (row.pinned_at != null)) return { result: { ok: true, comment: toComment(row), changed: false } };
        if (pinned && row.parent_id !== null) return { result: { ok: false, refusal: 'not_top_level' } };
        if (pinned && row.status !== 'approved') return { result: { ok: false, refusal: 'not_approved' } };
        const count = await first<{ n: number }>(
          tx,
          "SELECT count(*)::int AS n FROM comments WHERE thread_id = $1 AND pinned_at IS NOT NULL AND status = 'approved'",
          [thread.id],
        );
        if (pinned && count!.n >= MAX_PINNED) return { result: { ok: false, refusal: 'too_many' } };
        await run(tx, 'UPDATE comments SET pinned_at = $1 WHERE id = $2', [pinned ? now : null, id]);
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action: pinned ? 'pin' : 'unpin',
          commentId: id,
          siteId: thread.site_id,
          page: thread.page,
          before: { pinned: !pinned },
          after: { pinned },
        });
        const after = await first<CommentRow>(tx, 'SELECT * FROM comments WHERE id = $1', [id]);
        return { result: { ok: true, comment: toComment(after!), changed: true }, thread };
      });
      if (thread) changes.emit({ type: 'edited', siteId: thread.site_id, page: thread.page, commentId: id });
      return result;
    },
  };
}
