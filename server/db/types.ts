/**
 * The storage interface: every operation the server asks of its database, one
 * interface per repository, each method one unit of work returning a promise.
 * SQLite (server/db/sqlite/…, the default) and PostgreSQL (server/db/pg/…)
 * implement it; the contract tests run against both. Nothing above
 * `server/db/` sees a row or a driver.
 */
import type {
  Account,
  AuditActor,
  AuditRecord,
  Ban,
  BanKind,
  Comment,
  CommentKind,
  CommentStatus,
  DigestChoice,
  ExportComment,
  FeedEntry,
  Like,
  ListedComment,
  MailJob,
  Moderator,
  ModeratorAccount,
  QueueItem,
  Site,
  Subscription,
  Thread,
} from './domain.ts';
import type { ChangeFeed } from './changes.ts';
import type { SiteSettings } from './settings.ts';
import type { BatchResult, ImportRow, RunState, ThreadTarget } from './import-types.ts';
import type { MailComposer, MailKind, OutgoingMail } from '../mail/types.ts';

export type * from './domain.ts';
export type { SiteSettings } from './settings.ts';
export type { BatchResult, ImportRow, ParentRow, RunState, ThreadTarget } from './import-types.ts';

// ── Comments and threads ────────────────────────────────────────────────────

export type Sort = 'oldest' | 'newest' | 'top';
/** Keyset position: the sort value and id of the last comment seen (a root in a page, a reply in a branch). */
export type Cursor = readonly [number, number];

/**
 * The most comments, replies included, one read returns: one thread, however
 * large, answers bounded bodies (a root with 100,000 replies once made 31 MB).
 */
export const PAGE_COMMENTS = 200;

export interface Viewer {
  /** Comment ids the caller proved to own (edit tokens checked). */
  ownedIds: readonly number[];
  accountId: number | null;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ ownedIds: [], accountId: null });

export interface ThreadPage {
  thread: Thread | undefined;
  comments: ListedComment[];
  /** Where the next page of top-level comments starts; null on the last. */
  next: Cursor | null;
  /** Branches (by root id) that continue beyond this answer, and where their next replies start. */
  more: Map<number, Cursor>;
}

export interface NewComment {
  siteId: string;
  page: string;
  title: string;
  parentId: number | null;
  status: 'approved' | 'pending' | 'spam';
  kind?: CommentKind;
  text: string;
  html: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  avatarKey: string;
  accountId: number | null;
  /** Sign-in provider of the account ('' or absent for guests). */
  authorProvider?: string;
  isModerator: boolean;
  ip: string;
  userAgent: string;
  editTokenHash: string | null;
  notify: boolean;
  createdAt: number;
  maxDepth: number;
  /** Why the rules held it or marked it spam; '' or absent when published. */
  reason?: string;
  /** When the page was published, if the page says; kept on the thread the first time it is given. */
  publishedAt?: number | null;
  /** The moderator replying from the admin view, for the audit log. */
  moderator?: { id: number; email: string } | null;
  /** The blog's origin the comment was posted from, for links in mails (server/mail/page-origin.ts); '' or absent when unknown. */
  origin?: string;
  /** The language of the page commented on (a widget locale code): a subscription's mails are written in it. */
  lang?: string;
}

