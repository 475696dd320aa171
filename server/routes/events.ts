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
import { createStreamSlots, type StreamLimits } from '../http/stream-slots.ts';

const eventsQuery = z.object({ page: pageKey, site: siteId.default('default') });
const HEARTBEAT_MS = 25_000;
/**
 * At most 5,000 streams in all (memory), 10 per host (a reader's tabs), 100 per network
 * (a busy office or carrier NAT); past 5,000 the oldest stream of the fullest network gives way.
 */
export const STREAM_LIMITS: StreamLimits = { total: 5_000, perHost: 10, perNetwork: 100 };
/** How long a stream that gave way tells its EventSource to wait before it reconnects. */
const EVICTED_RETRY_MS = 60_000;

/**
 * `GET /api/events?page=&site=`: server-sent events for one thread.
 * `comment` carries a comment that appeared or changed (approved ones only),
 * `removed` the id of one that left the public thread, `likes` a new count;
 * `evicted` (with `retry: 60000`) ends a stream that gave way to a newcomer.
 */
export function eventRoutes(deps: Deps, limits: StreamLimits = STREAM_LIMITS) {
  const slots = createStreamSlots(limits);

  async function message(change: Change): Promise<{ event: string; data: string } | null> {
    if (change.commentId === undefined || change.type === 'reported') return null;
    const found = await deps.repos.comments.findComment(change.commentId);
    if (!found || change.type === 'deleted' || !['approved', 'deleted'].includes(found.comment.status)) {
      // On an async engine a like or an edit may be read after the comment left: the change that removed it says so, once.
      const removes = change.type === 'deleted' || change.type === 'status';
      return removes ? { event: 'removed', data: JSON.stringify({ id: change.commentId }) } : null;
    }
    if (change.type === 'liked') return { event: 'likes', data: JSON.stringify({ id: found.comment.id, likes: found.comment.likes }) };
    const guest = (await guestMarks(deps.repos.members, found.thread.siteId, [found.comment])).has(found.comment.id);
    return { event: 'comment', data: JSON.stringify(commentJson(found.comment, found.thread.page, deps.avatarBase, false, guest)) };
  }

  return new Hono().get('/events', (c) => {
    const query = parse(eventsQuery, c.req.query());
    const slot = slots.take(clientIp(c, deps.config.trustProxy));
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
      await new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        // Queued, not awaited (a client that stopped reading must not keep a stream that gave way); the stream closes after it.
        slot.onEvict(() => {
          void stream.write(`event: evicted\ndata: {}\nretry: ${EVICTED_RETRY_MS}\n\n`);
          resolve();
        });
      });
      clearInterval(heartbeat);
      unsubscribe();
      slot.release();
    });
  });
}
