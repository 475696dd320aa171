/**
 * The storage interface: every operation the server asks of its database, one
 * interface per repository, each method one unit of work returning a promise.
 * SQLite (server/db/…, the default) and PostgreSQL (server/db/pg/…) implement
 * it; the contract tests run against both. Nothing above `server/db/` sees a row
 * or a driver. The repositories' interfaces are in server/db/types/, by area;
 * this file gathers them into `Repos`.
 */
import type { ChangeFeed } from './changes.ts';
import type { CommentsRepo } from './types/threads.ts';
import type { SitesRepo } from './types/sites.ts';
import type { AuditRepo, BansRepo, MembersRepo, ModerationQueue, ModerationRepo, ModeratorsRepo, PinsRepo, ThreadMetaRepo } from './types/moderation.ts';
import type { AccountsRepo, AuthFlowsRepo, EmailSignInsRepo } from './types/accounts.ts';
import type { ExportRepo, FeedRepo, ImportRepo } from './types/data.ts';
import type { MailRepo } from './types/mail.ts';
import type { WebhookOutbox } from './types/webhooks.ts';

export type * from './domain.ts';
export type { SiteSettings } from './settings.ts';
export type { BatchResult, ImportRow, ParentRow, RunState, ThreadTarget } from './import-types.ts';
export * from './types/threads.ts';
export * from './types/sites.ts';
export * from './types/moderation.ts';
export * from './types/accounts.ts';
export * from './types/data.ts';
export * from './types/mail.ts';
export * from './types/webhooks.ts';

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
  readonly pins: PinsRepo;
  readonly mail: MailRepo;
  readonly queue: ModerationQueue;
  readonly bans: BansRepo;
  readonly accounts: AccountsRepo;
  readonly authFlows: AuthFlowsRepo;
  readonly emailSignIns: EmailSignInsRepo;
  readonly feed: FeedRepo;
  readonly imports: ImportRepo;
  readonly exports: ExportRepo;
  readonly threadMeta: ThreadMetaRepo;
  /** Deliveries of events to the owner's webhooks (WEBHOOK_URLS). */
  readonly webhooks: WebhookOutbox;
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
