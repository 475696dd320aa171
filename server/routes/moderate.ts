import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import type { QueueItem } from '../db/types.ts';
import type { CommentJson } from '../comments/to-json.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { pageKey, siteId } from '../comments/schemas.ts';
import { adminCommentRoutes } from './admin-comments.ts';
import { adminSiteRoutes } from './admin-site.ts';
import { adminRecordRoutes } from './admin-records.ts';

/** The held comments a thread shows its moderator at most. */
const HELD = 100;

/** What the widget's moderator controls may do: the admin API's own handlers, for these requests only. */
const ALLOWED = [/^POST \/actions$/, /^POST \/comments\/\d{1,15}\/pin$/, /^POST \/threads\/lock$/, /^POST \/bans$/];

const heldQuery = z.object({ page: pageKey, site: siteId.default('default') });

/** A held comment as the widget draws it: the public shape (never the email or address), status `pending`. */
function heldJson(row: QueueItem, avatarBase: string): CommentJson {
  return {
    id: row.id,
    parent: row.parentId,
    page: row.page,
    depth: row.parentId === null ? 1 : 2,
    author: { name: row.authorName, url: row.authorUrl, avatar: `${avatarBase}/avatar/${row.avatarKey}`, isModerator: row.isModerator },
    html: row.html,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt === null ? null : new Date(row.editedAt).toISOString(),
    likes: row.likes,
    status: 'pending',
    mine: false,
  };
}

/**
 * `/api/moderate/*`: moderating from the thread (issue 13, item 2). A reader whose signed-in account is
 * linked to a moderator (in /admin, or by signing in by email with a moderator's address) approves,
 * marks spam, trashes, pins, locks and bans from the widget. Each request runs the admin API's own
 * handler as that moderator (the same rules, the same audit log), and only the few the widget needs;
 * the bearer token is the proof, so no cookie and no cross-site forgery. Never cached.
 */
export function moderateRoutes(deps: Deps) {
  const { repos } = deps;

  const asModerator: MiddlewareHandler<AdminEnv> = async (c, next) => {
    const account = await deps.accountOf(c);
    if (!account) throw new AppError(401, 'not_signed_in', 'Sign in with an account linked to a moderator to moderate here.');
    const moderator = account.moderatorId ? await repos.moderators.findById(account.moderatorId) : undefined;
    if (!moderator) throw new AppError(403, 'not_moderator', 'This account is not linked to a moderator.');
    c.set('moderator', moderator);
    await next();
    c.header('Cache-Control', 'no-store');
  };

  /** Only the listed requests reach the admin handlers; a ban answers without the banned email or address. */
  const allowList: MiddlewareHandler<AdminEnv> = async (c, next) => {
    const request = `${c.req.method} ${c.req.path.replace(/^.*\/moderate/, '')}`;
    if (!ALLOWED.some((pattern) => pattern.test(request))) throw new AppError(404, 'not_found', 'There is no such moderation endpoint.');
    await next();
    if (request === 'POST /bans' && c.res.status === 201) {
      const { ban } = (await c.res.json()) as { ban: { id: number; kind: string; until: string | null } };
      c.res = c.json({ ban: { id: ban.id, kind: ban.kind, until: ban.until } }, 201);
    }
  };

  return new Hono<AdminEnv>()
    .use(asModerator)
    .get('/held', async (c) => {
      const q = parse(heldQuery, c.req.query());
      const rows = await repos.queue.heldInThread(q.site, q.page, HELD);
      return c.json({ comments: rows.map((row) => heldJson(row, deps.avatarBase)) });
    })
    .use(allowList)
    .route('/', adminCommentRoutes(deps))
    .route('/', adminSiteRoutes(deps))
    .route('/', adminRecordRoutes(deps));
}
