import { pageHref } from '../comments/page-key.ts';
import type { QueueItem } from '../db/types.ts';
import type { AuditRecord } from '../db/types.ts';
import type { Ban } from '../db/types.ts';
import type { ModeratorAccount } from '../db/types.ts';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** A comment as the admin view shows it: private fields included, for moderators only. */
export function queueRowJson(row: QueueItem, avatarBase: string, blogOrigin: string) {
  return {
    id: row.id,
    status: row.status,
    site: row.siteId,
    page: row.page,
    /** The comment on the blog: the configured origin plus the page's path; null when the stored page is not a path. */
    url: pageHref(blogOrigin, row.page, row.id),
    thread: { title: row.title, locked: row.locked },
    parent: row.parentId === null ? null : { id: row.parentId, author: row.parentAuthor ?? '', excerpt: row.parentText ?? '' },
    author: {
      name: row.authorName,
      email: row.authorEmail,
      url: row.authorUrl,
      avatar: row.avatarKey ? `${avatarBase}/avatar/${row.avatarKey}` : '',
      accountId: row.accountId,
      isModerator: row.isModerator,
    },
    ip: row.ip,
    userAgent: row.userAgent,
    text: row.text,
    html: row.html,
    likes: row.likes,
    pinned: row.pinned,
    createdAt: iso(row.createdAt),
    editedAt: iso(row.editedAt),
    heldReason: row.heldReason ?? '',
    /** The author's edit held by the rules: approving publishes it, spam or trash discards it (the comment stays). */
    pendingEdit: row.pendingEdit && { ...row.pendingEdit, at: iso(row.pendingEdit.at) },
    reports: row.reports.map((r) => ({ reason: r.reason, at: iso(r.at) })),
  };
}

export function auditJson(row: AuditRecord) {
  return {
    id: row.id,
    at: iso(row.at),
    actor: row.actor,
    moderator: row.moderatorId === null && !row.moderatorEmail ? null : { id: row.moderatorId, email: row.moderatorEmail },
    action: row.action,
    commentId: row.commentId,
    site: row.siteId,
    page: row.page,
    reason: row.reason,
    before: row.before,
    after: row.after,
  };
}

export function banJson(row: Ban) {
  return { id: row.id, kind: row.kind, value: row.value, reason: row.reason, until: iso(row.expiresAt), createdAt: iso(row.createdAt) };
}

export function moderatorJson(row: Pick<ModeratorAccount, 'id' | 'email' | 'name'>) {
  return { id: row.id, email: row.email, name: row.name };
}
