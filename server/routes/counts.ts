import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { sendJson } from '../http/cors.ts';
import { aliasOf } from '../http/fast-reads.ts';
import { encodedBody } from '../http/encoding.ts';
import { pageKey, siteId } from '../comments/schemas.ts';

const countsQuery = z.object({
  site: siteId.default('default'),
  page: z.array(pageKey).min(1).max(100),
});

/** `GET /api/counts?site=&page=A&page=B` → `{ "A": 3, "B": 0 }`, for listing pages. */
export function countRoutes(deps: Deps) {
  const { repos, cache } = deps;
  const group = (site: string) => `counts\n${site}`;
  repos.changes.subscribe((change) => {
    if (change.type !== 'liked' && change.type !== 'edited') cache.forget(group(change.siteId));
  });

  return new Hono().get('/counts', async (c) => {
    const alias = aliasOf('counts', c.req.url);
    const hit = cache.byAlias(alias);
    if (hit) return sendJson(c, hit);
    const query = parse(countsQuery, { site: c.req.query('site'), page: c.req.queries('page') });
    const key = query.page.join('\n');
    let body = cache.get(group(query.site), key);
    if (body === undefined) {
      const found = await repos.comments.countPages(query.site, query.page);
      body = encodedBody(JSON.stringify(Object.fromEntries(query.page.map((page) => [page, found.get(page) ?? 0]))));
    }
    cache.set(group(query.site), key, body, alias);
    return sendJson(c, body);
  });
}
