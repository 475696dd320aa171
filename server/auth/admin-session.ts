import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Deps } from '../deps.ts';
import type { Moderator } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { ownOrigin as originOf } from '../http/own-origin.ts';

export const ADMIN_COOKIE = 'parley_admin';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type AdminEnv = { Variables: { moderator: Moderator } };

/**
 * The moderators' session: a random token in an HttpOnly, SameSite=Strict
 * cookie (Secure over HTTPS), stored on the server only as its hash, with an
 * expiry; and the guard that refuses state-changing requests from any origin
 * but the server's own.
 */
export function createAdminSessions(deps: Deps) {
  const { config, repos, clock } = deps;

  const ownOrigin = (c: Context) => originOf(c, config);

  const tokenOf = (c: Context) => getCookie(c, ADMIN_COOKIE) ?? '';
  /** The cookie goes only to the admin API (under PUBLIC_URL's path, when the server sits below one). */
  const cookiePath = `${config.publicUrl ? new URL(config.publicUrl).pathname.replace(/\/+$/, '') : ''}/api/admin`;

  return {
    ownOrigin,

    async start(c: Context, moderatorId: number): Promise<void> {
      const token = randomToken();
      const now = clock();
      await repos.moderators.startSession(moderatorId, sha256(token), now, now + config.adminSessionMs);
      setCookie(c, ADMIN_COOKIE, token, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'Strict',
        secure: ownOrigin(c).startsWith('https:'),
        maxAge: Math.floor(config.adminSessionMs / 1000),
      });
    },

    async end(c: Context): Promise<void> {
      const token = tokenOf(c);
      if (token) await repos.moderators.endSession(sha256(token));
      deleteCookie(c, ADMIN_COOKIE, { path: cookiePath, secure: ownOrigin(c).startsWith('https:') });
    },

    /** 403 for a state-changing request whose Origin is missing or not this server's own. */
    sameOrigin: (async (c, next) => {
      if (STATE_CHANGING.has(c.req.method) && c.req.header('origin') !== ownOrigin(c)) {
        throw new AppError(403, 'cross_origin', 'The admin view accepts changes only from its own pages; reload /admin and try again.');
      }
      await next();
    }) satisfies MiddlewareHandler,

    /** 401 without a live session; otherwise the moderator is `c.get('moderator')`. */
    requireModerator: (async (c, next) => {
      const token = tokenOf(c);
      const moderator = token ? await repos.moderators.sessionModerator(sha256(token), clock()) : undefined;
      if (!moderator) throw new AppError(401, 'not_signed_in', 'Sign in to the admin view first (your session may have expired).');
      c.set('moderator', moderator);
      await next();
    }) satisfies MiddlewareHandler<AdminEnv>,
  };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;
