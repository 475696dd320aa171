import type { Db } from './open.ts';
import type { AuditWriter } from './audit-repo.ts';
import { likePattern } from './moderation-queue.ts';
import type { AccountRow } from './rows.ts';
import type { AccountsRepo, Moderator, ProfileInput } from './types.ts';
import { maybe, toAccount } from './map.ts';

/** Accounts (keyed by provider + provider user id) and their sessions, stored as token hashes. */
export function createAccountsRepo(db: Db, audit: AuditWriter): AccountsRepo {
  const upsert = db.prepare<Record<string, unknown>, AccountRow>(`
    INSERT INTO accounts (provider, provider_user_id, name, email, url, avatar_url, avatar_key, created_at, signed_in_at)
    VALUES (@provider, @providerUserId, @name, @email, @url, @avatarUrl, @avatarKey, @now, @now)
    ON CONFLICT (provider, provider_user_id) DO UPDATE SET
      name = excluded.name, email = excluded.email, url = excluded.url, avatar_url = excluded.avatar_url,
      signed_in_at = excluded.signed_in_at
    RETURNING *`);
  const insertSession = db.prepare('INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const dropExpired = db.prepare('DELETE FROM sessions WHERE expires_at < ?');
  const sessionAccount = db.prepare<[string, number], AccountRow>(`SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?`);
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL');
  const byAvatarKey = db.prepare<[string], { avatar_url: string }>('SELECT avatar_url FROM accounts WHERE avatar_key = ?');
  const byId = db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const search = db.prepare<Record<string, unknown>, AccountRow>(`SELECT * FROM accounts
    WHERE @like IS NULL OR name LIKE @like ESCAPE '\\' OR email LIKE @like ESCAPE '\\' ORDER BY signed_in_at DESC, id DESC LIMIT @limit`);
  const setModerator = db.prepare<[number | null, number], AccountRow>('UPDATE accounts SET moderator_id = ? WHERE id = ? RETURNING *');
  const link = db.transaction((accountId: number, moderatorId: number | null, by: Moderator, now: number) => {
    const before = byId.get(accountId);
    if (!before) return undefined;
    const after = setModerator.get(moderatorId, accountId)!;
    audit.write(db, {
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

  const signIn = db.transaction((profile: ProfileInput, tokenHash: string, now: number, expiresAt: number) => {
    const account = upsert.get({ ...profile, now })!;
    dropExpired.run(now);
    insertSession.run(tokenHash, account.id, now, expiresAt);
    return account;
  });

  return {
    /** Creates or refreshes the account a provider vouched for; no session. */
    async saveAccount(profile, now) {
      return toAccount(upsert.get({ ...profile, now })!);
    },

    /** Creates or refreshes the account and opens a session for it, in one transaction. */
    async signIn(profile, session) {
      return toAccount(signIn(profile, session.tokenHash, session.now, session.expiresAt));
    },

    /** Opens a session for a known account (the redirect hand-over) and returns the account. */
    async openSession(accountId, session) {
      insertSession.run(session.tokenHash, accountId, session.now, session.expiresAt);
      return toAccount(byId.get(accountId)!);
    },

    /** The account behind a live (not expired, not revoked) session. */
    async sessionAccount(tokenHash, now) {
      return maybe(toAccount)(sessionAccount.get(tokenHash, now));
    },

    /** Revokes a session; false when it was unknown or already revoked. */
    async revokeSession(tokenHash, now) {
      return revoke.run(now, tokenHash).changes > 0;
    },

    async avatarUrl(avatarKey) {
      return byAvatarKey.get(avatarKey)?.avatar_url;
    },

    async search(term, limit) {
      return search.all({ like: likePattern(term), limit }).map(toAccount);
    },

    async linkModerator(accountId, moderatorId, by, now) {
      return maybe(toAccount)(link(accountId, moderatorId, by, now));
    },
  };
}
