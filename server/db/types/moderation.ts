/** The storage interface (server/db/types.ts), part: Moderation: the audit log, moderators, members' names, status changes and undo, the queue and bans. */
import type { AuditActor, AuditRecord, Ban, BanKind, Comment, CommentStatus, Moderator, ModeratorAccount, QueueItem, Thread } from '../domain.ts';

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

/** A pin or unpin: the comment as it is now, or why not (no such comment, a reply, not approved, MAX_PINNED already). */
export type PinResult = { ok: true; comment: Comment; changed: boolean } | { ok: false; refusal: 'unknown' | 'not_top_level' | 'not_approved' | 'too_many' };

/** Pinned comments (issue 13, item 3): a moderator's pin puts a top-level comment first in its thread, in every sort. */
export interface PinsRepo {
  /** Pins (`pinned`) or unpins a comment, audited in the same transaction; a thread holds MAX_PINNED pins at most. */
  setPinned(id: number, pinned: boolean, by: Moderator, now: number): Promise<PinResult>;
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
  /** The held (pending) comments of one thread, oldest first, `limit` at most: a moderator sees them inline in the widget. */
  heldInThread(siteId: string, page: string, limit: number): Promise<QueueItem[]>;
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
