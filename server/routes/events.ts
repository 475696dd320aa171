import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { Change } from '../db/changes.ts';
import { parse } from '../http/validate.ts';
import { clientIp } from '../http/client-ip.ts';
import { pageKey, siteId } from '../comments/schemas.ts';
import { commentJson } from '../comments/to-json.ts';
import { guestMarks } from '../comments/guest-marks.ts';
import { AppError } from '../errors.ts';

const eventsQuery = z.object({ page: pageKey, site: siteId.default('default') });
const HEARTBEAT_MS = 25_000;
const MAX_PER_ADDRESS = 20;
const MAX_STREAMS = 5_000;

/**
 * `GET /api/events?page=&site=`: server-sent events for one thread.
 * `comment` carries a comment that appeared or changed (approved ones only),
 * `removed` the id of one that left the public thread, `likes` a new count.
 */
export function eventRoutes(deps: Deps) {
  const perAddress = new Map<string, number>();
  let open = 0;

  async function message(change: Change): Promise<{ event: string; data: string } | null> {
    if (change.commentId === undefined) return null;
    const found = await deps.repos.comments.findComment(change.commentId);
    if (!found || change.type === 'deleted' || !['approved', 'deleted'].includes(found.comment.status)) {
      return change.type === 'created' ? null : { event: 'removed', data: JSON.stringify({ id: change.commentId }) };
    }
    if (change.type === 'liked') return { event: 'likes', data: JSON.stringify({ id: found.comment.id, likes: found.comment.likes }) };
    const guest = (await guestMarks(deps.repos.members, found.thread.site_id, [found.comment])).has(found.comment.id);
    return { event: 'comment', data: JSON.stringify(commentJson(found.comment, found.thread.page, deps.avatarBase, false, guest)) };
  }

  return new Hono().get('/events', (c) => {
    const query = parse(eventsQuery, c.req.query());
    const ip = clientIp(c, deps.config.trustProxy);
    if ((perAddress.get(ip) ?? 0) >= MAX_PER_ADDRESS || open >= MAX_STREAMS) {
      throw new AppError(429, 'rate_limited', 'Too many live connections from this address.', undefined, { 'Retry-After': '60' });
    }
    perAddress.set(ip, (perAddress.get(ip) ?? 0) + 1);
    open += 1;
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve();
      const unsubscribe = deps.repos.changes.subscribe((change) => {
        if (change.siteId !== query.site || change.page !== query.page) return;
        queue = queue.then(async () => {
          const next = await message(change);
          if (next && !stream.aborted) await stream.writeSSE(next);
        });
      });
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 5000 });
      const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clearInterval(heartbeat);
      unsubscribe();
      open -= 1;
      const left = (perAddress.get(ip) ?? 1) - 1;
      if (left > 0) perAddress.set(ip, left);
      else perAddress.delete(ip);
    });
  });
}
