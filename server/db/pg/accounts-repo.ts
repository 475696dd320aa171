import type { AccountRow } from '../rows.ts';
import type { AccountsRepo, ProfileInput } from '../types.ts';
import { maybe, toAccount } from '../map.ts';
import { first, type PgDatabase, type Queryable } from './database.ts';
import type { PgAuditWriter } from './audit-repo.ts';
import { likePattern } from '../moderation-queue.ts';

const upsert = async (tx: Queryable, p: ProfileInput, now: number) =>
  (await first<AccountRow>(
    tx,
    `
  INSERT INTO accounts (provider, provider_user_id, name, email, url, avatar_url, avatar_key, created_at, signed_in_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
  ON CONFLICT (provider, provider_user_id) DO UPDATE SET
    name = excluded.name, email = excluded.email, url = excluded.url, avatar_url = excluded.avatar_url, signed_in_at = excluded.signed_in_at
  RETURNING *`,
    [p.provider, p.providerUserId, p.name, p.email, p.url, p.avatarUrl, p.avatarKey, now],
  ))!;

const INSERT_SESSION = 'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)';

export function createPgAccountsRepo(db: PgDatabase, audit: PgAuditWriter): AccountsRepo {
  return {
    async saveAccount(profile, now) {
      return toAccount(await upsert(db, profile, now));
    },
    async signIn(profile, session) {
      return toAccount(
        await db.transaction(async (tx) => {
          const account = await upsert(tx, profile, session.now);
          await tx.query('DELETE FROM sessions WHERE expires_at < $1', [session.now]);
          await tx.query(INSERT_SESSION, [session.tokenHash, account.id, session.now, session.expiresAt]);
          return account;
        }),
      );
    },
    async openSession(accountId, session) {
      await db.query(INSERT_SESSION, [session.tokenHash, accountId, session.now, session.expiresAt]);
      return toAccount((await db.one<AccountRow>('SELECT * FROM accounts WHERE id = $1', [accountId]))!);
    },
    async sessionAccount(tokenHash, now) {
      return maybe(toAccount)(
        await db.one<AccountRow>(
          `SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
          [tokenHash, now],
        ),
      );
    },
    async revokeSession(tokenHash, now) {
      return ((await db.query('UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL', [now, tokenHash])).rowCount ?? 0) > 0;
    },
    async avatarUrl(avatarKey) {
      return (await db.one<{ avatar_url: string }>('SELECT avatar_url FROM accounts WHERE avatar_key = $1', [avatarKey]))?.avatar_url;
    },
    async search(term, limit) {
      const rows = await db.rows<AccountRow>(
        `SELECT * FROM accounts WHERE $1::text IS NULL OR name ILIKE $1 ESCAPE '\\' OR email ILIKE $1 ESCAPE '\\'
        ORDER BY signed_in_at DESC, id DESC LIMIT $2`,
        [likePattern(term), limit],
      );
      return rows.map(toAccount);
    },
    async linkModerator(accountId, moderatorId, by, now) {
      const row = await db.transaction(async (tx) => {
        const before = await first<AccountRow>(tx, 'SELECT * FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
        if (!before) return undefined;
        const after = await first<AccountRow>(tx, 'UPDATE accounts SET moderator_id = $1 WHERE id = $2 RETURNING *', [moderatorId, accountId]);
        await audit.write(tx, {
          at: now,
          actor: 'moderator',
          moderator: by,
          action: moderatorId === null ? 'unlink_moderator' : 'link_moderator',
          reason: `account #${accountId} (${before.provider}: ${before.name})`,
          before: { moderator: before.moderator_id ?? null },
          after: { moderator: moderatorId },
        });
        return after;
      });
      return maybe(toAccount)(row);
    },
  };
}
