import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { pageKey, siteId } from '../comments/schemas.ts';
import { escapeXml } from '../content/xml.ts';
import type { FeedEntry } from '../db/types.ts';

const feedQuery = z.object({ page: pageKey.optional(), site: siteId.default('default') });
const ENTRIES = 50;

/** `GET /feed.atom?page=&site=`: an Atom feed of a page's (or a whole site's) latest approved comments. */
export function feedRoutes(deps: Deps) {
  // Pages are paths; links in the feed point at the first embedding origin when one is configured.
  const pageBase = deps.config.siteOrigins[0] ?? deps.config.publicUrl;
  const link = (page: string, id?: number) => {
    let href = page;
    try {
      href = new URL(page, pageBase || undefined).href;
    } catch {
      // a relative page without a known origin stays as it is
    }
    return id === undefined ? href : `${href}#comment-${id}`;
  };

  const entry = (row: FeedEntry) => `  <entry>
    <id>tag:parley,${new Date(row.createdAt).toISOString().slice(0, 10)}:comment-${row.id}</id>
    <title>${escapeXml(`${row.authorName || 'Anonymous'} on “${row.title || row.page}”`)}</title>
    <author><name>${escapeXml(row.authorName || 'Anonymous')}</name>${row.authorUrl ? `<uri>${escapeXml(row.authorUrl)}</uri>` : ''}</author>
    <link rel="alternate" type="text/html" href="${escapeXml(link(row.page, row.id))}"/>
    <published>${new Date(row.createdAt).toISOString()}</published>
    <updated>${new Date(row.editedAt ?? row.createdAt).toISOString()}</updated>
    <content type="html">${escapeXml(row.html)}</content>
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
${query.page ? `  <link rel="alternate" type="text/html" href="${escapeXml(link(query.page))}"/>\n` : ''}${rows.map(entry).join('\n')}
</feed>
`;
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
  });
}
