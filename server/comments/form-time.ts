/**
 * The time a server-drawn comment form was drawn, signed so that a robot cannot claim its form
 * waited: `MS.HMAC` in the form's hidden `loaded` field, checked when the form comes back (the
 * minimum fill time, MIN_FILL_SECONDS, of the JSON API's `elapsed`).
 */
import { hmac, safeEqual } from '../lib/tokens.ts';

const sign = (secret: string, ms: number) => hmac(secret, `form-loaded:${ms}`).slice(0, 32);

export const formTime = (secret: string, ms: number) => `${ms}.${sign(secret, ms)}`;

/** Milliseconds since the form was drawn; 0 (as if sent at once, so held) for a missing, altered or forged value. */
export function formElapsed(secret: string, value: string | undefined, now: number): number {
  const match = /^(\d{1,15})\.([0-9a-f]{32})$/.exec(value ?? '');
  if (!match || !safeEqual(match[2]!, sign(secret, Number(match[1])))) return 0;
  return Math.max(0, now - Number(match[1]));
}
