/** Row shapes as stored. Only `server/db/` reads these columns directly. */

import type { CommentKind, CommentStatus } from './domain.ts';

export type { CommentKind, CommentStatus } from './domain.ts';

export interface ThreadRow {
  id: number;
  site_id: string;
  page: string;
  title: string;
  locked: number;
  approved_count: number;
  created_at: number;
  /** When the page was published, if the page said (added by the moderation migration). */
  published_at?: number | null;
  /** Added by the thread-meta migration (010). */
  meta_source?: 'poster' | 'blog' | 'moderator';
  meta_attempts?: number;
  meta_due_at?: number | null;
}

export interface CommentRow {
  id: number;
  thread_id: number;
  parent_id: number | null;
  root_id: number;
  depth: number;
  status: CommentStatus;
  kind: CommentKind;
  text: string;
  html: string;
  author_name: string;
  author_email: string;
  author_url: string;
  avatar_key: string;
  account_id: number | null;
  is_moderator: number;
  ip: string;
  user_agent: string;
  edit_token_hash: string | null;
  notify: number;
  likes: number;
  created_at: number;
  edited_at: number | null;
  /** The sign-in provider of the account that wrote it ('' for guests). */
  author_provider: string;
  /** When a moderator pinned it (015-pinned-comments.ts); absent from rows read before that step. */
  pinned_at?: number | null;
  /** Not a column: the author of the comment really replied to, where a read selects it (REPLY_TO_NAME in comments-repo.ts). */
  reply_to_name?: string | null;
}

export interface AccountRow {
  id: number;
  provider: string;
  provider_user_id: string;
  name: string;
  email: string;
  url: string;
  avatar_url: string;
  avatar_key: string;
  is_moderator: number;
  created_at: number;
  signed_in_at: number;
  /** The moderator this account is linked to (016-email-sign-in.ts); absent before that step. */
  moderator_id?: number | null;
}

export interface ModeratorRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
  last_sign_in: number | null;
}

export interface BanRow {
  id: number;
  kind: 'account' | 'email' | 'ip';
  value: string;
  reason: string;
  expires_at: number | null;
  created_at: number;
  moderator_id: number | null;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: 'moderator' | 'system' | 'reader';
  moderator_id: number | null;
  moderator_email: string;
  action: string;
  comment_id: number | null;
  site_id: string;
  page: string;
  reason: string;
  before: string | null;
  after: string | null;
}

export type ListedCommentRow = Pick<
  CommentRow,
  | 'id'
  | 'parent_id'
  | 'root_id'
  | 'depth'
  | 'status'
  | 'html'
  | 'author_name'
  | 'author_url'
  | 'avatar_key'
  | 'account_id'
  | 'author_provider'
  | 'is_moderator'
  | 'likes'
  | 'created_at'
  | 'edited_at'
  | 'kind'
  | 'reply_to_name'
  | 'pinned_at'
> & { text?: string };

export type FeedRow = CommentRow & { page: string; title: string };

/** A queue row: private columns, its thread, its parent and why it was held or reported. */
export type QueueRow = Pick<
  CommentRow,
  | 'id'
  | 'status'
  | 'text'
  | 'html'
  | 'author_name'
  | 'author_email'
  | 'author_url'
  | 'avatar_key'
  | 'account_id'
  | 'is_moderator'
  | 'ip'
  | 'user_agent'
  | 'likes'
  | 'created_at'
  | 'edited_at'
  | 'parent_id'
  | 'pinned_at'
> &
  Pick<ThreadRow, 'site_id' | 'page' | 'title' | 'locked'> & {
    parent_author: string | null;
    parent_text: string | null;
    held_reason: string | null;
    /** JSON array of `{ reason, at }` for the open reports (parsed already by drivers that read JSON). */
    reports: string | Array<{ reason: string; at: number }>;
    /** An edit of this (approved) comment held for moderation; null when there is none. */
    edit_text: string | null;
    edit_html: string | null;
    edit_reason: string | null;
    edit_at: number | null;
  };

export interface SubscriptionRow {
  id: number;
  thread_id: number;
  email: string;
  name: string;
  origin: string;
  state: 'pending' | 'active' | 'unsubscribed';
  digest: 'immediate' | 'daily';
  comment_id: number | null;
  requested_at: number;
  confirm_sent_at: number | null;
  confirmed_at: number | null;
  digest_due_at: number | null;
  /** The language of the page the reader subscribed on (a widget locale code). */
  lang: string;
}

export interface MailJobRow {
  id: number;
  kind: 'published' | 'held' | 'confirm';
  comment_id: number | null;
  subscription_id: number | null;
  origin: string;
  cursor: number;
  created_at: number;
  done_at: number | null;
}

export interface SiteRow {
  id: string;
  settings: string;
  created_at: number;
}

export interface ExportCommentRow extends CommentRow {
  format: 'markdown' | 'html';
  reply_to: number | null;
  registered: number;
  source_user: string;
  source: string | null;
  source_id: string | null;
  source_origin: string | null;
}

export interface LikeRow {
  comment_id: number;
  voter: string;
  created_at: number;
}
