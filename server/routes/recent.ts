import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { FeedEntry } from '../db/types.ts';
import { parse } from '../http/validate.ts';
import { corsHeaders, sendJson } from '../http/cors.ts';
import { rawQuery } from '../lib/response-cache.ts';
import { encodedBody, type EncodedBody } from '../http/encoding.ts';
import { siteId } from '../comments/schemas.ts';
import { htmlText } from '../lib/html-text.ts';
import { threadName } from '../comments/page-key.ts';

/** The most comments one answer lists. */
export const RECENT_MAX = 50;
/** Characters of a comment's text an excerpt keeps. */
export const EXCERPT_CHARS = 140;

const recentQuery = z.object({
  site: siteId.default('default'),
  limit: z.coerce.number().int().min(1).max(RECENT_MAX).default(10),
});

/** A comment's text as a reader sees it, on one line, cut at a word near `max` characters. */
export function excerpt(html: string, max = EXCERPT_CHARS): string {
  const text = htmlText(html).replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One listed comment: built field by field, so no email or address can reach the answer. */
const recentJson = (row: FeedEntry) => ({
  id: row.id,
  page: row.page,
  title: threadName(row.title, row.page),
  author: { name: row.authorName || 'Anonymous', url: row.authorUrl || null },
  excerpt: excerpt(row.html),
  createdAt: new Date(row.createdAt).toISOString(),
});

const etagOf = (body: EncodedBody) => `"${createHash('sha256').update(body.raw).digest('base64url').slice(0, 22)}"`;

/**
 * `GET /api/recent?site=&limit=`: the site's newest approved comments across its pages, for a
 * "recent comments" list on a blog's sidebar. Cached per site until a comment of it changes.
 */
export function recentRoutes(deps: Deps) {
  const { repos, cache } = deps;
  const group = (site: string) => `recent\n${site}`;
  repos.changes.subscribe((change) => {
    if (change.type !== 'liked') cache.forget(group(change.siteId));
  });

  return new Hono().get('/recent', async (c) => {
    const alias = `recent?${rawQuery(c.req.url)}`;
    let body = cache.byAlias(alias);
    if (!body) {
      const query = parse(recentQuery, { site: c.req.query('site'), limit: c.req.query('limit') });
      const key = String(query.limit);
      body = cache.get(group(query.site), key);
      if (body === undefined) {
        const rows = await repos.feed.latest(query.site, undefined, query.limit);
        body = encodedBody(JSON.stringify({ site: query.site, comments: rows.map(recentJson) }));
      }
      cache.set(group(query.site), key, body, alias);
    }
    const etag = etagOf(body);
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=0, must-revalidate' };
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers: { ...corsHeaders(c), ...headers } });
    return sendJson(c, body, 200, headers);
  });
}
