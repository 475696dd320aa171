import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.ts';
import type { Account } from '../comments/identity.ts';
import { parseEditToken } from '../comments/identity.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { commentId, editCommentSchema } from '../comments/schemas.ts';
import { commentJson } from '../comments/to-json.ts';
import { guestMarks } from '../comments/guest-marks.ts';
import { renderComment } from '../content/render.ts';
import { AppError, notFound } from '../errors.ts';
import { safeEqual } from '../lib/tokens.ts';
import { createScreening } from '../moderation/screen.ts';
import type { Comment, Thread } from '../db/types.ts';

/** Editing and deleting one's own comment while the edit window is open. */
export function ownCommentRoutes(deps: Deps) {
  const { config, repos, clock } = deps;
  const editSchema = editCommentSchema(config);
  const screen = createScreening(deps);

  /** The site's rules (links, word lists, Akismet when set) applied to an edit, with the comment's author and the editor's address. */
  async function screenEdit(c: Context, comment: Comment, thread: Thread, text: string, html: string) {
    const account = await deps.accountOf(c);
    return screen(
      {
        siteId: thread.siteId,
        page: thread.page,
        text,
        html,
        author: { name: comment.authorName, email: comment.authorEmail, url: comment.authorUrl },
        account,
        ip: clientIp(c, config.trustProxy),
        userAgent: (c.req.header('user-agent') ?? '').slice(0, 300),
        referrer: c.req.header('referer') ?? '',
        origin: c.req.header('origin') ?? '',
        form: {},
        publishedAt: null,
      },
      await repos.sites.settings(thread.siteId),
    );
  }

  /** The comment, once the caller has proved it is theirs and may still change it. */
  async function ownComment(c: Context) {
    await deps.limits.actions.hit(`ip:${clientIp(c, config.trustProxy)}`);
    const id = parse(commentId, c.req.param('id'));
    const found = await repos.comments.findComment(id);
    if (!found || found.comment.status === 'deleted') throw notFound();
    const account = await deps.accountOf(c);
    if (!owns(c, found.comment, account)) {
      throw new AppError(403, 'not_yours', 'Only the author of this comment can change it.');
    }
    if (clock() - found.comment.createdAt > config.editWindowMs) {
      throw new AppError(403, 'edit_window_closed', `Comments can be changed for ${config.editWindowMs / 60_000} minutes after posting; that time is over.`);
    }
    return found;
  }

  return new Hono()
    .patch('/comments/:id', async (c) => {
      const { comment, thread } = await ownComment(c);
      const input = parse(editSchema, await jsonBody(c));
      const html = await renderComment(input.text);
      // A published comment's edit is screened like a new comment; one the rules hold waits, the approved version stays public.
      if (comment.status === 'approved') {
        const decision = await screenEdit(c, comment, thread, input.text, html);
        if (decision.status !== 'approved') {
          // Spam is discarded; a held edit waits for a moderator. The author is told the same either way, as for new comments.
          if (decision.status === 'pending') await repos.comments.holdEdit(comment.id, { text: input.text, html, reason: decision.reason, at: clock() });
          return c.json({ comment: commentJson(comment, thread.page, deps.avatarBase, true), editPending: true }, 202);
        }
      }
      const updated = await repos.comments.editComment(comment.id, { text: input.text, html, editedAt: clock() });
      const guest = (await guestMarks(repos.members, thread.siteId, [updated])).has(updated.id);
      return c.json({ comment: commentJson(updated, thread.page, deps.avatarBase, true, guest) });
    })
    .delete('/comments/:id', async (c) => {
      const { comment } = await ownComment(c);
      await repos.comments.deleteComment(comment.id);
      return c.body(null, 204);
    });
}

function owns(c: Context, comment: { id: number; editTokenHash: string | null; accountId: number | null }, account: Account | null): boolean {
  if (account && comment.accountId === account.id) return true;
  const claim = parseEditToken(c.req.header('x-parley-token') ?? '');
  return !!claim && claim.id === comment.id && comment.editTokenHash !== null && safeEqual(claim.hash, comment.editTokenHash);
}
