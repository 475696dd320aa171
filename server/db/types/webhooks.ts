/** The storage interface (server/db/types.ts), part: Webhooks: the outbox of deliveries to chat services and receivers. */

export type WebhookFormat = 'json' | 'slack' | 'discord' | 'matrix';
export type WebhookState = 'queued' | 'sent' | 'failed';
export type WebhookEvent = 'comment.created' | 'comment.held' | 'comment.approved' | 'comment.spam' | 'comment.reported' | 'comment.deleted';

/**
 * An event as the write that caused it recorded it, in its own transaction (webhook-events.ts):
 * waiting to become one delivery per target.
 */
export interface RecordedWebhookEvent {
  id: number;
  event: WebhookEvent;
  commentId: number;
  siteId: string;
  page: string;
  /** The comment's status just after the write; null for a deletion. */
  status: string | null;
}

/** A delivery to record: one event for one target. */
export interface NewWebhookDelivery {
  /** Unique for good (a UUID): the receiver's X-Parley-Delivery, the same on every attempt. */
  deliveryId: string;
  /** A delivery recorded twice (the same event, or a once-per-comment event such as a report, again) is ignored the second time. */
  dedupeKey: string | null;
  url: string;
  format: WebhookFormat;
  event: string;
  /** The event's JSON payload, as the JSON format sends it. */
  payload: string;
}

/** A delivery claimed for sending, with the lease that lets its sender mark it. */
export interface ClaimedWebhookDelivery extends NewWebhookDelivery {
  id: number;
  /** Attempts so far, this one included. */
  attempts: number;
  createdAt: number;
  leaseToken: string;
}

/** A delivery as the admin view lists it (never the payload's text: it is in the receiver's hands). */
export interface WebhookDelivery {
  id: number;
  deliveryId: string;
  url: string;
  format: WebhookFormat;
  event: string;
  state: WebhookState;
  attempts: number;
  /** The receiver's last HTTP status; 0 when it never answered. */
  lastStatus: number;
  lastError: string;
  createdAt: number;
  sentAt: number | null;
  nextAttemptAt: number;
}

export interface WebhookCounts {
  queued: number;
  sent: number;
  failed: number;
}

/** The webhook outbox: recorded deliveries, claimed with a lease by a sender, retried with back-off. */
export interface WebhookOutbox {
  /**
   * From now on, the writes that cause events (a new, held, approved, spammed, reported or deleted
   * comment) record them in their own transactions. Webhooks' start-up turns it on; off, nothing is written.
   */
  startRecording(): void;
  /** The oldest recorded events not yet turned into deliveries. */
  recordedEvents(limit: number): Promise<RecordedWebhookEvent[]>;
  /**
   * Records deliveries and forgets the recorded events (ids) they were made from, in one transaction;
   * returns how many deliveries were new (a repeated dedupe key is ignored).
   */
  enqueue(deliveries: readonly NewWebhookDelivery[], now: number, fromEvents?: readonly number[]): Promise<number>;
  /** Claims up to `limit` due deliveries for `leaseMs`. */
  claim(now: number, leaseMs: number, limit: number): Promise<ClaimedWebhookDelivery[]>;
  /** Records deliveries as received, in one transaction; returns how many were still this sender's (a lease may have passed meanwhile). */
  markSent(delivered: ReadonlyArray<{ delivery: ClaimedWebhookDelivery; status: number }>, now: number): Promise<number>;
  /** Gives a delivery back for another attempt at `at`, or (at = null) marks it failed for good. */
  markUnsent(delivery: ClaimedWebhookDelivery, at: number | null, status: number, error: string): Promise<void>;
  /** The latest deliveries, newest first; `state` keeps only those in it. */
  list(filter: { state?: WebhookState; limit: number }): Promise<WebhookDelivery[]>;
  counts(): Promise<WebhookCounts>;
  /** Puts a failed delivery back in the queue with fresh attempts; false when it is not a failed delivery. */
  retry(id: number, now: number): Promise<boolean>;
  /** Forgets deliveries sent before `before`. */
  prune(before: number): Promise<number>;
}
