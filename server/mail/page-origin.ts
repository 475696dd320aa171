/**
 * Which blog a comment was posted from, for the links in mails (pages are
 * paths, so a mail needs the blog's origin to link to `PAGE#comment-ID`).
 *
 * With SITE_ORIGINS set: the posting page's `Origin` (which browsers send with
 * the widget's request) when SITE_ORIGINS lists it — so one server can serve
 * several blogs — else the first SITE_ORIGINS entry. With SITE_ORIGINS empty
 * (a local trial): the posting page's origin when it is an http(s) origin,
 * else '' — and mails then fall back to PUBLIC_URL (the demo page is served by
 * Parley itself).
 */
export function pageOrigin(siteOrigins: readonly string[], requestOrigin: string | undefined): string {
  const origin = requestOrigin?.trim() ?? '';
  if (siteOrigins.length) return siteOrigins.includes(origin) ? origin : siteOrigins[0]!;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin ? origin : '';
  } catch {
    return '';
  }
}
