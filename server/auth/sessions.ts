import type { Context } from 'hono';
import type { Account, AccountLookup } from '../comments/identity.ts';
import type { Account as StoredAccount, AccountsRepo } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { randomToken, sha256 } from '../lib/tokens.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{32,100}$/;

export const sessionInvalid = () => new AppError(401, 'session_invalid', 'Your sign-in has expired or was ended; sign in again, or comment as a guest.');

/** A new random session token (only its SHA-256 is stored) and when it expires. */
export function newSession(clock: () => number, sessionDays: number) {
  const token = randomToken(32);
  const now = clock();
  return { token, tokenHash: sha256(token), now, expiresAt: now + sessionDays * DAY_MS };
}

/** The token of `Authorization: Bearer TOKEN`; null without the header, 401 when it is malformed. */
export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
  if (!token || !TOKEN.test(token)) throw sessionInvalid();
  return token;
}

export function toAccount(row: StoredAccount): Account {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    url: row.url,
    provider: row.provider,
    isModerator: row.isModerator,
    moderatorId: row.moderatorId,
    avatarKey: row.avatarKey,
  };
}

/**
 * The AccountLookup behind `Authorization: Bearer`: no header is a guest; a
 * token that is unknown, expired or revoked answers 401 `session_invalid`, so
 * the widget can drop it and fall back to the guest form.
 */
export function bearerAccounts(accounts: AccountsRepo, clock: () => number): AccountLookup {
  return async (c) => {
    const token = bearerToken(c);
    if (token === null) return null;
    const row = await accounts.sessionAccount(sha256(token), clock());
    if (!row) throw sessionInvalid();
    return toAccount(row);
  };
}
