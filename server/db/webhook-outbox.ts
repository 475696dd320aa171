import type { Db } from './open.ts';
import type { ClaimedWebhookDelivery, WebhookCounts, WebhookDelivery, WebhookFormat, WebhookOutbox, WebhookState } from './types.ts';
import { randomToken } from '../lib/tokens.ts';
import { createWebhookHooks, toRecordedEvent, type WebhookEventRow, type WebhookHooks } from './webhook-events.ts';

/** A webhook_deliveries row, as both engines read it. */
export interface WebhookRow {
  id: number;
  delivery_id: string;
  dedupe_key: string | null;
  url: string;
  format: WebhookFormat;
  event: string;
  payload: string;
  state: WebhookState;
  attempts: number;
  next_attempt_at: number;
  lease_token: string | null;
  last_status: number;
  last_error: string;
  created_at: number;
  sent_at: number | null;
}

export const toClaimedDelivery = (row: WebhookRow): ClaimedWebhookDelivery => ({
  id: row.id,
  deliveryId: row.delivery_id,
  dedupeKey: row.dedupe_key,
  url: row.url,
  format: row.format,
  event: row.event,
  payload: row.payload,
  attempts: row.attempts,
  createdAt: row.created_at,
  leaseToken: row.lease_token ?? '',
});

export const toDelivery = (row: WebhookRow): WebhookDelivery => ({
  id: row.id,
  deliveryId: row.delivery_id,
  url: row.url,
  format: row.format,
  event: row.event,
  state: row.state,
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  nextAttemptAt: row.next_attempt_at,
});

/** The columns the admin view lists: everything but the payload. */
export const LISTED = 'id, delivery_id, dedupe_key, url, format, event, state, attempts, next_attempt_at, last_status, last_error, created_at, sent_at';

/**
 * The webhook outbox on SQLite, drained like the mail outbox: a sender claims
 * due rows with a lease (a random token and a time); only the holder of the
 * token may mark the row, and a row whose lease ran out is claimed again and
 * sent with the same delivery id. Its `hooks` record events in the writes that
 * cause them (webhook-events.ts), once `startRecording()` was called.
 */
export function createWebhookOutbox(db: Db): WebhookOutbox & { hooks: WebhookHooks } {
  let recording = false;
  const insert = db.prepare(`INSERT OR IGNORE INTO webhook_deliveries
    (delivery_id, dedupe_key, url, format, event, payload, state, next_attempt_at, created_at)
    VALUES (@deliveryId, @dedupeKey, @url, @format, @event, @payload, 'queued', @now, @now)`);
  const recorded = db.prepare<[number], WebhookEventRow>('SELECT * FROM webhook_events ORDER BY id LIMIT ?');
  const forget = db.prepare('DELETE FROM webhook_events WHERE id = ?');
  const enqueue = db.transaction((rows: Array<Record<string, unknown>>, events: readonly number[]) => {
    for (const id of events) forget.run(id);
    return rows.reduce((added, row) => added + insert.run(row).changes, 0);
  });
  const DUE = `state = 'queued' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)`;
  const anyDue = db.prepare<Record<string, unknown>, number>(`SELECT 1 FROM webhook_deliveries WHERE ${DUE} LIMIT 1`).pluck();
  const claim = db.prepare<Record<string, unknown>, WebhookRow>(`UPDATE webhook_deliveries
    SET lease_token = @token, lease_until = @until, attempts = attempts + 1
    WHERE id IN (SELECT id FROM webhook_deliveries WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT @limit)
    RETURNING *`);
  const sent = db.prepare(`UPDATE webhook_deliveries SET state = 'sent', sent_at = @now, last_status = @status, last_error = '',
    lease_token = NULL, lease_until = NULL WHERE id = @id AND lease_token = @token`);
  const markSent = db.transaction((delivered: ReadonlyArray<{ delivery: ClaimedWebhookDelivery; status: number }>, now: number) =>
    delivered.reduce((n, { delivery, status }) => n + sent.run({ id: delivery.id, token: delivery.leaseToken, status, now }).changes, 0),
  );
  const retry = db.prepare(`UPDATE webhook_deliveries SET next_attempt_at = @at, last_status = @status, last_error = @error,
    lease_token = NULL, lease_until = NULL WHERE id = @id AND lease_token = @token`);
  const failed = db.prepare(`UPDATE webhook_deliveries SET state = 'failed', last_status = @status, last_error = @error,
    lease_token = NULL, lease_until = NULL WHERE id = @id AND lease_token = @token`);
  const list = db.prepare<Record<string, unknown>, WebhookRow>(
    `SELECT ${LISTED} FROM webhook_deliveries WHERE (@state IS NULL OR state = @state) ORDER BY id DESC LIMIT @limit`,
  );
  const counts = db.prepare<[], WebhookCounts>(`SELECT coalesce(sum(state = 'queued'), 0) AS queued,
    coalesce(sum(state = 'sent'), 0) AS sent, coalesce(sum(state = 'failed'), 0) AS failed FROM webhook_deliveries`);
  const requeue = db.prepare(`UPDATE webhook_deliveries SET state = 'queued', attempts = 0, next_attempt_at = ?, last_error = ''
    WHERE id = ? AND state = 'failed'`);
  const prune = db.prepare(`DELETE FROM webhook_deliveries WHERE state = 'sent' AND sent_at < ?`);

  return {
    hooks: createWebhookHooks(db, () => recording),

    startRecording() {
      recording = true;
    },

    async recordedEvents(limit) {
      return recorded.all(limit).map(toRecordedEvent);
    },

    async enqueue(deliveries, now, fromEvents = []) {
      return enqueue(
        deliveries.map((d) => ({ ...d, now })),
        fromEvents,
      );
    },

    async claim(now, leaseMs, limit) {
      // Looking first keeps an idle sender from taking the write lock on every poll.
      if (!anyDue.get({ now })) return [];
      return claim.all({ token: randomToken(12), until: now + leaseMs, now, limit }).map(toClaimedDelivery);
    },

    async markSent(delivered, now) {
      return markSent(delivered, now);
    },

    async markUnsent(delivery, at, status, error) {
      const params = { id: delivery.id, token: delivery.leaseToken, status, error: error.slice(0, 500) };
      if (at === null) failed.run(params);
      else retry.run({ ...params, at });
    },

    async list(filter) {
      return list.all({ state: filter.state ?? null, limit: filter.limit }).map(toDelivery);
    },

    async counts() {
      return counts.get()!;
    },

    async retry(id, now) {
      return requeue.run(now, id).changes > 0;
    },

    async prune(before) {
      return prune.run(before).changes;
    },
  };
}
