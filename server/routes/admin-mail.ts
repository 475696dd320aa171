import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { commentId } from '../comments/schemas.ts';

/** The outbox as moderators see it: counts by state, the failed messages, and retrying one. */
export function adminMailRoutes(deps: Deps) {
  const { repos, clock, config } = deps;
  return new Hono<AdminEnv>()
    .get('/mail', async (c) => {
      const failed = await repos.mail.outbox.failed(100);
      return c.json({
        enabled: config.mail !== null,
        counts: await repos.mail.outbox.counts(clock()),
        failed: failed.map((mail) => ({ ...mail, createdAt: new Date(mail.createdAt).toISOString() })),
      });
    })
    .post('/mail/:id/retry', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      if (!(await repos.mail.outbox.retry(id, clock()))) throw new AppError(404, 'not_found', 'There is no failed mail with that id.');
      return c.json({ retried: true });
    });
}
