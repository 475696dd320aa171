/**
 * The one-time links of sign-in by email: 32 random bytes and an HMAC of them with the server's
 * secret (`RANDOM.SIGNATURE`), so a link this server did not make is refused before the database is
 * asked; only the SHA-256 of the whole token is stored. A link works once, for LINK_MS.
 */
import { hmac, randomToken, safeEqual, sha256 } from '../lib/tokens.ts';

export const LINK_MS = 15 * 60_000;
/** The hand-over the link's page leaves for the blog page (as the full-page social sign-in's). */
export const HANDOFF_MS = 5 * 60_000;

const TOKEN = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/;
const signature = (secret: string, random: string) =>
  Buffer.from(hmac(secret, `email-sign-in:${random}`), 'hex')
    .subarray(0, 16)
    .toString('base64url');

export function newLinkToken(secret: string): { token: string; hash: string } {
  const random = randomToken(32);
  const token = `${random}.${signature(secret, random)}`;
  return { token, hash: sha256(token) };
}

/** The stored hash of a token this server signed; null for anything else. */
export function linkTokenHash(secret: string, token: unknown): string | null {
  const match = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!match || !safeEqual(match[2]!, signature(secret, match[1]!))) return null;
  return sha256(token as string);
}
