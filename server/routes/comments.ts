import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { postCommentSchema, threadQuerySchema } from '../comments/schemas.ts';
import { commentJson } from '../comments/to-json.ts';
import { decodeCursor, encodeCursor } from '../comments/cursor.ts';
import { viewerOf } from '../comments/identity.ts';
import { renderMarkdown } from '../content/markdown.ts';
import { decide } from '../moderation/decide.ts';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { avatarKey } from '../comments/avatar-key.ts';
import { AppError } from '../errors.ts';

/** Reading a thread and posting to it. */
export function commentRoutes(deps: Deps) {
  const { config, repos, cache, clock } = deps;
  const postSchema = postCommentSchema(config);
  const signedInSchema = postCommentSchema(config, true);
  const threadGroup = (site: string, page: string) => `${site}\n${page}`;

  repos.changes.subscribe((change) => cache.forget(threadGroup(change.siteId, change.page)));

  return new Hono()
    .get('/comments', async (c) => {
      const query = parse(threadQuerySchema, c.req.query());
      const after = decodeCursor(query.after);
      const account = await deps.accountOf(c);
      const viewer = await viewerOf(c, repos.comments, account);
      const personal = viewer.ownedIds.length > 0 || viewer.accountId !== null;
      const group = threadGroup(query.site, query.page);
      const key = `${query.sort}\n${query.after ?? ''}\n${query.limit}`;
      const cached = personal ? undefined : cache.get(group, key);
      if (cached !== undefined) return c.body(cached, 200, { 'Content-Type': 'application/json; charset=utf-8' });

      const result = await repos.comments.listThread({ siteId: query.site, page: query.page, sort: query.sort, after, limit: query.limit, viewer });
      const owned = new Set(viewer.ownedIds);
      const body = JSON.stringify({
        thread: {
          page: query.page,
          title: result.thread?.title ?? '',
          count: result.thread?.approved_count ?? 0,
          locked: result.thread?.locked === 1,
        },
        comments: result.comments.map((row) =>
          commentJson(row, query.page, deps.avatarBase, owned.has(row.id) || (row.account_id !== null && row.account_id === viewer.accountId)),
        ),
        next: result.next && encodeCursor(result.next),
      });
      if (!personal) cache.set(group, key, body);
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    })

    .post('/comments', async (c) => {
      const ip = clientIp(c, config.trustProxy);
      const account = await deps.accountOf(c);
      if (!account && config.auth.requireSignIn) {
        throw new AppError(401, 'sign_in_required', 'Sign in with one of the providers above to comment here.');
      }
      deps.limits.comments.hit(`ip:${ip}`);
      if (account) deps.limits.comments.hit(`account:${account.id}`);
      const input = parse(account ? signedInSchema : postSchema, await jsonBody(c));
      const author = account
        ? { name: account.name, email: account.email, url: account.url }
        : { name: input.author.name, email: input.author.email, url: input.author.url };
      const html = renderMarkdown(input.text);
      const settings = await repos.sites.settings(input.site);
      const knownAuthor = account ? true : await repos.sites.knownAuthor(input.site, author.email, author.name);
      const decision = decide(settings, { html, knownAuthor });
      const secret = account ? null : randomToken();
      const now = clock();
      const { comment } = await repos.comments.postComment({
        siteId: input.site,
        page: input.page,
        title: input.title,
        parentId: input.parent,
        status: decision.status,
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
        userAgent: (c.req.header('user-agent') ?? '').slice(0, 300),
        editTokenHash: secret && sha256(secret),
        notify: input.notify,
        createdAt: now,
        maxDepth: config.maxDepth,
      });
      // A comment caught as spam looks, to its author, like any held comment.
      const json = { ...commentJson(comment, input.page, deps.avatarBase, true), ...(comment.status === 'spam' ? { status: 'pending' as const } : {}) };
      return c.json({ comment: json, ...(secret ? { editToken: `${comment.id}.${secret}` } : {}) }, decision.status === 'approved' ? 201 : 202);
    });
}
