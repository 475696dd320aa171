import type { Db } from './open.ts';
import type { ChangeFeed } from './changes.ts';
import type { AuditWriter } from './audit-repo.ts';
import type { CommentRow, ThreadRow } from './rows.ts';
import type { Moderator, PinResult, PinsRepo } from './types.ts';
import { MAX_PINNED } from './types.ts';
import { toComment } from './map.ts';

type Outcome = { result: PinResult; thread?: ThreadRow };

/** Pins on SQLite: each pin or unpin and its audit row in one transaction, announced afterwards so cached threads forget. */
export function createPinsRepo(db: Db, changes: ChangeFeed, audit: AuditWriter): PinsRepo {
  const find = db.prepare<[number], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const threadOf = db.prepare<[number], ThreadRow>('SELECT * FROM threads WHERE id = ?');
  const pinnedCount = db.prepare<[number], { n: number }>(
    "SELECT count(*) AS n FROM comments WHERE thread_id = ? AND pinned_at IS NOT NULL AND status = 'approved'",
  );
  const setPin = db.prepare('UPDATE comments SET pinned_at = ? WHERE id = ?');

  const setPinned = db.transaction((id: number, pinned: boolean, by: Moderator, now: number): Outcome => {
    const row = find.get(id);
    if (!row) return { result: { ok: false, refusal: 'unknown' } };
    if (pinned === (row.pinned_at != null)) return { result: { ok: true, comment: toComment(row), changed: false } };
    if (pinned && row.parent_id !== null) return { result: { ok: false, refusal: 'not_top_level' } };
    if (pinned && row.status !== 'approved') return { result: { ok: false, refusal: 'not_approved' } };
    if (pinned && pinnedCount.get(row.thread_id)!.n >= MAX_PINNED) return { result: { ok: false, refusal: 'too_many' } };
    setPin.run(pinned ? now : null, id);
    const thread = threadOf.get(row.thread_id)!;
    audit.write(db, {
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
    return { result: { ok: true, comment: toComment(find.get(id)!), changed: true }, thread };
  });

  return {
    async setPinned(id, pinned, by, now) {
      const { result, thread } = setPinned(id, pinned, by, now);
      if (thread) changes.emit({ type: 'edited', siteId: thread.site_id, page: thread.page, commentId: id });
      return result;
    },
  };
}
