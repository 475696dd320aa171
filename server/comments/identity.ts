import type { Context } from 'hono';
import type { CommentsRepo, Viewer } from '../db/types.ts';
import { sha256 } from '../lib/tokens.ts';
import { AppError } from '../errors.ts';

/** A signed-in reader, as a sign-in provider vouches for them (filled in by the auth module). */
export interface Account {
  id: number;
  name: string;
  email: string;
  url: string;
  provider: string;
  isModerator: boolean;
  /** The moderator this account is linked to (moderating from the widget); null or absent for other readers. */
  moderatorId?: number | null;
  /** Key of the account's avatar, served at `/avatar/KEY` (set for signed-in readers). */
  avatarKey?: string;
}

/** Finds the account behind a request's `Authorization: Bearer` token, if any. */
export type AccountLookup = (c: Context) => Promise<Account | null>;

export const noAccounts: AccountLookup = async () => null;

/** An edit token is `<comment id>.<secret>`; only the secret's hash is stored. */
export function parseEditToken(token: string): { id: number; hash: string } | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{20,100})$/.exec(token.trim());
  return match ? { id: Number(match[1]), hash: sha256(match[2]!) } : null;
}

/** Who is reading: the comments whose edit tokens they hold (header `X-Parley-Tokens`), and their account. */
export async function viewerOf(c: Context, comments: CommentsRepo, account: Account | null): Promise<Viewer> {
  const header = c.req.header('x-parley-tokens') ?? '';
  const claims = header
    .split(',')
    .slice(0, 100)
    .map(parseEditToken)
    .filter((claim) => claim !== null);
  if (!claims.length && !account) return { ownedIds: [], accountId: null };
  return { ownedIds: await comments.provenOwner(claims), accountId: account?.id ?? null };
}

/**
 * One key per reader, for what a reader may do once (like, report): their
 * account, or the hash of the random reader id the widget keeps (`X-Parley-Reader`).
 */
export function readerKey(c: Context, account: Account | null, action: string): string {
  if (account) return `account:${account.id}`;
  const reader = c.req.header('x-parley-reader') ?? '';
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(reader)) {
    throw new AppError(400, 'required', `A reader id (header X-Parley-Reader, 16–64 URL-safe characters) is needed to ${action} a comment.`, 'reader');
  }
  return `reader:${sha256(reader)}`;
}
