import type { Db } from './open.ts';

export type AuditActor = 'moderator' | 'system' | 'reader';

/** One line of the audit log as it is written: who, what, when, on what, before and after. */
export interface AuditEntry {
  at: number;
  actor: AuditActor;
  moderator?: { id: number; email: string } | null;
  action: string;
  commentId?: number | null;
  siteId?: string;
  page?: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: AuditActor;
  moderator_id: number | null;
  moderator_email: string;
  action: string;
  comment_id: number | null;
  site_id: string;
  page: string;
  reason: string;
  before: string | null;
  after: string | null;
}

export interface AuditFilter {
  commentId?: number;
  moderatorId?: number;
  before?: number;
  limit: number;
}

/**
 * The audit log. `write` is synchronous so other repositories can call it
 * inside their own transactions: the action and its audit row commit together.
 */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO audit_log
    (at, actor, moderator_id, moderator_email, action, comment_id, site_id, page, reason, before, after)
    VALUES (@at, @actor, @moderatorId, @moderatorEmail, @action, @commentId, @siteId, @page, @reason, @before, @after)`);
  const list = db.prepare<Record<string, unknown>, AuditRow>(`SELECT * FROM audit_log
    WHERE (@comment IS NULL OR comment_id = @comment)
      AND (@moderator IS NULL OR moderator_id = @moderator)
      AND (@before IS NULL OR id < @before)
    ORDER BY id DESC LIMIT @limit`);
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

  return {
    write(entry: AuditEntry): void {
      insert.run({
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
      });
    },

    async list(filter: AuditFilter): Promise<AuditRow[]> {
      return list.all({
        comment: filter.commentId ?? null,
        moderator: filter.moderatorId ?? null,
        before: filter.before ?? null,
        limit: filter.limit,
      });
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
