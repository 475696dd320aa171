import type { AccountRow } from '../rows.ts';
import type { EmailSignInsRepo } from '../types.ts';
import { toAccount } from '../map.ts';
import { KEEP_USED_MS, refusalOf, toEmailSignIn, type EmailSignInRow } from '../email-sign-ins-repo.ts';
import { createPgMailOutbox } from './mail-outbox.ts';
import { first, run, type PgDatabase } from './database.ts';

/**
 * Sign-in links by email on PostgreSQL, as SQLite's (server/db/email-sign-ins-repo.ts). Redeeming locks the
 * link's row: two clicks at once (on two servers) use it once.
 */
export function createPgEmailSignInsRepo(db: PgDatabase): EmailSignInsRepo {
  const outbox = createPgMailOutbox(db);
  return {
    async request(tokenHash, link, mail, now, expiresAt) {
      await db.transaction(async (tx) => {
        await run(tx, 'DELETE FROM email_sign_ins WHERE expires_at < $1', [now - KEEP_USED_MS]);
        await run(
          tx,
          `INSERT INTO email_sign_ins (token_hash, email, name, origin, page, handoff_hash, lang, ip, created_at, expires_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [tokenHash, link.email, link.name, link.origin, link.page, link.handoffHash, link.lang, link.ip, now, expiresAt],
        );
        await outbox.add(tx, mail, `sign-in:${tokenHash}`, now);
      });
    },

    async recent(email, ip, since) {
      const row = await db.one<{ by_email: number; by_ip: number }>(
        `SELECT (SELECT count(*)::int FROM email_sign_ins WHERE email = $1 AND created_at >= $3) AS by_email,
          (SELECT count(*)::int FROM email_sign_ins WHERE ip = $2 AND created_at >= $3) AS by_ip`,
        [email, ip, since],
      );
      return { byEmail: row!.by_email, byIp: row!.by_ip };
    },

    async peek(tokenHash, now) {
      const row = await db.one<EmailSignInRow>('SELECT * FROM email_sign_ins WHERE token_hash = $1', [tokenHash]);
      const refusal = refusalOf(row, now);
      return refusal ? { ok: false, refusal } : { ok: true, link: toEmailSignIn(row!) };
    },

    async redeem(tokenHash, p, grant, now) {
      return db.transaction(async (tx) => {
        const row = await first<EmailSignInRow>(tx, 'SELECT * FROM email_sign_ins WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
        const refusal = refusalOf(row, now);
        if (refusal) return { ok: false, refusal };
        await run(tx, 'UPDATE email_sign_ins SET used_at = $1 WHERE token_hash = $2', [now, tokenHash]);
        const account = (await first<AccountRow>(
          tx,
          `INSERT INTO accounts (provider, provider_user_id, name, email, url, avatar_url, avatar_key, created_at, signed_in_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
          ON CONFLICT (provider, provider_user_id) DO UPDATE SET email = excluded.email, signed_in_at = excluded.signed_in_at
          RETURNING *`,
          [p.provider, p.providerUserId, p.name, p.email, p.url, p.avatarUrl, p.avatarKey, now],
        ))!;
        const linked = (await first<AccountRow>(
          tx,
          `UPDATE accounts SET moderator_id = coalesce((SELECT id FROM moderators WHERE lower(email) = $1), moderator_id)
          WHERE id = $2 RETURNING *`,
          [row!.email, account.id],
        ))!;
        const claimed = await run(
          tx,
          `UPDATE comments SET account_id = $1, author_provider = 'email' WHERE author_email = $2 AND account_id IS NULL AND is_moderator = 0`,
          [account.id, row!.email],
        );
        await run(tx, 'INSERT INTO auth_handoffs (grant_hash, account_id, handoff_hash, expires_at) VALUES ($1, $2, $3, $4)', [
          grant.grantHash,
          account.id,
          row!.handoff_hash,
          grant.expiresAt,
        ]);
        return { ok: true, link: toEmailSignIn(row!), account: toAccount(linked), claimed };
      });
    },
  };
}
