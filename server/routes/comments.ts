import { type Context, Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { sendJson } from '../http/cors.ts';
import { aliasOf } from '../http/fast-reads.ts';
import { jsonBody } from '../http/json-body.ts';
import { encodedBody } from '../http/encoding.ts';
import { threadQuerySchema } from '../comments/schemas.ts';
import { createPoster } from '../comments/post-comment.ts';
import { threadGroup } from '../comments/thread-group.ts';
import { commentJson } from '../comments/to-json.ts';
import { decodeCursor, encodeCursor } from '../comments/cursor.ts';
import { viewerOf } from '../comments/identity.ts';
import { guestMarks } from '../comments/guest-marks.ts';
import { closingTime } from '../moderation/decide.ts';
import { pageOrigin } from '../mail/page-origin.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { widgetConfig } from './widget-config.ts';
import { clientIp } from '../http/client-ip.ts';
import { createPersonalReads } from '../http/personal-reads.ts';

/** Reading a thread and posting to it. */
export function commentRoutes(deps: Deps) {
  const { config, repos, cache, clock } = deps;
  const poster = createPoster(deps);
  const configFor = widgetConfig(deps);
  const personalReads = createPersonalReads();

  repos.changes.subscribe((change) => {
    if (change.type === 'settings') cache.clear();
    else cache.forget(threadGroup(change.siteId, change.page));
  });

  /** A thread page as the cache cannot answer it: made (and kept, when it is public) from the database. */
  async function read(c: Context, alias: string | undefined) {
    const query = parse(threadQuerySchema, c.req.query());
    const after = decodeCursor(query.after);
    const account = await deps.accountOf(c);
    const viewer = await viewerOf(c, repos.comments, account);
    const personal = viewer.ownedIds.length > 0 || viewer.accountId !== null;
    const group = threadGroup(query.site, query.page);
    const key = `${query.sort}\n${query.after ?? ''}\n${query.limit}\n${query.root ?? ''}\n${query.comment ?? ''}`;
    const cached = personal ? undefined : cache.get(group, key);
    if (cached !== undefined) {
      cache.set(group, key, cached, alias);
      return sendJson(c, cached);
    }

    const where = { siteId: query.site, page: query.page, viewer };
    const result =
      query.comment !== undefined
        ? await repos.comments.listChain({ ...where, comment: query.comment })
        : query.root !== undefined
          ? await repos.comments.listBranch({ ...where, root: query.root, after })
          : await repos.comments.listThread({ ...where, sort: query.sort, after, limit: query.limit });
    if (result.thread) deps.pages.consider(result.thread, pageOrigin(config.siteOrigins, c.req.header('origin'), ownOrigin(c, config)));
    const owned = new Set(viewer.ownedIds);
    const guests = await guestMarks(repos.members, query.site, result.comments);
    const closesAt = result.thread ? closingTime(await repos.sites.settings(query.site), result.thread) : null;
    const closed = closesAt !== null && clock() >= closesAt;
    const json = JSON.stringify({
      thread: {
        page: query.page,
        title: result.thread?.title ?? '',
        count: result.thread?.approvedCount ?? 0,
        locked: result.thread?.locked || closed,
      },
      comments: result.comments.map((row) =>
        commentJson(row, query.page, deps.avatarBase, owned.has(row.id) || (row.accountId !== null && row.accountId === viewer.accountId), guests.has(row.id)),
      ),
      next: result.next && encodeCursor(result.next),
      more: Object.fromEntries([...result.more].map(([root, cursor]) => [root, encodeCursor(cursor)])),
      // What the form needs (as GET /api/config answers): the first draw takes this one request.
      config: await configFor(query.site),
    });
    if (personal) return sendJson(c, json);
    const body = encodedBody(json);
    // A thread that closes by age must be read afresh once it has closed, and one still
    // waiting for its blog page's title once its fetch may be retried (cached reads never ask for it).
    const closing = closesAt !== null && !closed ? closesAt : Infinity;
    cache.set(group, key, body, alias, Math.min(closing, result.thread ? deps.pages.cacheableUntil(result.thread) : Infinity));
    return sendJson(c, body);
  }

  return new Hono()
    .get('/comments', async (c) => {
      // The hot path: a repeated public read is answered from the cache before its query is parsed.
      const alias = c.req.header('authorization') || c.req.header('x-parley-tokens') ? undefined : aliasOf('comments', c.req.url);
      const hit = alias && cache.byAlias(alias);
      if (hit) return sendJson(c, hit);

      if (alias) return read(c, alias);
      // With edit tokens or a session the answer may be personal, so no cache: each host may have only a few in flight.
      const release = personalReads.enter(clientIp(c, config.trustProxy));
      try {
        return await read(c, undefined);
      } finally {
        release();
      }
    })

    .post('/comments', async (c) => {
      const account = await deps.accountOf(c);
      await poster.admit(c, account);
      const { comment, thread, decision, secret } = await poster.post(c, await jsonBody(c), account);
      // A comment caught as spam looks, to its author, like any held comment.
      const guest = (await guestMarks(repos.members, thread.siteId, [comment])).has(comment.id);
      const json = { ...commentJson(comment, thread.page, deps.avatarBase, true, guest), ...(comment.status === 'spam' ? { status: 'pending' as const } : {}) };
      return c.json({ comment: json, ...(secret ? { editToken: `${comment.id}.${secret}` } : {}) }, decision.status === 'approved' ? 201 : 202);
    });
}
