import { pageHref } from '../comments/page-key.ts';
import type { QueueRow } from '../db/moderation-queue.ts';
import type { AuditRow } from '../db/audit-repo.ts';
import type { BanRow } from '../db/bans-repo.ts';
import type { ModeratorRow } from '../db/moderators-repo.ts';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());
const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A comment as the admin view shows it: private fields included, for moderators only. */
export function queueRowJson(row: QueueRow, avatarBase: string, blogOrigin: string) {
  return {
    id: row.id,
    status: row.status,
    site: row.site_id,
    page: row.page,
    /** The comment on the blog: the configured origin plus the page's path; null when the stored page is not a path. */
    url: pageHref(blogOrigin, row.page, row.id),
    thread: { title: row.title, locked: row.locked === 1 },
    parent: row.parent_id === null ? null : { id: row.parent_id, author: row.parent_author ?? '', excerpt: row.parent_text ?? '' },
    author: {
      name: row.author_name,
      email: row.author_email,
      url: row.author_url,
      avatar: row.avatar_key ? `${avatarBase}/avatar/${row.avatar_key}` : '',
      accountId: row.account_id,
      isModerator: row.is_moderator === 1,
    },
    ip: row.ip,
    userAgent: row.user_agent,
    text: row.text,
    html: row.html,
    likes: row.likes,
    createdAt: iso(row.created_at),
    editedAt: iso(row.edited_at),
    heldReason: row.held_reason ?? '',
    /** The author's edit held by the rules: approving publishes it, spam or trash discards it (the comment stays). */
    pendingEdit: row.edit_text === null ? null
      : { text: row.edit_text, html: row.edit_html ?? '', reason: row.edit_reason ?? '', at: iso(row.edit_at) },
    reports: (JSON.parse(row.reports) as Array<{ reason: string; at: number }>).map((r) => ({ reason: r.reason, at: iso(r.at) })),
  };
}

export function auditJson(row: AuditRow) {
  return {
    id: row.id,
    at: iso(row.at),
    actor: row.actor,
    moderator: row.moderator_id === null && !row.moderator_email ? null : { id: row.moderator_id, email: row.moderator_email },
    action: row.action,
    commentId: row.comment_id,
    site: row.site_id,
    page: row.page,
    reason: row.reason,
    before: parseJson(row.before),
    after: parseJson(row.after),
  };
}

export function banJson(row: BanRow) {
  return { id: row.id, kind: row.kind, value: row.value, reason: row.reason, until: iso(row.expires_at), createdAt: iso(row.created_at) };
}

export function moderatorJson(row: Pick<ModeratorRow, 'id' | 'email' | 'name'>) {
  return { id: row.id, email: row.email, name: row.name };
}
