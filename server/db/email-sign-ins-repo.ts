import type { Db } from './open.ts';
import type { AccountRow } from './rows.ts';
import type { ChangeFeed } from './changes.ts';
import type { EmailRedeem, EmailSignIn, EmailSignInsRepo, ProfileInput } from './types.ts';
import { toAccount } from './map.ts';
import { createMailOutbox } from './mail-outbox.ts';
import type { OutgoingMail } from '../mail/types.ts';

export interface EmailSignInRow {
  email: string;
  name: string;
  site_id: string;
  origin: string;
  page: string;
  handoff_hash: string;
  lang: string;
  expires_at: number;
  used_at: number | null;
}

/** A guest comment a redeemed link gave to the account: its thread forgets and live readers hear of it. */
export interface ClaimedRow {
  id: number;
  page: string;
}

export const toEmailSignIn = (row: EmailSignInRow): EmailSignIn => ({
  email: row.email,
  name: row.name,
  siteId: row.site_id,
  origin: row.origin,
  page: row.page,
  handoffHash: row.handoff_hash,
  lang: row.lang,
});

/** Why a stored link cannot be used at `now`, or null when it can. */
export function refusalOf(row: EmailSignInRow | undefined, now: number): 'unknown' | 'used' | 'expired' | null {
  if (!row) return 'unknown';
  if (row.used_at !== null) return 'used';
  return row.expires_at <= now ? 'expired' : null;
}

/** Used links are kept this long after they expire, so a second click says "already used" rather than "not valid". */
export const KEEP_USED_MS = 24 * 60 * 60_000;

/**
 * The claim, in either engine's SQL (`$1` account, `$2` address, `$3` site): the address's guest comments on
 * the link's site only — the same address on another site of this server is that site's business — each
 * with its thread's page, to announce. A moderator's comment (posted from /admin) is never a guest's.
 */
export const CLAIM_SQL = `UPDATE comments SET account_id = $1, author_provider = 'email'
  WHERE author_email = $2 AND account_id IS NULL AND is_moderator = 0
    AND thread_id IN (SELECT id FROM threads WHERE site_id = $3)
  RETURNING id, (SELECT page FROM threads WHERE threads.id = comments.thread_id) AS page`;

/** The changes a claim makes, announced after it commits: as an edit would, so the cached thread and live readers show the account. */
export function announceClaims(changes: ChangeFeed, siteId: string, claimed: readonly ClaimedRow[]): void {
  for (const { id, page } of claimed) changes.emit({ type: 'edited', siteId, page, commentId: id });
}

/** Sign-in links by email on SQLite: the link and its mail in one transaction; redeeming in another. */
export function createEmailSignInsRepo(db: Db, changes: ChangeFeed): EmailSignInsRepo {
  const outbox = createMailOutbox(db);
  const insert = db.prepare(`INSERT INTO email_sign_ins (token_hash, email, name, site_id, origin, page, handoff_hash, lang, ip, created_at, expires_at)
    VALUES (@tokenHash, @email, @name, @siteId, @origin, @page, @handoffHash, @lang, @ip, @now, @expiresAt)`);
  const prune = db.prepare('DELETE FROM email_sign_ins WHERE expires_at < ?');
  const byEmail = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM email_sign_ins WHERE email = ? AND created_at >= ?');
  const byIp = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM email_sign_ins WHERE ip = ? AND created_at >= ?');
  const find = db.prepare<[string], EmailSignInRow>('SELECT * FROM email_sign_ins WHERE token_hash = ?');
  const accountName = db.prepare<[string], string>("SELECT name FROM accounts WHERE provider = 'email' AND provider_user_id = ?").pluck();
  const moderatorName = db.prepare<[string], string>('SELECT name FROM moderators WHERE lower(email) = ?').pluck();
  const use = db.prepare('UPDATE email_sign_ins SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
  const upsert = db.prepare<Record<string, unknown>, AccountRow>(`
    INSERT INTO accounts (provider, provider_user_id, name, email, url, avatar_url, avatar_key, created_at, signed_in_at)
    VALUES (@provider, @providerUserId, @name, @email, @url, @avatarUrl, @avatarKey, @now, @now)
    ON CONFLICT (provider, provider_user_id) DO UPDATE SET email = excluded.email, signed_in_at = excluded.signed_in_at
    RETURNING *`);
  // The address is proven: it is this moderator's, so the account moderates.
  const linkModerator = db.prepare<[string, number], AccountRow>(`UPDATE accounts
    SET moderator_id = coalesce((SELECT id FROM moderators WHERE lower(email) = ?), moderator_id) WHERE id = ? RETURNING *`);
  const claim = db.prepare<[number, string, string], ClaimedRow>(CLAIM_SQL.replace(/\$\d/g, '?'));
  const insertHandoff = db.prepare('INSERT INTO auth_handoffs (grant_hash, account_id, handoff_hash, expires_at) VALUES (?, ?, ?, ?)');

  const request = db.transaction((tokenHash: string, link: EmailSignIn & { ip: string }, mail: OutgoingMail, now: number, expiresAt: number) => {
    prune.run(now - KEEP_USED_MS);
    insert.run({ tokenHash, ...link, now, expiresAt });
    outbox.add(db, mail, `sign-in:${tokenHash}`, now);
  });

  const redeem = db.transaction(
    (tokenHash: string, profile: ProfileInput, grant: { grantHash: string; expiresAt: number }, now: number): EmailRedeem & { rows?: ClaimedRow[] } => {
      const row = find.get(tokenHash);
      const refusal = refusalOf(row, now);
      if (refusal) return { ok: false, refusal };
      use.run(now, tokenHash);
      const account = upsert.get({ ...profile, now })!;
      const linked = linkModerator.get(row!.email, account.id)!;
      const rows = claim.all(account.id, row!.email, row!.site_id);
      insertHandoff.run(grant.grantHash, account.id, row!.handoff_hash, grant.expiresAt);
      return { ok: true, link: toEmailSignIn(row!), account: toAccount(linked), claimed: rows.length, rows };
    },
  );

  return {
    async request(tokenHash, link, mail, now, expiresAt) {
      request(tokenHash, link, mail, now, expiresAt);
    },
    async recent(email, ip, since) {
      return { byEmail: byEmail.get(email, since)!.n, byIp: byIp.get(ip, since)!.n };
    },
    async peek(tokenHash, now) {
      const row = find.get(tokenHash);
      const refusal = refusalOf(row, now);
      if (refusal) return { ok: false, refusal };
      return { ok: true, link: toEmailSignIn(row!), accountName: accountName.get(row!.email) ?? null, moderatorName: moderatorName.get(row!.email) ?? null };
    },
    async redeem(tokenHash, profile, grant, now) {
      const { rows, ...done } = redeem(tokenHash, profile, grant, now);
      if (done.ok) announceClaims(changes, done.link.siteId, rows!);
      return done;
    },
  };
}
