import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import type { AdminEnv } from '../auth/admin-session.ts';
import type { ActionResult } from '../db/types.ts';
import { MAX_PINNED } from '../db/types.ts';
import type { Moderator } from '../db/types.ts';
import { AppError, notFound } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { commentId } from '../comments/schemas.ts';
import { renderMarkdown } from '../content/markdown.ts';
import { actionSchema, pinSchema, queueQuerySchema, siteQuerySchema, textSchema, undoSchema } from '../moderation/admin-schemas.ts';
import { actionResultJson, undoResultJson } from '../moderation/undo-json.ts';
import { queueRowJson } from '../moderation/admin-json.ts';
import { akismetFeedback } from '../moderation/akismet-feedback.ts';
import { avatarKey } from '../comments/avatar-key.ts';

/** The queues, their counts, and what a moderator does to comments: approve, spam, trash, restore, edit, delete, reply. */
export function adminCommentRoutes(deps: Deps) {
  const { repos, config, clock } = deps;
  const text = textSchema(config.maxTextLength);
  const feedback = akismetFeedback(deps);
  /** Where the admin view links a comment to: the first embedding origin, else PUBLIC_URL (server/comments/page-key.ts). */
  const blogOrigin = config.siteOrigins[0] ?? config.publicUrl;

  async function rowJson(id: number) {
    const row = await repos.queue.row(id);
    if (!row) throw notFound();
    return queueRowJson(row, deps.avatarBase, blogOrigin);
  }

  async function act(ids: readonly number[], action: Parameters<typeof repos.moderation.apply>[1], by: Moderator): Promise<ActionResult> {
    const before = await Promise.all(ids.map((id) => repos.comments.findComment(id)));
    const result = await repos.moderation.apply(ids, action, by, clock());
    feedback(result, before);
    return result;
  }

  return new Hono<AdminEnv>()
    .get('/queue', async (c) => {
      const q = parse(queueQuerySchema, c.req.query());
      const rows = await repos.queue.page({ queue: q.queue, siteId: q.site ?? null, search: q.q, field: q.in, before: q.before ?? null, limit: q.limit + 1 });
      const more = rows.length > q.limit;
      if (more) rows.pop();
      return c.json({ comments: rows.map((row) => queueRowJson(row, deps.avatarBase, blogOrigin)), next: more ? rows.at(-1)!.id : null });
    })
    .get('/counts', async (c) => {
      const q = parse(siteQuerySchema, c.req.query());
      return c.json(await repos.queue.counts(q.site ?? null));
    })
    .get('/comments/:id', async (c) => c.json({ comment: await rowJson(parse(commentId, c.req.param('id'))) }))
    .post('/actions', async (c) => {
      const input = parse(actionSchema, await jsonBody(c));
      const result = await act([...new Set(input.ids)], input.action, c.get('moderator'));
      return c.json(actionResultJson(result));
    })
    .post('/undo', async (c) => {
      const input = parse(undoSchema, await jsonBody(c));
      const result = await repos.moderation.undo(input.undo, c.get('moderator'), clock());
      const answer = undoResultJson(result);
      if (result.ok) feedback({ done: result.done, skipped: [], undo: null }, await Promise.all(result.done.map(({ id }) => repos.comments.findComment(id))));
      return c.json(answer);
    })
    .patch('/comments/:id', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      const input = parse(text, await jsonBody(c));
      const edited = await repos.moderation.edit(id, input.text, renderMarkdown(input.text), c.get('moderator'), clock());
      if (!edited) throw notFound();
      return c.json({ comment: await rowJson(id) });
    })
    .delete('/comments/:id', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      const result = await repos.moderation.apply([id], 'delete', c.get('moderator'), clock());
      if (!result.done.length) throw notFound();
      return c.body(null, 204);
    })
    .post('/comments/:id/pin', async (c) => {
      const id = parse(commentId, c.req.param('id'));
      const input = parse(pinSchema, await jsonBody(c));
      const result = await repos.pins.setPinned(id, input.pinned, c.get('moderator'), clock());
      if (!result.ok) throw pinRefusal(result.refusal);
      return c.json({ comment: await rowJson(id) });
    })
    .post('/comments/:id/reply', async (c) => {
      const moderator = c.get('moderator');
      const id = parse(commentId, c.req.param('id'));
      const input = parse(text, await jsonBody(c));
      const found = await repos.comments.findComment(id);
      if (!found || found.comment.status === 'deleted') throw notFound();
      if (found.thread.locked) throw new AppError(403, 'thread_locked', 'This thread is locked; unlock it to reply.');
      if (found.comment.status === 'pending') await act([id], 'approve', moderator);
      else if (found.comment.status !== 'approved') {
        throw new AppError(409, 'not_approved', 'Only approved or pending comments can be replied to; restore this one first.');
      }
      const { comment } = await repos.comments.postComment({
        siteId: found.thread.siteId,
        page: found.thread.page,
        title: found.thread.title,
        parentId: id,
        status: 'approved',
        text: input.text,
        html: renderMarkdown(input.text),
        authorName: moderator.name || moderator.email.split('@')[0]!,
        authorEmail: moderator.email,
        authorUrl: '',
        avatarKey: avatarKey(deps.secret, { email: moderator.email, name: moderator.name }),
        accountId: null,
        isModerator: true,
        ip: '',
        userAgent: '',
        editTokenHash: null,
        notify: false,
        createdAt: clock(),
        maxDepth: config.maxDepth,
        moderator,
      });
      return c.json({ comment: await rowJson(comment.id) }, 201);
    });
}

/** Why a pin was refused, as the error the admin view (and the widget's moderator controls) map to words. */
export function pinRefusal(refusal: 'unknown' | 'not_top_level' | 'not_approved' | 'too_many'): AppError {
  if (refusal === 'unknown') return notFound();
  if (refusal === 'not_top_level') return new AppError(409, 'not_top_level', 'Only a top-level comment can be pinned; pin the comment this reply answers.');
  if (refusal === 'not_approved') return new AppError(409, 'not_approved', 'Only an approved comment can be pinned; approve it first.');
  return new AppError(409, 'too_many_pinned', `A thread holds ${MAX_PINNED} pinned comments at most; unpin one first.`);
}
