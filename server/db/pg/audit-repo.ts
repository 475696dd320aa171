import type { AuditRow } from '../rows.ts';
import type { AuditEntry, AuditRepo } from '../types.ts';
import { auditValues } from '../audit-repo.ts';
import { toAuditRecord } from '../map.ts';
import type { PgDatabase, Queryable } from './database.ts';

/** Writes audit rows inside the transaction (the unit of work) of the action they record. */
export interface PgAuditWriter {
  write(tx: Queryable, entry: AuditEntry): Promise<void>;
}

export function createPgAuditRepo(db: PgDatabase): AuditRepo & PgAuditWriter {
  const repo: AuditRepo & PgAuditWriter = {
    async record(entry) {
      await repo.write(db, entry);
    },

    async write(tx, entry) {
      const v = auditValues(entry);
      await tx.query(
        `INSERT INTO audit_log (at, actor, moderator_id, moderator_email, action, comment_id, site_id, page, reason, before, after)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [v.at, v.actor, v.moderatorId, v.moderatorEmail, v.action, v.commentId, v.siteId, v.page, v.reason, v.before, v.after],
      );
    },

    async list(filter) {
      const rows = await db.rows<AuditRow>(
        `SELECT * FROM audit_log
        WHERE ($1::bigint IS NULL OR comment_id = $1) AND ($2::bigint IS NULL OR moderator_id = $2) AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
        [filter.commentId ?? null, filter.moderatorId ?? null, filter.before ?? null, filter.limit],
      );
      return rows.map(toAuditRecord);
    },
  };
  return repo;
}