export interface CommentsRepo {
  findThread(siteId: string, page: string): Promise<Thread | undefined>;
  /**
   * A page of top-level comments with their replies, PAGE_COMMENTS at most: a page ends before a root whose
   * branch no longer fits, and the first root of a page brings as many replies as fit, with a cursor for the rest.
   */
  listThread(q: { siteId: string; page: string; sort: Sort; after: Cursor | null; limit: number; viewer: Viewer }): Promise<ThreadPage>;
  /** The replies of top-level comment `root` after `after` ("Show more replies"), PAGE_COMMENTS at most. */
  listBranch(q: { siteId: string; page: string; root: number; after: Cursor | null; viewer: Viewer }): Promise<ThreadPage>;
  /** Comment `comment` with the comments above it, for a permalink into a branch not loaded yet. */
  listChain(q: { siteId: string; page: string; comment: number; viewer: Viewer }): Promise<ThreadPage>;
  findComment(id: number): Promise<{ comment: Comment; thread: Thread } | undefined>;
  /** Of the given (id, token hash) pairs, the ids whose stored hash matches. */
  provenOwner(claims: ReadonlyArray<{ id: number; hash: string }>): Promise<number[]>;
  postComment(input: NewComment): Promise<{ comment: Comment; thread: Thread }>;
  /** Publishes an author's edit (and forgets any edit of theirs still held). */
  editComment(id: number, edit: { text: string; html: string; editedAt: number }): Promise<Comment>;
  /** Keeps an edit the rules held, for a moderator to decide; the comment's public text stays as it was. */
  holdEdit(id: number, edit: { text: string; html: string; reason: string; at: number }): Promise<void>;
  /** Deletes by its author: gone, or a placeholder when it has replies. */
  deleteComment(id: number): Promise<{ placeholder: boolean }>;
  setLike(id: number, voter: string, on: boolean, now: number): Promise<number>;
  countPages(siteId: string, pages: readonly string[]): Promise<Map<string, number>>;
  emailForAvatar(key: string): Promise<string | undefined>;
  statusOf(id: number): Promise<CommentStatus | undefined>;
}

// ── Sites ───────────────────────────────────────────────────────────────────

export interface SitesRepo {
  settings(siteId: string): Promise<SiteSettings>;
  /** Saves the given rules over the current ones (audited when a moderator did it); returns the rules before and after. */
  saveSettings(
    siteId: string,
    value: Partial<SiteSettings>,
    now: number,
    by?: { id: number; email: string },
  ): Promise<{ before: SiteSettings; after: SiteSettings }>;
  /** Every site that has comments or settings. */
  list(): Promise<string[]>;
  /** Whether this author already has an approved comment on the site (WordPress's "previously approved" rule). */
  knownAuthor(siteId: string, email: string, name: string): Promise<boolean>;
  /** The server's signing secret: made once, kept in the database. */
  secret(): Promise<string>;
}

// ── Moderation ──────────────────────────────────────────────────────────────

/** One line of the audit log as it is written: who, what, when, on what, before and after. */
export interface AuditEntry {
  at: number;
  actor: AuditActor;
  moderator?: { id: number; email: string } | null;
  action: string;
  commentId?: number | null;
  siteId?: string;
  page?: string;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  commentId?: number;
  moderatorId?: number;
  before?: number;
  limit: number;
}

/** The audit log, read back; it is written inside the transaction of the action it records. */
export interface AuditRepo {
  list(filter: AuditFilter): Promise<AuditRecord[]>;
  /** Records one entry on its own, outside any other write (a sign-in lock). */
  record(entry: AuditEntry): Promise<void>;
}

export interface ModeratorsRepo {
  findByEmail(email: string): Promise<ModeratorAccount | undefined>;
  findById(id: number): Promise<Moderator | undefined>;
  list(): Promise<ModeratorAccount[]>;
  /** Adds a moderator; throws when the email is taken (the engine's UNIQUE constraint error). */
  create(input: { email: string; name: string; passwordHash: string; now: number }): Promise<ModeratorAccount>;
  /** Sets a new password and signs the moderator out everywhere. */
  resetPassword(id: number, passwordHash: string, now: number): Promise<void>;
  startSession(moderatorId: number, tokenHash: string, now: number, expiresAt: number): Promise<void>;
  sessionModerator(tokenHash: string, now: number): Promise<Moderator | undefined>;
  endSession(tokenHash: string): Promise<void>;
}

