import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { sendJson } from '../http/cors.ts';
import { aliasOf } from '../http/fast-reads.ts';
import { jsonBody } from '../http/json-body.ts';
import { encodedBody } from '../http/encoding.ts';
import { clientIp } from '../http/client-ip.ts';
import { postCommentSchema, siteOfComment, threadQuerySchema } from '../comments/schemas.ts';
import { commentJson } from '../comments/to-json.ts';
import { decodeCursor, encodeCursor } from '../comments/cursor.ts';
import { viewerOf } from '../comments/identity.ts';
import { guestMarks } from '../comments/guest-marks.ts';
import { renderComment } from '../content/render.ts';
import { closingTime } from '../moderation/decide.ts';
import { createScreening } from '../moderation/screen.ts';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { avatarKey } from '../comments/avatar-key.ts';
import { AppError, invalid } from '../errors.ts';
import { pageOrigin } from '../mail/page-origin.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { widgetConfig } from './widget-config.ts';

/** Reading a thread and posting to it. */
export function commentRoutes(deps: Deps) {
  const { config, repos, cache, clock } = deps;
  const strictSchema = postCommentSchema({ ...config, requireNameEmail: true });
  const lenientSchema = postCommentSchema({ ...config, requireNameEmail: false });
  const signedInSchema = postCommentSchema(config, true);
  const screen = createScreening(deps);
  const configFor = widgetConfig(deps);
  const threadGroup = (site: string, page: string) => `${site}\n${page}`;

  repos.changes.subscribe((change) => {
    if (change.type === 'settings') cache.clear();
    else cache.forget(threadGroup(change.siteId, change.page));
  });

  return new Hono()
    .get('/comments', async (c) => {
      // The hot path: a repeated public read is answered from the cache before its query is parsed.
      const alias = c.req.header('authorization') || c.req.header('x-parley-tokens') ? undefined : aliasOf('comments', c.req.url);
      const hit = alias && cache.byAlias(alias);
      if (hit) return sendJson(c, hit);

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
          commentJson(
            row,
            query.page,
            deps.avatarBase,
            owned.has(row.id) || (row.accountId !== null && row.accountId === viewer.accountId),
            guests.has(row.id),
          ),
        ),
        next: result.next && encodeCursor(result.next),
        more: Object.fromEntries([...result.more].map(([root, cursor]) => [root, encodeCursor(cursor)])),
        // What the form needs (as GET /api/config answers): the first draw takes this one request.
        config: await configFor(query.site),
      });
      if (personal) return sendJson(c, json);
      const body = encodedBody(json);
      // A thread that closes by age must be read afresh once it has closed.
      cache.set(group, key, body, alias, closesAt !== null && !closed ? closesAt : Infinity);
      return sendJson(c, body);
    })

    .post('/comments', async (c) => {
      const ip = clientIp(c, config.trustProxy);
      const account = await deps.accountOf(c);
      if (!account && config.auth.requireSignIn) {
        throw new AppError(401, 'sign_in_required', 'Sign in with one of the providers above to comment here.');
      }
      await deps.limits.comments.hit(`ip:${ip}`);
      if (account) await deps.limits.comments.hit(`account:${account.id}`);
      const body = await jsonBody(c);
      const settings = await repos.sites.settings(parse(siteOfComment, body).site);
      const guestSchema = (settings.requireNameEmail ?? config.requireNameEmail) ? strictSchema : lenientSchema;
      const input = parse(account ? signedInSchema : guestSchema, body);
      const author = account
        ? { name: account.name, email: account.email, url: account.url }
        : { name: input.author.name, email: input.author.email, url: input.author.url };
      if (input.notify && config.mail && !author.email) {
        throw invalid('author.email', 'required', 'email is required to be notified of new comments.');
      }
      const html = await renderComment(input.text);
      const publishedAt = publicationTime(input.published, clock());
      const userAgent = (c.req.header('user-agent') ?? '').slice(0, 300);
      const decision = await screen(
        {
          siteId: input.site,
          page: input.page,
          text: input.text,
          html,
          author,
          account,
          ip,
          userAgent,
          referrer: c.req.header('referer') ?? '',
          origin: c.req.header('origin') ?? '',
          form: { hp: input.hp ? 'filled' : '', elapsed: input.elapsed },
          publishedAt,
        },
        settings,
      );
      const secret = account ? null : randomToken();
      const now = clock();
      const origin = pageOrigin(config.siteOrigins, c.req.header('origin'), ownOrigin(c, config));
      const { comment, thread } = await repos.comments.postComment({
        siteId: input.site,
        page: input.page,
        title: input.title,
        parentId: input.parent,
        status: decision.status,
        reason: decision.reason,
        publishedAt,
        text: input.text,
        html,
        authorName: author.name,
        authorEmail: author.email,
        authorUrl: author.url,
        avatarKey: account?.avatarKey ?? avatarKey(deps.secret, author),
        accountId: account?.id ?? null,
        authorProvider: account?.provider ?? '',
        isModerator: account?.isModerator ?? false,
        ip,
        userAgent,
        editTokenHash: secret && sha256(secret),
        notify: input.notify,
        createdAt: now,
        maxDepth: config.maxDepth,
        origin,
        lang: input.lang,
      });
      // The stored title and date are the poster's until the blog page says otherwise (fetched once, after this answer).
      deps.pages.consider(thread, origin);
      // A comment caught as spam looks, to its author, like any held comment.
      const guest = (await guestMarks(repos.members, input.site, [comment])).has(comment.id);
      const json = { ...commentJson(comment, input.page, deps.avatarBase, true, guest), ...(comment.status === 'spam' ? { status: 'pending' as const } : {}) };
      return c.json({ comment: json, ...(secret ? { editToken: `${comment.id}.${secret}` } : {}) }, decision.status === 'approved' ? 201 : 202);
    });
}

/** A page's publication time as the widget read it from the page; unreadable or future dates are ignored. */
function publicationTime(value: string | undefined, now: number): number | null {
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) && time <= now && time > Date.UTC(1990, 0, 1) ? time : null;
}
