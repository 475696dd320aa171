import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { pageKey, siteId } from '../comments/schemas.ts';
import { escapeXml } from '../content/xml.ts';
import { pageHref, threadName } from '../comments/page-key.ts';
import type { FeedEntry } from '../db/types.ts';

const feedQuery = z.object({ page: pageKey.optional(), site: siteId.default('default') });
const ENTRIES = 50;

/** `GET /feed.atom?page=&site=`: an Atom feed of a page's (or a whole site's) latest approved comments. */
export function feedRoutes(deps: Deps) {
  // Links point at the first embedding origin (else PUBLIC_URL) plus the page's path; a stored key that is not a path gets none.
  const pageBase = deps.config.siteOrigins[0] ?? deps.config.publicUrl;
  const alternate = (page: string, id?: number) => {
    const href = pageHref(pageBase, page, id);
    return href === null ? '' : `<link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`;
  };

  const entry = (row: FeedEntry) => `  <entry>
    <id>tag:parley,${new Date(row.createdAt).toISOString().slice(0, 10)}:comment-${row.id}</id>
    <title>${escapeXml(`${row.authorName || 'Anonymous'} on “${threadName(row.title, row.page)}”`)}</title>
    <author><name>${escapeXml(row.authorName || 'Anonymous')}</name>${row.authorUrl ? `<uri>${escapeXml(row.authorUrl)}</uri>` : ''}</author>
    ${alternate(row.page, row.id)}
    <published>${new Date(row.createdAt).toISOString()}</published>
    <updated>${new Date(row.editedAt ?? row.createdAt).toISOString()}</updated>
    ${row.pinnedAt !== null ? '<category term="pinned" label="Pinned"/>\n    ' : ''}<content type="html">${escapeXml(row.html)}</content>
  </entry>`;

  return new Hono().get('/feed.atom', async (c) => {
    const query = parse(feedQuery, c.req.query());
    const rows = await deps.repos.feed.latest(query.site, query.page, ENTRIES);
    const title = query.page ? `Comments on “${rows[0]?.title || query.page}”` : `Comments on ${query.site}`;
    const self = new URL(c.req.url);
    const updated = rows[0] ? new Date(rows[0].editedAt ?? rows[0].createdAt) : new Date(deps.clock());
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(`tag:parley,2026:${query.site}:${query.page ?? '*'}`)}</id>
  <title>${escapeXml(title)}</title>
  <updated>${updated.toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self.pathname + self.search)}"/>
${query.page ? `  ${alternate(query.page)}\n` : ''}${rows.map(entry).join('\n')}
</feed>
`;
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
  });
}
