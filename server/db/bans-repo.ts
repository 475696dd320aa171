import type { Db } from './open.ts';
import type { AuditWriter } from './audit-repo.ts';
import type { BanRow } from './rows.ts';
import type { BanInput, BansRepo, Moderator } from './types.ts';
import { maybe, toBan } from './map.ts';

/**
 * Bans on an account, an email address or an IP address, permanent or until a time; each change is audited.
 * Every post asks for the author's ban: with `externalVersion` (see repos.ts) a site without any ban, the usual
 * case, answers from memory until this repository bans someone or another connection commits.
 */
export function createBansRepo(db: Db, audit: AuditWriter, externalVersion?: () => number): BansRepo {
  const active = db.prepare<Record<string, unknown>, BanRow>(`SELECT * FROM bans
    WHERE ((kind = 'email' AND value = @email) OR (kind = 'ip' AND value = @ip) OR (kind = 'account' AND value = @account))
      AND (expires_at IS NULL OR expires_at > @now)
    ORDER BY expires_at IS NOT NULL, expires_at DESC LIMIT 1`);
  const list = db.prepare<[number], BanRow>('SELECT * FROM bans WHERE expires_at IS NULL OR expires_at > ? ORDER BY id DESC');
  const find = db.prepare<[string, string], BanRow>('SELECT * FROM bans WHERE kind = ? AND value = ?');
  const byId = db.prepare<[number], BanRow>('SELECT * FROM bans WHERE id = ?');
  const upsert = db.prepare<Record<string, unknown>, BanRow>(`INSERT INTO bans (kind, value, reason, expires_at, created_at, moderator_id)
    VALUES (@kind, @value, @reason, @expiresAt, @now, @moderatorId)
    ON CONFLICT (kind, value) DO UPDATE SET reason = excluded.reason, expires_at = excluded.expires_at,
      created_at = excluded.created_at, moderator_id = excluded.moderator_id
    RETURNING *`);
  const remove = db.prepare('DELETE FROM bans WHERE id = ?');
  const any = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM bans) AS n');
  /** Whether the table may hold a ban: known empty at `emptyAt` (the external version then), else asked. */
  let emptyAt: number | null = null;
  const mayHoldBans = () => {
    if (!externalVersion) return true;
    const version = externalVersion();
    if (emptyAt === version) return false;
    emptyAt = any.get()!.n ? null : version;
    return emptyAt === null;
  };

  const ban = db.transaction((input: BanInput, by: Moderator, now: number) => {
    const before = find.get(input.kind, input.value);
    const row = upsert.get({ ...input, now, moderatorId: by.id })!;
    emptyAt = null;
    audit.write(db, {
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
  });

  const unban = db.transaction((id: number, by: Moderator, now: number) => {
    const before = byId.get(id);
    if (!before) return false;
    remove.run(id);
    audit.write(db, { at: now, actor: 'moderator', moderator: by, action: 'unban', before: banState(before) });
    return true;
  });

  return {
    /** The ban that stops this author now, if any (the longest-lasting one). */
    async activeBan(who, now) {
      if (!mayHoldBans()) return undefined;
      return maybe(toBan)(
        active.get({ email: who.email.toLowerCase() || null, ip: who.ip || null, account: who.accountId === null ? null : String(who.accountId), now }),
      );
    },
    async list(now) {
      return list.all(now).map(toBan);
    },
    async ban(input, by, now) {
      return toBan(ban(input, by, now));
    },
    async unban(id, by, now) {
      return unban(id, by, now);
    },
  };
}

export const banState = (row: BanRow) => ({ kind: row.kind, value: row.value, until: row.expires_at === null ? null : new Date(row.expires_at).toISOString() });
