import type { WebhookCounts, WebhookOutbox } from '../types.ts';
import { LISTED, toClaimedDelivery, toDelivery, type WebhookRow } from '../webhook-outbox.ts';
import { randomToken } from '../../lib/tokens.ts';
import { run, type PgDatabase } from './database.ts';

const DUE = `state = 'queued' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)`;

/**
 * The webhook outbox on PostgreSQL. Claiming takes due rows with `FOR UPDATE
 * SKIP LOCKED`: several servers drain one outbox, each delivery goes to one of them.
 */
export function createPgWebhookOutbox(db: PgDatabase): WebhookOutbox {
  return {
    async enqueue(deliveries, now) {
      if (!deliveries.length) return 0;
      return db.transaction(async (tx) => {
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
