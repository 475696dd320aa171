import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import type { Account } from '../db/types.ts';
import { AppError, notFound } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { commentId } from '../comments/schemas.ts';

const searchSchema = z.object({ q: z.string().max(200).default(''), limit: z.coerce.number().int().min(1).max(100).default(25) });
const linkSchema = z.object({ moderator: z.number().int().positive().nullable() });

const accountJson = (a: Account) => ({
  id: a.id,
  provider: a.provider,
  name: a.name,
  email: a.email,
  moderator: a.moderatorId,
  signedInAt: new Date(a.signedInAt).toISOString(),
});

/** Readers' accounts, and linking one to a moderator: it then moderates from the widget (server/routes/moderate.ts). */
export function adminAccountRoutes(deps: Deps) {
  const { repos, clock } = deps;
  return new Hono<AdminEnv>()
    .get('/accounts', async (c) => {
      const q = parse(searchSchema, c.req.query());
      return c.json({ accounts: (await repos.accounts.search(q.q, q.limit)).map(accountJson) });
    })
    .put('/accounts/:id/moderator', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      const input = parse(linkSchema, await jsonBody(c));
      if (input.moderator !== null && !(await repos.moderators.findById(input.moderator))) {
        throw new AppError(400, 'unknown_moderator', 'There is no moderator with that id.', 'moderator');
      }
      const account = await repos.accounts.linkModerator(id, input.moderator, c.get('moderator'), clock());
      if (!account) throw notFound();
      return c.json({ account: accountJson(account) });
    });
}