/** The names members hold on each site, so a guest under one is marked as a guest (server/lib/name-key.ts folds them). */
export interface MembersRepo {
  /** Of `names`, those a member of `siteId` holds (a moderator's on every site, after folding). */
  heldNames(siteId: string, names: readonly string[]): Promise<Set<string>>;
}

export type StatusAction = 'approve' | 'spam' | 'trash' | 'restore';
export type BulkAction = StatusAction | 'delete';

export interface ActionResult {
  done: Array<{ id: number; from: CommentStatus; to: CommentStatus | 'purged' }>;
  skipped: Array<{ id: number; reason: string }>;
  /** How to take the action back while it can be (a status action that changed something); a permanent delete has none. */
  undo: { id: number; expiresAt: number } | null;
}

/** How long a moderator can undo their own action: long enough to notice a slip, short enough that the queue has not moved on. */
export const UNDO_WINDOW_MS = 15 * 60_000;

/**
 * What an undo did: every comment back to the status it had (and its reports reopened), or nothing at
 * all, with why: no such action of this moderator's (`unknown`), older than UNDO_WINDOW_MS (`expired`),
 * undone already (`undone`), or some of its comments changed since (`changed`, with what they are now).
 */
export type UndoResult =
  | { ok: true; action: StatusAction; at: number; done: Array<{ id: number; from: CommentStatus; to: CommentStatus }> }
  | { ok: false; refusal: 'unknown' | 'expired' | 'undone' }
  | { ok: false; refusal: 'changed'; changed: Array<{ id: number; status: CommentStatus | null }> };

export interface ModerationRepo {
  apply(ids: readonly number[], action: BulkAction, by: Moderator, now: number): Promise<ActionResult>;
  /** Takes back one of this moderator's recent actions (`ActionResult.undo.id`), exactly, or refuses it whole. */
  undo(undoId: number, by: Moderator, now: number): Promise<UndoResult>;
  /** Changes a comment's text as a moderator; undefined when there is no such comment. */
  edit(id: number, text: string, html: string, by: Moderator, now: number): Promise<Comment | undefined>;
  /** Locks or unlocks a thread (creating it if no one has commented yet); `restart` reopens one closed by age. */
  setLocked(siteId: string, page: string, locked: boolean, restart: boolean, by: Moderator, now: number): Promise<Thread>;
  /** A reader's report; false when this reader had already reported the comment. */
  report(id: number, reporter: string, reason: string, now: number): Promise<boolean>;
  /** Sets a thread's title and publication date (audited); they are then never fetched again. Undefined when there is no such thread. */
  setThreadMeta(siteId: string, page: string, meta: PageMeta, by: Moderator, now: number): Promise<Thread | undefined>;
}

/** What the blog page says about itself (server/threads/page-meta.ts). */
export interface PageMeta {
  title: string;
  publishedAt: number | null;
}

/** Learning a thread's title and date from its blog page: each fetch claimed first, so one runs per thread at a time. */
export interface ThreadMetaRepo {
  /**
   * Claims the next fetch of the thread's page for `leaseMs` when its title still comes from the poster, fewer than
   * `maxAttempts` were made and one is due: the attempt's number (1 for the first), or null when not to fetch now.
   */
  claimFetch(threadId: number, now: number, leaseMs: number, maxAttempts: number): Promise<number | null>;
  /** Keeps what the blog page says (unless a moderator set the title meanwhile); cached reads of the thread forget. */
  learnt(threadId: number, meta: PageMeta): Promise<void>;
  /** The fetch failed: the next may start at `retryAt`. */
  fetchFailed(threadId: number, retryAt: number): Promise<void>;
}

export type Queue = 'pending' | 'reported' | 'approved' | 'spam' | 'trash';
export const QUEUES: readonly Queue[] = ['pending', 'reported', 'approved', 'spam', 'trash'];
export type SearchField = 'all' | 'text' | 'author' | 'email' | 'ip' | 'page';

