import type { BanRow } from '../rows.ts';
import type { BansRepo } from '../types.ts';
import { banState } from '../bans-repo.ts';
import { maybe, toBan } from '../map.ts';
import { first, type PgDatabase } from './database.ts';
import type { PgAuditWriter } from './audit-repo.ts';

export function createPgBansRepo(db: PgDatabase, audit: PgAuditWriter): BansRepo {
  return {
    async activeBan(who, now) {
      return maybe(toBan)(
        await db.one<BanRow>(
          `SELECT * FROM bans
        WHERE ((kind = 'email' AND value = $1) OR (kind = 'ip' AND value = $2) OR (kind = 'account' AND value = $3))
          AND (expires_at IS NULL OR expires_at > $4)
        ORDER BY expires_at IS NOT NULL, expires_at DESC LIMIT 1`,
          [who.email.toLowerCase() || null, who.ip || null, who.accountId === null ? null : String(who.accountId), now],
        ),
      );
    },
    async list(now) {
      return (await db.rows<BanRow>('SELECT * FROM bans WHERE expires_at IS NULL OR expires_at > $1 ORDER BY id DESC', [now])).map(toBan);
    },
    async ban(input, by, now) {
      return toBan(
        await db.transaction(async (tx) => {
          const before = await first<BanRow>(tx, 'SELECT * FROM bans WHERE kind = $1 AND value = $2 FOR UPDATE', [input.kind, input.value]);
          const row = (await first<BanRow>(
            tx,
            `INSERT INTO bans (kind, value, reason, expires_at, created_at, moderator_id)
          VALUES ($1, $2, $3, $4, $5, $6)
          ON CONFLICT (kind, value) DO UPDATE SET reason = excluded.reason, expires_at = excluded.expires_at,
            created_at = excluded.created_at, moderator_id = excluded.moderator_id
          RETURNING *`,
            [input.kind, input.value, input.reason, input.expiresAt, now, by.id],
          ))!;
          await audit.write(tx, {
            at: now,
            actor: 'moderator',
            moderator: by,
            action: 'ban',
            commentId: input.commentId,
            reason: input.reason,
            before: before && banState(before),
            after: banState(row),
          });
          return row;
        }),
      );
    },
    async unban(id, by, now) {
      return db.transaction(async (tx) => {
        const before = await first<BanRow>(tx, 'DELETE FROM bans WHERE id = $1 RETURNING *', [id]);
        if (!before) return false;
        await audit.write(tx, { at: now, actor: 'moderator', moderator: by, action: 'unban', before: banState(before) });
        return true;
      });
    },
  };
}
