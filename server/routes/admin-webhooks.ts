import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import type { WebhookDelivery } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { commentId } from '../comments/schemas.ts';

/** A target as the admin view shows it: its origin only (a chat service's URL holds its secret token). */
const shown = (url: string) => new URL(url).origin;

const listQuery = z.object({ state: z.enum(['queued', 'sent', 'failed']).optional() });

const deliveryJson = (d: WebhookDelivery) => ({
  id: d.id,
  deliveryId: d.deliveryId,
  target: shown(d.url),
  format: d.format,
  event: d.event,
  state: d.state,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: new Date(d.createdAt).toISOString(),
  sentAt: d.sentAt === null ? null : new Date(d.sentAt).toISOString(),
  nextAttemptAt: d.state === 'queued' ? new Date(d.nextAttemptAt).toISOString() : null,
});

/** The webhook outbox as moderators see it: the targets, counts, the latest deliveries and failures, and retrying one. */
export function adminWebhookRoutes(deps: Deps) {
  const { repos, clock, config } = deps;
  return new Hono<AdminEnv>()
    .get('/webhooks', async (c) => {
      const query = parse(listQuery, c.req.query());
      const deliveries = await repos.webhooks.list({ state: query.state, limit: 50 });
      return c.json({
        enabled: config.webhooks !== null,
        targets: (config.webhooks?.targets ?? []).map((t) => ({ target: shown(t.url), format: t.format })),
        counts: await repos.webhooks.counts(),
        deliveries: deliveries.map(deliveryJson),
      });
    })
    .post('/webhooks/:id/retry', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      if (!(await repos.webhooks.retry(id, clock()))) throw new AppError(404, 'not_found', 'There is no failed webhook delivery with that id.');
      return c.json({ retried: true });
    });
}