export interface QueueQuery {
  queue: Queue;
  siteId: string | null;
  search: string;
  field: SearchField;
  /** Only comments with a smaller id (the last id of the previous page). */
  before: number | null;
  limit: number;
}

/** The moderation queues: one page of a queue, newest first, and how many each holds. */
export interface ModerationQueue {
  page(q: QueueQuery): Promise<QueueItem[]>;
  row(id: number): Promise<QueueItem | undefined>;
  counts(siteId: string | null): Promise<Record<Queue, number>>;
}

export interface BanInput {
  kind: BanKind;
  value: string;
  reason: string;
  expiresAt: number | null;
  commentId: number | null;
}

export interface BansRepo {
  /** The ban that stops this author now, if any (the longest-lasting one). */
  activeBan(who: { accountId: number | null; email: string; ip: string }, now: number): Promise<Ban | undefined>;
  list(now: number): Promise<Ban[]>;
  ban(input: BanInput, by: Moderator, now: number): Promise<Ban>;
  unban(id: number, by: Moderator, now: number): Promise<boolean>;
}

// ── Accounts and sign-in ────────────────────────────────────────────────────

/** What a provider says about a person; `avatarKey` is used only when the account is new. */
export interface ProfileInput {
  provider: string;
  providerUserId: string;
  name: string;
  email: string;
  url: string;
  avatarUrl: string;
  avatarKey: string;
}

export interface SessionInput {
  tokenHash: string;
  now: number;
  expiresAt: number;
}

export interface AccountsRepo {
  /** Creates or refreshes the account a provider vouched for; no session. */
  saveAccount(profile: ProfileInput, now: number): Promise<Account>;
  /** Creates or refreshes the account and opens a session for it, in one transaction. */
  signIn(profile: ProfileInput, session: SessionInput): Promise<Account>;
  /** Opens a session for a known account (the redirect hand-over) and returns the account. */
  openSession(accountId: number, session: SessionInput): Promise<Account>;
  /** The account behind a live (not expired, not revoked) session. */
  sessionAccount(tokenHash: string, now: number): Promise<Account | undefined>;
  /** Revokes a session; false when it was unknown or already revoked. */
  revokeSession(tokenHash: string, now: number): Promise<boolean>;
  avatarUrl(avatarKey: string): Promise<string | undefined>;
}

/** A sign-in in progress, from `/auth/PROVIDER/start` to its callback. */
export interface AuthFlow {
  provider: string;
  /** Mastodon instance origin; '' for other providers. */
  instance: string;
  codeVerifier: string;
  /** OpenID Connect nonce; '' for plain OAuth 2.0. */
  nonce: string;
  redirectUri: string;
  /** The embedding page's origin, where the session is handed over. */
  origin: string;
  /** The embedding page's URL, where a full-page redirect returns. */
  page: string;
  mode: 'popup' | 'redirect';
  /** Hash of the widget's hand-over secret (redirect mode); ''. */
  handoffHash: string;
  /** The widget's language (a locale code): the popup's pages are written in it. */
  lang: string;
}

export interface MastodonApp {
  clientId: string;
  clientSecret: string;
}

/** Sign-in flows (each `state` used once), redirect hand-overs, and Mastodon app registrations. */
export interface AuthFlowsRepo {
  saveFlow(stateHash: string, flow: AuthFlow, now: number, expiresAt: number): Promise<void>;
  /** Removes and returns the flow for a state: a state works once, and only before it expires. */
  takeFlow(stateHash: string, now: number): Promise<AuthFlow | 'expired' | undefined>;
  saveHandoff(grantHash: string, accountId: number, handoffHash: string, now: number, expiresAt: number): Promise<void>;
  /** Removes and returns a redirect hand-over: it works once, before it expires. */
  takeHandoff(grantHash: string, now: number): Promise<{ accountId: number; handoffHash: string } | undefined>;
  mastodonApp(instance: string, redirectUri: string): Promise<MastodonApp | undefined>;
  /** Keeps the first registration when two sign-ins raced to register. */
  saveMastodonApp(instance: string, redirectUri: string, app: MastodonApp, now: number): Promise<MastodonApp>;
}

