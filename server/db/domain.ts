/**
 * What the storage hands out: plain domain objects (camelCase, booleans, times
 * as milliseconds since the epoch), the same whichever engine keeps them.
 * Row shapes with their 0/1 columns stay inside `server/db/` (rows.ts); these
 * are built from them by one mapping (map.ts).
 */

export type CommentStatus = 'approved' | 'pending' | 'spam' | 'trash' | 'deleted';
export type CommentKind = 'comment' | 'pingback' | 'trackback';

export interface Thread {
  id: number;
  siteId: string;
  page: string;
  title: string;
  locked: boolean;
  approvedCount: number;
  createdAt: number;
  /** When the page was published, if the page said. */
  publishedAt: number | null;
  /** Where the title and date come from: the first poster (untrusted), the blog page itself, or a moderator. */
  metaSource: ThreadMetaSource;
  /** Fetches of the blog page tried so far, and when the next may start (null: as soon as asked). */
  metaAttempts: number;
  metaDueAt: number | null;
}

export type ThreadMetaSource = 'poster' | 'blog' | 'moderator';

export interface Comment {
  id: number;
  threadId: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  status: CommentStatus;
  kind: CommentKind;
  text: string;
  html: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  avatarKey: string;
  accountId: number | null;
  isModerator: boolean;
  ip: string;
  userAgent: string;
  editTokenHash: string | null;
  notify: boolean;
  likes: number;
  createdAt: number;
  editedAt: number | null;
  /** The sign-in provider of the account that wrote it ('' for guests). */
  authorProvider: string;
  /** When a moderator pinned it (a top-level comment, shown first in every sort); null when not pinned. */
  pinnedAt: number | null;
  /**
   * The author of the comment really replied to, when this reply sits at MAX_DEPTH beside it (comments.reply_to)
   * and that comment is published; read by a thread read and by posting, absent elsewhere.
   */
  replyToName?: string | null;
}

/** A comment as a thread read returns it: never the email or address; the source text only to its author. */
export type ListedComment = Pick<
  Comment,
  | 'id'
  | 'parentId'
  | 'rootId'
  | 'depth'
  | 'status'
  | 'html'
  | 'authorName'
  | 'authorUrl'
  | 'avatarKey'
  | 'accountId'
  | 'authorProvider'
  | 'isModerator'
  | 'likes'
  | 'createdAt'
  | 'editedAt'
  | 'kind'
  | 'replyToName'
  | 'pinnedAt'
> & { text?: string };

export type FeedEntry = Comment & { page: string; title: string };

export interface Account {
  id: number;
  provider: string;
  providerUserId: string;
  name: string;
  email: string;
  url: string;
  avatarUrl: string;
  avatarKey: string;
  isModerator: boolean;
  createdAt: number;
  signedInAt: number;
  /** The moderator account this reader's account is linked to: it moderates from the widget. */
  moderatorId: number | null;
}

export interface Moderator {
  id: number;
  email: string;
  name: string;
}

/** A moderator with what only sign-in and the command line need. */
export interface ModeratorAccount extends Moderator {
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
  lastSignIn: number | null;
}

export type BanKind = 'account' | 'email' | 'ip';

export interface Ban {
  id: number;
  kind: BanKind;
  value: string;
  reason: string;
  expiresAt: number | null;
  createdAt: number;
  moderatorId: number | null;
}

export type AuditActor = 'moderator' | 'system' | 'reader';

/** One line of the audit log as it is read back. */
export interface AuditRecord {
  id: number;
  at: number;
  actor: AuditActor;
  moderatorId: number | null;
  moderatorEmail: string;
  action: string;
  commentId: number | null;
  siteId: string;
  page: string;
  reason: string;
  before: unknown;
  after: unknown;
}

/** A comment as a moderator sees it: private fields, its thread, its parent and why it was held or reported. */
export interface QueueItem {
  id: number;
  status: CommentStatus;
  text: string;
  html: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  avatarKey: string;
  accountId: number | null;
  isModerator: boolean;
  ip: string;
  userAgent: string;
  likes: number;
  createdAt: number;
  editedAt: number | null;
  parentId: number | null;
  /** A moderator pinned it to the top of its thread. */
  pinned: boolean;
  siteId: string;
  page: string;
  title: string;
  locked: boolean;
  parentAuthor: string | null;
  parentText: string | null;
  heldReason: string | null;
  /** The open reports, oldest first. */
  reports: Array<{ reason: string; at: number }>;
  /** The author's edit of this (approved) comment held by the rules; null when there is none. */
  pendingEdit: { text: string; html: string; reason: string; at: number } | null;
}

export type SubscriptionState = 'pending' | 'active' | 'unsubscribed';
export type DigestChoice = 'immediate' | 'daily';

export interface Subscription {
  id: number;
  threadId: number;
  email: string;
  name: string;
  /** The blog's origin where the reader subscribed (links in their mails point there); '' when unknown. */
  origin: string;
  state: SubscriptionState;
  digest: DigestChoice;
  commentId: number | null;
  requestedAt: number;
  confirmSentAt: number | null;
  confirmedAt: number | null;
  digestDueAt: number | null;
  /** The language of the page the reader subscribed on (a widget locale code); their mails and pages are written in it. */
  lang: string;
}

export interface MailJob {
  id: number;
  kind: 'published' | 'held' | 'confirm';
  commentId: number | null;
  subscriptionId: number | null;
  origin: string;
  cursor: number;
  createdAt: number;
  doneAt: number | null;
}

export interface Site {
  id: string;
  /** The site's rules as stored (JSON). */
  settings: string;
  createdAt: number;
}

/** A comment with what an export needs beyond the core: its real parent and the source it was imported from. */
export interface ExportComment extends Comment {
  format: 'markdown' | 'html';
  replyTo: number | null;
  registered: boolean;
  sourceUser: string;
  source: string | null;
  sourceId: string | null;
  /** The source blog's own address (its WXR base_blog_url, its Disqus forum), when the import knew it. */
  sourceOrigin: string | null;
}

export interface Like {
  commentId: number;
  voter: string;
  createdAt: number;
}
