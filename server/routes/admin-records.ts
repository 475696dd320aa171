import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { commentId } from '../comments/schemas.ts';
import { auditQuerySchema, banSchema } from '../moderation/admin-schemas.ts';
import { auditJson, banJson, moderatorJson } from '../moderation/admin-json.ts';

/** Bans, the audit log and the list of moderators (for the log's filter). */
export function adminRecordRoutes(deps: Deps) {
  const { repos, clock } = deps;

  /** The value to ban: as given, or taken from the named comment. */
  async function banValue(input: { kind: 'account' | 'email' | 'ip'; value?: string; comment?: number }): Promise<string> {
    if (input.value !== undefined) return input.value;
    const found = await repos.comments.findComment(input.comment!);
    if (!found) throw notFound();
    const { comment } = found;
    const value = input.kind === 'email' ? comment.authorEmail : input.kind === 'ip' ? comment.ip : comment.accountId === null ? '' : String(comment.accountId);
    if (!value) throw invalid('kind', 'nothing_to_ban', `That comment has no ${input.kind === 'ip' ? 'IP address' : input.kind} to ban.`);
    return value;
  }

  return new Hono<AdminEnv>()
    .get('/bans', async (c) => c.json({ bans: (await repos.bans.list(clock())).map(banJson) }))
    .post('/bans', async (c) => {
      const input = parse(banSchema, await jsonBody(c));
      const now = clock();
      const expiresAt = input.until === null ? null : Date.parse(input.until);
      if (expiresAt !== null && expiresAt <= now) throw invalid('until', 'in_the_past', 'until must be in the future (or left out for a permanent ban).');
      const value = await banValue(input);
      if (input.kind === 'account' && !/^\d+$/.test(value)) throw invalid('value', 'invalid_value', 'An account ban needs the account id (a number).');
      const ban = await repos.bans.ban({ kind: input.kind, value, reason: input.reason, expiresAt, commentId: input.comment ?? null }, c.get('moderator'), now);
      return c.json({ ban: banJson(ban) }, 201);
    })
    .delete('/bans/:id', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      if (!(await repos.bans.unban(id, c.get('moderator'), clock()))) throw new AppError(404, 'not_found', 'There is no such ban.');
      return c.body(null, 204);
    })
    .get('/audit', async (c) => {
      const q = parse(auditQuerySchema, c.req.query());
      const rows = await repos.audit.list({ commentId: q.comment, moderatorId: q.moderator, before: q.before, limit: q.limit + 1 });
      const more = rows.length > q.limit;
      if (more) rows.pop();
      return c.json({ entries: rows.map(auditJson), next: more ? rows.at(-1)!.id : null });
    })
    .get('/moderators', async (c) => c.json({ moderators: (await repos.moderators.list()).map(moderatorJson) }));
}
