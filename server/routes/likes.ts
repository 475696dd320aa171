import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { clientIp } from '../http/client-ip.ts';
import { commentId } from '../comments/schemas.ts';
import { notFound } from '../errors.ts';
import { readerKey } from '../comments/identity.ts';

/** Likes: once per reader (an account, or the random reader id the widget keeps). */
export function likeRoutes(deps: Deps) {
  const { repos, config, clock } = deps;

  async function vote(c: Context, on: boolean) {
    await deps.limits.actions.hit(`ip:${clientIp(c, config.trustProxy)}`);
    const id = parse(commentId, c.req.param('id'));
    if ((await repos.comments.statusOf(id)) !== 'approved') throw notFound();
    const account = await deps.accountOf(c);
    const voter = readerKey(c, account, 'like');
    const likes = await repos.comments.setLike(id, voter, on, clock());
    return c.json({ likes, liked: on });
  }

  return new Hono().post('/comments/:id/like', (c) => vote(c, true)).delete('/comments/:id/like', (c) => vote(c, false));
}
