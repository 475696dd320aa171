/** The storage interface (server/db/types.ts), part: Mail: subscriptions, the outbox and the jobs that fill it. */
import type { DigestChoice, MailJob, Subscription, Thread } from '../domain.ts';
import type { MailComposer, MailKind, OutgoingMail } from '../../mail/types.ts';

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
