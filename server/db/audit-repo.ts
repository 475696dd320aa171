import type { Db } from './open.ts';
import type { AuditRow } from './rows.ts';
import type { AuditEntry, AuditRepo } from './types.ts';
import { toAuditRecord } from './map.ts';

/** Writes audit rows inside the transaction (the unit of work) of the action they record. */
export interface AuditWriter {
  write(tx: Db, entry: AuditEntry): void;
}

/** The values of an audit row, from an entry: shared by both engines. */
export function auditValues(entry: AuditEntry) {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  return {
    at: entry.at,
    actor: entry.actor,
    moderatorId: entry.moderator?.id ?? null,
    moderatorEmail: entry.moderator?.email ?? '',
    action: entry.action,
    commentId: entry.commentId ?? null,
    siteId: entry.siteId ?? '',
    page: entry.page ?? '',
    reason: entry.reason ?? '',
    before: json(entry.before),
    after: json(entry.after),
  };
}

/**
 * The audit log. `write` is synchronous and takes the caller's unit of work,
 * so the action and its audit row commit together.
 */
export function createAuditRepo(db: Db): AuditRepo & AuditWriter {
  const insert = db.prepare(`INSERT INTO audit_log
    (at, actor, moderator_id, moderator_email, action, comment_id, site_id, page, reason, before, after)
    VALUES (@at, @actor, @moderatorId, @moderatorEmail, @action, @commentId, @siteId, @page, @reason, @before, @after)`);
  const list = db.prepare<Record<string, unknown>, AuditRow>(`SELECT * FROM audit_log
    WHERE (@comment IS NULL OR comment_id = @comment)
      AND (@moderator IS NULL OR moderator_id = @moderator)
      AND (@before IS NULL OR id < @before)
    ORDER BY id DESC LIMIT @limit`);

  return {
    // better-sqlite3 has one connection: the transaction in progress is the database's own.
    write(_tx, entry) {
      insert.run(auditValues(entry));
    },

    async record(entry) {
      insert.run(auditValues(entry));
    },

    async list(filter) {
      return list
        .all({
          comment: filter.commentId ?? null,
          moderator: filter.moderatorId ?? null,
          before: filter.before ?? null,
          limit: filter.limit,
        })
        .map(toAuditRecord);
    },
  };
}
