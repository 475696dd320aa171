import type {
  Account,
  AuditRecord,
  Ban,
  Comment,
  ExportComment,
  FeedEntry,
  Like,
  ListedComment,
  MailJob,
  ModeratorAccount,
  QueueItem,
  Site,
  Subscription,
  Thread,
} from './domain.ts';
import type {
  AccountRow,
  AuditRow,
  BanRow,
  CommentRow,
  ExportCommentRow,
  FeedRow,
  LikeRow,
  ListedCommentRow,
  MailJobRow,
  ModeratorRow,
  QueueRow,
  SiteRow,
  SubscriptionRow,
  ThreadRow,
} from './rows.ts';

/**
 * Rows as stored → the domain objects the rest of the server reads. One
 * mapping per shape, shared by both engines (their columns are the same).
 */

export const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  siteId: r.site_id,
  page: r.page,
  title: r.title,
  locked: r.locked === 1,
  approvedCount: r.approved_count,
  createdAt: r.created_at,
  publishedAt: r.published_at ?? null,
  metaSource: r.meta_source ?? 'poster',
  metaAttempts: r.meta_attempts ?? 0,
  metaDueAt: r.meta_due_at ?? null,
});

export const toComment = (r: CommentRow): Comment => ({
  id: r.id,
  threadId: r.thread_id,
  parentId: r.parent_id,
  rootId: r.root_id,
  depth: r.depth,
  status: r.status,
  kind: r.kind,
  text: r.text,
  html: r.html,
  authorName: r.author_name,
  authorEmail: r.author_email,
  authorUrl: r.author_url,
  avatarKey: r.avatar_key,
  accountId: r.account_id,
  isModerator: r.is_moderator === 1,
  ip: r.ip,
  userAgent: r.user_agent,
  editTokenHash: r.edit_token_hash,
  notify: r.notify === 1,
  likes: r.likes,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  authorProvider: r.author_provider,
  pinnedAt: r.pinned_at ?? null,
  ...(r.reply_to_name !== undefined ? { replyToName: r.reply_to_name } : {}),
});

export function toListed(r: ListedCommentRow): ListedComment {
  const listed: ListedComment = {
    id: r.id,
    parentId: r.parent_id,
    rootId: r.root_id,
    depth: r.depth,
    status: r.status,
    html: r.html,
    authorName: r.author_name,
    authorUrl: r.author_url,
    avatarKey: r.avatar_key,
    accountId: r.account_id,
    authorProvider: r.author_provider,
    isModerator: r.is_moderator === 1,
    likes: r.likes,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    kind: r.kind,
    replyToName: r.reply_to_name ?? null,
    pinnedAt: r.pinned_at ?? null,
  };
  if (r.text !== undefined) listed.text = r.text;
  return listed;
}

export const toFeedEntry = (r: FeedRow): FeedEntry => ({ ...toComment(r), page: r.page, title: r.title });

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  provider: r.provider,
  providerUserId: r.provider_user_id,
  name: r.name,
  email: r.email,
  url: r.url,
  avatarUrl: r.avatar_url,
  avatarKey: r.avatar_key,
  isModerator: r.is_moderator === 1 || r.moderator_id != null,
  createdAt: r.created_at,
  signedInAt: r.signed_in_at,
  moderatorId: r.moderator_id ?? null,
});

export const toModeratorAccount = (r: ModeratorRow): ModeratorAccount => ({
  id: r.id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastSignIn: r.last_sign_in,
});

export const toBan = (r: BanRow): Ban => ({
  id: r.id,
  kind: r.kind,
  value: r.value,
  reason: r.reason,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  moderatorId: r.moderator_id,
});

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export const toAuditRecord = (r: AuditRow): AuditRecord => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  moderatorId: r.moderator_id,
  moderatorEmail: r.moderator_email,
  action: r.action,
  commentId: r.comment_id,
  siteId: r.site_id,
  page: r.page,
  reason: r.reason,
  before: parseJson(r.before),
  after: parseJson(r.after),
});

export const toQueueItem = (r: QueueRow): QueueItem => ({
  id: r.id,
  status: r.status,
  text: r.text,
  html: r.html,
  authorName: r.author_name,
  authorEmail: r.author_email,
  authorUrl: r.author_url,
  avatarKey: r.avatar_key,
  accountId: r.account_id,
  isModerator: r.is_moderator === 1,
  ip: r.ip,
  userAgent: r.user_agent,
  likes: r.likes,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  parentId: r.parent_id,
  pinned: r.pinned_at != null,
  siteId: r.site_id,
  page: r.page,
  title: r.title,
  locked: r.locked === 1,
  parentAuthor: r.parent_author,
  parentText: r.parent_text,
  heldReason: r.held_reason,
  reports: typeof r.reports === 'string' ? (JSON.parse(r.reports) as QueueItem['reports']) : (r.reports ?? []),
  pendingEdit: r.edit_text === null ? null : { text: r.edit_text, html: r.edit_html ?? '', reason: r.edit_reason ?? '', at: r.edit_at ?? 0 },
});

export const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  threadId: r.thread_id,
  email: r.email,
  name: r.name,
  origin: r.origin,
  state: r.state,
  digest: r.digest,
  commentId: r.comment_id,
  requestedAt: r.requested_at,
  confirmSentAt: r.confirm_sent_at,
  confirmedAt: r.confirmed_at,
  digestDueAt: r.digest_due_at,
  lang: r.lang,
});

export const toMailJob = (r: MailJobRow): MailJob => ({
  id: r.id,
  kind: r.kind,
  commentId: r.comment_id,
  subscriptionId: r.subscription_id,
  origin: r.origin,
  cursor: r.cursor,
  createdAt: r.created_at,
  doneAt: r.done_at,
});

export const toSite = (r: SiteRow): Site => ({ id: r.id, settings: r.settings, createdAt: r.created_at });

export const toExportComment = (r: ExportCommentRow): ExportComment => ({
  ...toComment(r),
  format: r.format,
  replyTo: r.reply_to,
  registered: r.registered === 1,
  sourceUser: r.source_user,
  source: r.source,
  sourceId: r.source_id,
  sourceOrigin: r.source_origin ?? null,
});

export const toLike = (r: LikeRow): Like => ({ commentId: r.comment_id, voter: r.voter, createdAt: r.created_at });

/** `undefined` stays `undefined`: for lookups that may find nothing. */
export const maybe =
  <R, T>(map: (row: R) => T) =>
  (row: R | undefined): T | undefined =>
    row === undefined ? undefined : map(row);
