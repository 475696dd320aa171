import { hmac } from '../lib/tokens.ts';

/**
 * The key under which `/avatar/KEY` finds a commenter's picture: a keyed hash
 * of the email (or, without one, of the name), so the email itself never
 * reaches a browser. The server and the importers both make keys here, so an
 * imported commenter's avatar matches the one their new comments get.
 */
export function avatarKey(secret: string, author: { email: string; name: string }): string {
  return hmac(secret, author.email ? `email:${author.email}` : `name:${author.name}`).slice(0, 32);
}
