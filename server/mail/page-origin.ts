import { isLoopbackOrigin } from '../auth/trusted-origins.ts';

/**
 * Which blog a comment was posted from, for the links in mails (pages are
 * paths, so a mail needs the blog's origin to link to `PAGE#comment-ID`).
 *
 * With SITE_ORIGINS set: the posting page's `Origin` (which browsers send with
 * the widget's request) when SITE_ORIGINS lists it — so one server can serve
 * several blogs — else the first SITE_ORIGINS entry. With SITE_ORIGINS empty
 * (a local trial): the posting page's origin only when it is this server's
 * own (`own`) or a loopback one (server/auth/trusted-origins.ts), else '' —
 * and mails then fall back to PUBLIC_URL. Any other site could post a comment,
 * but must not have a moderator's or a subscriber's mail send them to it.
 */
export function pageOrigin(siteOrigins: readonly string[], requestOrigin: string | undefined, own: string): string {
  const origin = requestOrigin?.trim() ?? '';
  if (siteOrigins.length) return siteOrigins.includes(origin) ? origin : siteOrigins[0]!;
  return origin === own || isLoopbackOrigin(origin) ? origin : '';
}