// ── Feeds, imports and exports ──────────────────────────────────────────────

export interface FeedRepo {
  /** The latest approved comments of a page or a whole site, for Atom feeds. */
  latest(siteId: string, page: string | undefined, limit: number): Promise<FeedEntry[]>;
}

export interface KnownKeyQuery {
  site: string;
  source: string;
  /** The blog or forum `key` is unique in ('' when the file does not say). */
  origin: string;
  key: string;
  page: string;
  id: number | null;
  createdAt: number | null;
}

/** Imports: batched writes keyed by the source's own ids, so running an import twice adds nothing. */
export interface ImportRepo {
  startRun(q: { site: string; source: string; file: string; fingerprint: string; now: number; maxDepth: number }): Promise<RunState>;
  /** The last run that completed the very same import (file contents and options), if any. */
  sameImport(fingerprint: string): Promise<{ id: number; finishedAt: number; summary: string } | undefined>;
  finishRun(run: RunState, outcome: 'done' | 'failed', summary: unknown, now: number): Promise<void>;
  /**
   * For each (site, source, key): the comment it was imported as, `null` when that comment has since been
   * deleted, undefined when never imported (a Parley export's own comment also counts as present when a
   * comment with its id, page and date is there).
   */
  knownKeys(items: readonly KnownKeyQuery[]): Promise<Array<number | null | undefined>>;
  /** A site named by the file, with its settings when it is new. */
  ensureSite(run: RunState, site: string, settings: Record<string, unknown>, now: number): Promise<void>;
  /** Stores the rows whose parents are known, in one transaction, and announces the threads it changed. */
  writeBatch(run: RunState, rows: readonly ImportRow[], eager?: readonly ThreadTarget[]): Promise<BatchResult>;
  /** Takes back everything a failed run wrote: its comments, the threads it created, the counts. */
  discardRun(run: RunState): Promise<void>;
}

/** Everything, read in keyset pages so an export of any size streams in bounded memory. */
export interface ExportRepo {
  sites(): Promise<Site[]>;
  /** Threads after `afterId`: of every site, or of one site those with comments. */
  threads(afterId: number, limit: number, siteId?: string): Promise<Thread[]>;
  /** Comments after `afterId`, of every thread or of one. */
  comments(afterId: number, limit: number, threadId?: number): Promise<ExportComment[]>;
  likes(commentIds: readonly number[]): Promise<Map<number, Like[]>>;
}

// ── Mail ────────────────────────────────────────────────────────────────────

/** A message claimed for sending: everything the transport needs, and the lease that lets its sender mark it. */
export type ClaimedMail = OutgoingMail & {
  id: number;
  createdAt: number;
  /** Attempts so far, this one included. */
  attempts: number;
  leaseToken: string;
};

export interface OutboxCounts {
  queued: number;
  /** Queued and claimed by a sender right now (a live lease). */
  sending: number;
  sent: number;
  failed: number;
}

export interface FailedMail {
  id: number;
  kind: MailKind;
  recipient: string;
  subject: string;
  attempts: number;
  lastError: string;
  createdAt: number;
}

/** The outbox: a sender claims due messages with a lease; only the lease holder may mark them. */
export interface MailOutbox {
  /** Claims up to `limit` due messages for `leaseMs`. */
  claim(now: number, leaseMs: number, limit: number): Promise<ClaimedMail[]>;
  /** Records a message as sent; false when its lease had passed to another sender meanwhile. */
  markSent(mail: ClaimedMail, now: number): Promise<boolean>;
  /** Gives a message back for another attempt at `at`, or (at = null) marks it failed for good. */
  markUnsent(mail: ClaimedMail, at: number | null, error: string): Promise<void>;
  counts(now: number): Promise<OutboxCounts>;
  failed(limit: number): Promise<FailedMail[]>;
  /** Puts a failed message back in the queue with fresh attempts; false when it is not a failed message. */
  retry(id: number, now: number): Promise<boolean>;
  /** Forgets messages sent before `before`. */
  prune(before: number): Promise<number>;
}

