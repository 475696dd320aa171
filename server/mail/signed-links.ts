/**
 * Signed one-click links in mails: `ACTION.ID.MODERATOR.EXPIRES.SIGNATURE`,
 * the signature an HMAC-SHA256 (keyed with the server's secret) of the rest.
 * Nothing is stored: a link is valid while its signature checks and it has not
 * expired. A moderator's link names the moderator it was mailed to, so their
 * action is recorded under their name.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../lib/tokens.ts';

export type LinkAction = 'confirm' | 'unsubscribe' | 'digest' | 'approve' | 'spam';

export interface LinkClaims {
  action: LinkAction;
  /** The subscription (confirm, unsubscribe, digest) or the comment (approve, spam). */
  id: number;
  /** The moderator the link was mailed to (approve, spam); 0 otherwise. */
  moderator: number;
  /** When the link stops working, in ms since the epoch (kept to the second). */
  expiresAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long each kind of link works. Unsubscribe links work for a year, as old mails get clicked. */
export const LINK_LIFETIME_MS: Record<LinkAction, number> = {
  confirm: 7 * DAY_MS,
  approve: 7 * DAY_MS,
  spam: 7 * DAY_MS,
  unsubscribe: 365 * DAY_MS,
  digest: 365 * DAY_MS,
};

const ACTIONS = new Set<string>(Object.keys(LINK_LIFETIME_MS));
const TOKEN = /^([a-z]{4,11})\.(\d{1,15})\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

const signature = (secret: string, payload: string) => createHmac('sha256', secret).update(`parley-mail-link:${payload}`).digest('base64url');

export function signLink(secret: string, claims: Omit<LinkClaims, 'expiresAt'>, now: number): string {
  const expires = Math.ceil((now + LINK_LIFETIME_MS[claims.action]) / 1000);
  const payload = `${claims.action}.${claims.id}.${claims.moderator}.${expires}`;
  return `${payload}.${signature(secret, payload)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a link's token for one of the expected actions. */
export function readLink(secret: string, token: string, expected: readonly LinkAction[], now: number): LinkCheck {
  const match = TOKEN.exec(token);
  if (!match || !ACTIONS.has(match[1]!) || !expected.includes(match[1] as LinkAction)) return { ok: false, reason: 'invalid' };
  const payload = token.slice(0, token.lastIndexOf('.'));
  if (!safeEqual(signature(secret, payload), match[5]!)) return { ok: false, reason: 'invalid' };
  const claims = { action: match[1] as LinkAction, id: Number(match[2]), moderator: Number(match[3]), expiresAt: Number(match[4]) * 1000 };
  return now >= claims.expiresAt ? { ok: false, reason: 'expired' } : { ok: true, claims };
}
