/**
 * The JSON a webhook carries: what happened to which comment, where. Built field by field from
 * the stored comment, so an email or an address can never reach a receiver.
 */
import type { Comment, Thread, WebhookEvent } from '../db/types.ts';
import { htmlText } from '../lib/html-text.ts';
import { pageHref, threadName } from '../comments/page-key.ts';

export type { WebhookEvent } from '../db/types.ts';

export interface WebhookPayload {
  event: WebhookEvent;
  site: string;
  page: string;
  /** The thread's title (the page's path when it has none). */
  title: string;
  /** The comment on the blog; null when the page key is not a path. */
  pageUrl: string | null;
  comment: {
    id: number;
    parent: number | null;
    author: { name: string; url: string | null };
    html: string;
    /** The text a reader sees, without markup. */
    text: string;
    status: string;
    createdAt: string | null;
  };
  /** Where a moderator deals with it: the admin view, opened at this comment (`/admin/#comment-ID`, after signing in). */
  moderationUrl: string;
  /** Signed one-click links (a page with a button) for a held (approve, spam) or reported (spam) comment, when WEBHOOK_MODERATOR is set. */
  actions?: { approve?: string; spam: string };
}

export interface PayloadContext {
  /** The blog's origin, for pageUrl: the first of SITE_ORIGINS, else PUBLIC_URL. */
  pageBase: string;
  /** This server's public address, for the moderation links. */
  serverUrl: string;
}

/** The admin view opened at one comment: admin/queue-store.ts reads the fragment once the moderator is signed in. */
export const moderationUrl = (serverUrl: string, commentId: number) => `${serverUrl}/admin/#comment-${commentId}`;

export function webhookPayload(
  actions: WebhookPayload['actions'],
  event: WebhookEvent,
  found: { comment: Comment; thread: Thread } | undefined,
  change: { siteId: string; page: string; commentId: number; status: string | undefined },
  ctx: PayloadContext,
): WebhookPayload {
  const comment = found?.comment;
  return {
    event,
    site: change.siteId,
    page: change.page,
    title: threadName(found?.thread.title ?? '', change.page),
    pageUrl: pageHref(ctx.pageBase, change.page, change.commentId),
    comment: {
      id: change.commentId,
      parent: comment?.parentId ?? null,
      author: { name: comment?.authorName ?? '', url: comment?.authorUrl || null },
      html: comment?.html ?? '',
      text: comment ? htmlText(comment.html) : '',
      status: event === 'comment.deleted' && change.status === undefined ? 'deleted' : (change.status ?? comment?.status ?? 'deleted'),
      createdAt: comment ? new Date(comment.createdAt).toISOString() : null,
    },
    moderationUrl: moderationUrl(ctx.serverUrl, change.commentId),
    ...(actions ? { actions } : {}),
  };
}
