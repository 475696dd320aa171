import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { commentId } from '../comments/schemas.ts';
import { AppError, notFound } from '../errors.ts';
import { readerKey } from '../comments/identity.ts';

const reportSchema = z.object({ reason: z.string().trim().max(500).default('') });

/** Readers report a comment to the moderators: once per reader (an account, or the widget's reader id). */
export function reportRoutes(deps: Deps) {
  const { repos, config, clock } = deps;

  return new Hono().post('/comments/:id/report', async (c) => {
    const ip = clientIp(c, config.trustProxy);
    await deps.limits.actions.hit(`ip:${ip}`);
    const id = parse(commentId, c.req.param('id'));
    const input = parse(reportSchema, c.req.header('content-type') ? await jsonBody(c) : {});
    if ((await repos.comments.statusOf(id)) !== 'approved') throw notFound();
    const account = await deps.accountOf(c);
    if (await repos.bans.activeBan({ accountId: account?.id ?? null, email: account?.email ?? '', ip }, clock())) {
      throw new AppError(403, 'banned', 'You have been banned from this comment section.');
    }
    const reporter = readerKey(c, account, 'report');
    await repos.moderation.report(id, reporter, input.reason, clock());
    return c.json({ reported: true });
  });
}
