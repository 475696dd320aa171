import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../deps.ts';
import { createAdminSessions, type AdminEnv } from '../auth/admin-session.ts';
import { DECOY_HASH, verifyPassword } from '../auth/password.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { jsonBody, MAX_BODY_BYTES } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { signInSchema } from '../moderation/admin-schemas.ts';
import { moderatorJson } from '../moderation/admin-json.ts';
import { adminCommentRoutes } from './admin-comments.ts';
import { adminSiteRoutes } from './admin-site.ts';
import { adminRecordRoutes } from './admin-records.ts';
import { adminMailRoutes } from './admin-mail.ts';
import { adminWebhookRoutes } from './admin-webhooks.ts';
import { adminAccountRoutes } from './admin-accounts.ts';

/**
 * `/api/admin/*`: the moderators' API. Same-origin only (no CORS; every
 * state-changing request must carry this server's own Origin), never cached,
 * and — apart from signing in — only with a live admin session.
 */
export function adminRoutes(deps: Deps) {
  const sessions = createAdminSessions(deps);
  const { repos, config } = deps;

  return new Hono<AdminEnv>()
    .use(async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .use(sessions.sameOrigin)
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'body_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
        },
      }),
    )
    .post('/session', async (c) => {
      await deps.limits.signIn.hit(`ip:${clientIp(c, config.trustProxy)}`);
      const input = parse(signInSchema, await jsonBody(c));
      const lockout = deps.limits.signInLockout;
      await lockout.check(input.email);
      const moderator = await repos.moderators.findByEmail(input.email);
      const ok = await verifyPassword(input.password, moderator?.passwordHash ?? DECOY_HASH);
      if (!moderator || !ok) {
        if (await lockout.fail(input.email)) {
          await repos.audit.record({
            at: deps.clock(),
            actor: 'system',
            moderator: moderator && { id: moderator.id, email: moderator.email },
            action: 'sign_in_locked',
            reason: `Too many wrong passwords for ${input.email}: sign-in locked for every address for ${lockout.lockMs / 60_000} minutes.`,
          });
        }
        throw new AppError(401, 'wrong_password', 'That email and password do not match a moderator account.');
      }
      await lockout.succeed(input.email);
      await sessions.start(c, moderator.id);
      return c.json({ moderator: moderatorJson(moderator) });
    })
    .delete('/session', async (c) => {
      await sessions.end(c);
      return c.body(null, 204);
    })
    .use(sessions.requireModerator)
    .get('/session', (c) => c.json({ moderator: moderatorJson(c.get('moderator')) }))
    .route('/', adminCommentRoutes(deps))
    .route('/', adminSiteRoutes(deps))
    .route('/', adminRecordRoutes(deps))
    .route('/', adminMailRoutes(deps))
    .route('/', adminWebhookRoutes(deps))
    .route('/', adminAccountRoutes(deps))
    .all('*', () => {
      throw new AppError(404, 'not_found', 'There is no such admin endpoint.');
    });
}
