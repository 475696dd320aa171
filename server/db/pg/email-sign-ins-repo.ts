import type { AccountRow } from '../rows.ts';
import type { EmailRedeem, EmailSignInsRepo } from '../types.ts';
import { toAccount } from '../map.ts';
import type { ChangeFeed } from '../changes.ts';
import { announceClaims, CLAIM_SQL, KEEP_USED_MS, refusalOf, toEmailSignIn, type ClaimedRow, type EmailSignInRow } from '../email-sign-ins-repo.ts';
import { createPgMailOutbox } from './mail-outbox.ts';
import { all, first, run, type PgDatabase } from './database.ts';

/**
 * Sign-in links by email on PostgreSQL, as SQLite's (server/db/email-sign-ins-repo.ts). Redeeming locks the
 * link's row: two clicks at once (on two servers) use it once.
 */
export function createPgEmailSignInsRepo(db: PgDatabase, changes: ChangeFeed): EmailSignInsRepo {
  const outbox = createPgMailOutbox(db);
  return {
    async request(tokenHash, link, mail, now, expiresAt) {
      await db.transaction(async (tx) => {
        await run(tx, 'DELETE FROM email_sign_ins WHERE expires_at < $1', [now - KEEP_USED_MS]);
        await run(
          tx,
          `INSERT INTO email_sign_ins (token_hash, email, name, site_id, origin, page, handoff_hash, lang, ip, created_at, expires_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [tokenHash, link.email, link.name, link.siteId, link.origin, link.page, link.handoffHash, link.lang, link.ip, now, expiresAt],
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
      if (refusal) return { ok: false, refusal };
      const names = await db.one<{ account_name: string | null; moderator_name: string | null }>(
        `SELECT (SELECT name FROM accounts WHERE provider = 'email' AND provider_user_id = $1) AS account_name,
          (SELECT name FROM moderators WHERE lower(email) = $1) AS moderator_name`,
        [row!.email],
      );
      return { ok: true, link: toEmailSignIn(row!), accountName: names!.account_name, moderatorName: names!.moderator_name };
    },

    async redeem(tokenHash, p, grant, now) {
      const done = await db.transaction(async (tx): Promise<EmailRedeem & { rows?: ClaimedRow[] }> => {
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
        const rows = await all<ClaimedRow>(tx, CLAIM_SQL, [account.id, row!.email, row!.site_id]);
        await run(tx, 'INSERT INTO auth_handoffs (grant_hash, account_id, handoff_hash, expires_at) VALUES ($1, $2, $3, $4)', [
          grant.grantHash,
          account.id,
          row!.handoff_hash,
          grant.expiresAt,
        ]);
        return { ok: true, link: toEmailSignIn(row!), account: toAccount(linked), claimed: rows.length, rows };
      });
      // Announced once committed (and to the other servers): their cached threads and live readers show the account.
      const { rows, ...result } = done;
      if (result.ok) announceClaims(changes, result.link.siteId, rows!);
      return result;
    },
  };
}