/** Turns mail jobs into outbox messages, each step one transaction; renders the daily digests. */
export interface MailJobs {
  expand(composer: MailComposer, now: number, limit: number, onError: (job: MailJob, error: unknown) => void): Promise<number>;
  digests(composer: MailComposer, now: number, limit: number, onError: (error: unknown) => void): Promise<number>;
}

export interface MailRepo {
  /** SMTP is configured: subscriptions and mail jobs are recorded. */
  readonly enabled: boolean;
  readonly outbox: MailOutbox;
  readonly jobs: MailJobs;
  /** A subscription and its thread, for a signed link's page. */
  subscription(id: number): Promise<{ subscription: Subscription; thread: Thread } | undefined>;
  /** Starts (or re-confirms) a subscription with the reader's digest choice; undefined when it was ended. */
  confirm(id: number, digest: DigestChoice, now: number): Promise<Subscription | undefined>;
  /** Switches an active subscription between immediate mails and the daily digest; a pending digest goes out at once. */
  setDigest(id: number, digest: DigestChoice, now: number): Promise<Subscription | undefined>;
  /** Ends a subscription and drops its undelivered digest; false when it had already ended. */
  unsubscribe(id: number): Promise<boolean>;
}

// ── Counts shared by every server ────────────────────────────────────────────

/**
 * Counts every Parley process on the database shares, so rate limits and
 * sign-in locks hold for the site rather than per process (PostgreSQL). Kept
 * apart from the site's data: losing them (a crash) only forgets some recent hits.
 */
export interface SharedCounters {
  /** Adds one to `key` in the window that started at `windowStart` (an older window starts over at 1) and returns the count; the row may go at `expiresAt`. */
  hit(key: string, windowStart: number, expiresAt: number): Promise<number>;
  /** Holds `key` until `until` (a lock). */
  hold(key: string, until: number): Promise<void>;
  /** When `key`'s hold ends; 0 when it is not held at `now`. */
  heldUntil(key: string, now: number): Promise<number>;
  clear(key: string): Promise<void>;
}

// ── All of it ───────────────────────────────────────────────────────────────

export interface RepoOptions {
  /** SMTP is configured: subscriptions and mail jobs are recorded (mail-repo.ts). */
  mail?: boolean;
}

/** Every repository over one database, and the feed of what they change. */
export interface Repos {
  readonly engine: 'sqlite' | 'postgres';
  readonly changes: ChangeFeed;
  readonly comments: CommentsRepo;
  readonly sites: SitesRepo;
  readonly audit: AuditRepo;
  readonly moderators: ModeratorsRepo;
  readonly members: MembersRepo;
  readonly moderation: ModerationRepo;
  readonly mail: MailRepo;
  readonly queue: ModerationQueue;
  readonly bans: BansRepo;
  readonly accounts: AccountsRepo;
  readonly authFlows: AuthFlowsRepo;
  readonly feed: FeedRepo;
  readonly imports: ImportRepo;
  readonly exports: ExportRepo;
  readonly threadMeta: ThreadMetaRepo;
  /**
   * Null on SQLite: one server per database file (server/db/server-lock.ts),
   * so each process's own counts are the site's.
   */
  readonly sharedCounters: SharedCounters | null;
  /**
   * Changes when another connection or process committed a write this one did not announce:
   * caches must then forget. Synchronous and cheap: read on every cached answer.
   */
  externalVersion(): number;
  /** Releases the database (connections, listeners). */
  close(): Promise<void>;
}
