/**
 * Which pages may be handed a credential — a session token (the popup's
 * postMessage), a sign-in grant (the full-page redirect), the answer of the
 * grant exchange — and which origin a mail may send a reader back to as "the
 * blog". With SITE_ORIGINS set: exactly those. With it empty: only this
 * server's own origin and loopback origins, so a local trial (and the demo
 * page Parley serves itself) still works but no other site can obtain a
 * reader's session. Guest reading and posting stay open to any origin.
 */
import type { Config } from '../config.ts';

/** `http(s)://localhost`, `127.0.0.0/8` or `[::1]`, on any port. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return false;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

/** Whether a page on `origin` may receive a reader's credentials; `own` is this server's origin (server/http/own-origin.ts). */
export function trustedOrigin(config: Pick<Config, 'siteOrigins'>, origin: string, own: string): boolean {
  if (config.siteOrigins.length) return config.siteOrigins.includes(origin);
  return origin === own || isLoopbackOrigin(origin);
}

/** Why a page on `origin` was refused, naming the setting that would allow it. */
export function untrustedOriginMessage(config: Pick<Config, 'siteOrigins'>, origin: string): string {
  return config.siteOrigins.length
    ? `Pages on ${origin} may not sign in to this comment server: it is not in SITE_ORIGINS.`
    : `Pages on ${origin} may not sign in to this comment server. SITE_ORIGINS is empty, so sign-in works only from this server's own origin and from localhost; ` +
        `the blog's owner can allow this site by setting SITE_ORIGINS=${origin} (comma-separated for several).`;
}

/**
 * The start-up warning when sign-in (or a public https deployment) meets an
 * empty SITE_ORIGINS; null when there is nothing to say.
 */
export function openOriginsWarning(config: Pick<Config, 'siteOrigins' | 'publicUrl'>, providersConfigured: boolean): string | null {
  if (config.siteOrigins.length) return null;
  if (!providersConfigured && !config.publicUrl.startsWith('https:')) return null;
  return (
    "[parley] SITE_ORIGINS is empty: guests may read and post from any site, but sign-in only works from this server's own origin and localhost. " +
    "Set SITE_ORIGINS to your blog's origin (e.g. SITE_ORIGINS=https://blog.example.com, comma-separated for several) to allow sign-in there and limit posting to it."
  );
}
