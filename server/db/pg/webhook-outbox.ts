import type { WebhookCounts, WebhookEvent, WebhookOutbox } from '../types.ts';
import { LISTED, toClaimedDelivery, toDelivery, type WebhookRow } from '../webhook-outbox.ts';
import { postedEvent, statusEvent, toRecordedEvent, type WebhookEventRow } from '../webhook-events.ts';
import { randomToken } from '../../lib/tokens.ts';
import { run, type PgClient, type PgDatabase } from './database.ts';
import type { PgCommentHooks } from './comments-repo.ts';
import type { PgModerationHooks } from './moderation-repo.ts';

type PgWebhookHooks = Pick<Required<PgCommentHooks>, 'afterPost' | 'afterDelete'> & Required<PgModerationHooks>;

const DUE = `state = 'queued' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)`;

/**
 * The webhook outbox on PostgreSQL. Claiming takes due rows with `FOR UPDATE
 * SKIP LOCKED`: several servers drain one outbox, each delivery goes to one of them.
 * Its `hooks` record events in the writes that cause them, as on SQLite
 * (server/db/webhook-events.ts): one insert in the write's transaction.
 */
export function createPgWebhookOutbox(db: PgDatabase): WebhookOutbox & { hooks: PgWebhookHooks } {
  let recording = false;
  const record = async (tx: PgClient, event: WebhookEvent | null, commentId: number, where: { siteId: string; page: string }, status: string | null) => {
    if (!event || !recording) return;
    await tx.query('INSERT INTO webhook_events (event, comment_id, site_id, page, status) VALUES ($1, $2, $3, $4, $5)', [
      event,
      commentId,
      where.siteId,
      where.page,
      status,
    ]);
  };

  return {
    hooks: {
      afterPost: (tx, comment, thread) => record(tx, postedEvent(comment.status), comment.id, thread, comment.status),
      afterStatus: (tx, before, status, thread) => record(tx, statusEvent(status), before.id, thread, status),
      afterDelete: (tx, before, thread) => record(tx, 'comment.deleted', before.id, thread, null),
      // A report leaves the status as it is: the event keeps it as it was then (a moderator may act before it is delivered).
      afterReport: async (tx, commentId, thread) => {
        if (!recording) return;
        const row = await tx.query<{ status: string }>('SELECT status FROM comments WHERE id = $1', [commentId]);
        await record(tx, 'comment.reported', commentId, thread, row.rows[0]?.status ?? null);
      },
    },

    startRecording() {
      recording = true;
    },

    async recordedEvents(limit) {
      return (await db.rows<WebhookEventRow>('SELECT * FROM webhook_events ORDER BY id LIMIT $1', [limit])).map(toRecordedEvent);
    },

    async enqueue(deliveries, now, fromEvents = []) {
      if (!deliveries.length && !fromEvents.length) return 0;
      return db.transaction(async (tx) => {
        if (fromEvents.length) await run(tx, 'DELETE FROM webhook_events WHERE id = ANY($1::bigint[])', [[...fromEvents]]);
        let added = 0;
        for (const d of deliveries) {
          added += await run(
            tx,
            `INSERT INTO webhook_deliveries (delivery_id, dedupe_key, url, format, event, payload, state, next_attempt_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7) ON CONFLICT DO NOTHING`,
            [d.deliveryId, d.dedupeKey, d.url, d.format, d.event, d.payload, now],
          );
        }
        return added;
      });
    },

    async claim(now, leaseMs, limit) {
      if (!(await db.one(`SELECT 1 FROM webhook_deliveries WHERE ${DUE} LIMIT 1`, [now]))) return [];
      const rows = await db.rows<WebhookRow>(
        `UPDATE webhook_deliveries SET lease_token = $2, lease_until = $3, attempts = attempts + 1
        WHERE id IN (SELECT id FROM webhook_deliveries WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
        [now, randomToken(12), now + leaseMs, limit],
      );
      return rows.sort((a, b) => a.id - b.id).map(toClaimedDelivery);
    },

    async markSent(delivered, now) {
      if (!delivered.length) return 0;
      return run(
        db,
        `UPDATE webhook_deliveries d SET state = 'sent', sent_at = $4, last_status = s.status, last_error = '', lease_token = NULL, lease_until = NULL
        FROM unnest($1::bigint[], $2::text[], $3::int[]) AS s(id, token, status)
        WHERE d.id = s.id AND d.lease_token = s.token`,
        [delivered.map((d) => d.delivery.id), delivered.map((d) => d.delivery.leaseToken), delivered.map((d) => d.status), now],
      );
    },

    async markUnsent(delivery, at, status, error) {
      const values = [delivery.id, delivery.leaseToken, status, error.slice(0, 500)];
      if (at === null) {
        await db.query(
          `UPDATE webhook_deliveries SET state = 'failed', last_status = $3, last_error = $4, lease_token = NULL, lease_until = NULL
          WHERE id = $1 AND lease_token = $2`,
          values,
        );
      } else {
        await db.query(
          `UPDATE webhook_deliveries SET next_attempt_at = $5, last_status = $3, last_error = $4, lease_token = NULL, lease_until = NULL
          WHERE id = $1 AND lease_token = $2`,
          [...values, at],
        );
      }
    },

    async list(filter) {
      const rows = await db.rows<WebhookRow>(`SELECT ${LISTED} FROM webhook_deliveries WHERE ($1::text IS NULL OR state = $1) ORDER BY id DESC LIMIT $2`, [
        filter.state ?? null,
        filter.limit,
      ]);
      return rows.map(toDelivery);
    },

    async counts() {
      return (await db.one<WebhookCounts>(
        `SELECT count(*) FILTER (WHERE state = 'queued') AS queued, count(*) FILTER (WHERE state = 'sent') AS sent,
          count(*) FILTER (WHERE state = 'failed') AS failed FROM webhook_deliveries`,
      ))!;
    },

    async retry(id, now) {
      const changed = await run(
        db,
        `UPDATE webhook_deliveries SET state = 'queued', attempts = 0, next_attempt_at = $2, last_error = '' WHERE id = $1 AND state = 'failed'`,
        [id, now],
      );
      return changed > 0;
    },

    async prune(before) {
      return run(db, `DELETE FROM webhook_deliveries WHERE state = 'sent' AND sent_at < $1`, [before]);
    },
  };
}
