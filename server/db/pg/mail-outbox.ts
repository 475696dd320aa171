import type { OutgoingMail } from '../../mail/types.ts';
import type { MailKind } from '../../mail/types.ts';
import type { MailOutbox, OutboxCounts } from '../types.ts';
import { outboxValues, toClaimed, type OutboxRow } from '../mail-outbox.ts';
import { randomToken } from '../../lib/tokens.ts';
import { run, type PgDatabase, type Queryable } from './database.ts';

export interface PgOutboxWriter {
  /** Queues a message inside the caller's transaction; false when its dedupe key was queued before. */
  add(tx: Queryable, mail: OutgoingMail, dedupeKey: string, now: number): Promise<boolean>;
}

const DUE = `state = 'queued' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)`;

/**
 * The outbox on PostgreSQL. Claiming takes due rows with `FOR UPDATE SKIP
 * LOCKED`: several servers drain one outbox, each message goes to one of them.
 */
export function createPgMailOutbox(db: PgDatabase): MailOutbox & PgOutboxWriter {
  return {
    async add(tx, mail, dedupeKey, now) {
      const v = outboxValues(mail, dedupeKey, now);
      return (
        (await run(
          tx,
          `INSERT INTO mail_outbox
        (message_id, dedupe_key, kind, recipient, subject, body, state, next_attempt_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7) ON CONFLICT DO NOTHING`,
          [v.messageId, v.dedupeKey, v.kind, v.recipient, v.subject, v.body, v.now],
        )) > 0
      );
    },

    async claim(now, leaseMs, limit) {
      if (!(await db.one(`SELECT 1 FROM mail_outbox WHERE ${DUE} LIMIT 1`, [now]))) return [];
      const rows = await db.rows<OutboxRow>(
        `UPDATE mail_outbox SET lease_token = $2, lease_until = $3, attempts = attempts + 1
        WHERE id IN (SELECT id FROM mail_outbox WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING id, message_id, kind, recipient, subject, body, attempts, created_at, lease_token`,
        [now, randomToken(12), now + leaseMs, limit],
      );
      return rows.sort((a, b) => a.id - b.id).map(toClaimed);
    },

    async markSent(mail, now) {
      return (
        (await run(
          db,
          `UPDATE mail_outbox SET state = 'sent', sent_at = $3, lease_token = NULL, lease_until = NULL, last_error = ''
        WHERE id = $1 AND lease_token = $2`,
          [mail.id, mail.leaseToken, now],
        )) > 0
      );
    },

    async markUnsent(mail, at, error) {
      const message = error.slice(0, 500);
      if (at === null) {
        await db.query(
          `UPDATE mail_outbox SET state = 'failed', lease_token = NULL, lease_until = NULL, last_error = $3
          WHERE id = $1 AND lease_token = $2`,
          [mail.id, mail.leaseToken, message],
        );
      } else {
        await db.query(
          `UPDATE mail_outbox SET next_attempt_at = $4, lease_token = NULL, lease_until = NULL, last_error = $3
          WHERE id = $1 AND lease_token = $2`,
          [mail.id, mail.leaseToken, message, at],
        );
      }
    },

    async counts(now) {
      return (await db.one<OutboxCounts>(
        `SELECT
          count(*) FILTER (WHERE state = 'queued' AND (lease_until IS NULL OR lease_until <= $1)) AS queued,
          count(*) FILTER (WHERE state = 'queued' AND lease_until > $1) AS sending,
          count(*) FILTER (WHERE state = 'sent') AS sent,
          count(*) FILTER (WHERE state = 'failed') AS failed
        FROM mail_outbox`,
        [now],
      ))!;
    },

    async failed(limit) {
      const rows = await db.rows<{ id: number; kind: MailKind; recipient: string; subject: string; attempts: number; last_error: string; created_at: number }>(
        `SELECT id, kind, recipient, subject, attempts, last_error, created_at FROM mail_outbox WHERE state = 'failed' ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        subject: row.subject,
        attempts: row.attempts,
        lastError: row.last_error,
        createdAt: row.created_at,
      }));
    },

    async retry(id, now) {
      return (
        (await run(db, `UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = $2, last_error = '' WHERE id = $1 AND state = 'failed'`, [
          id,
          now,
        ])) > 0
      );
    },

    async prune(before) {
      return run(db, `DELETE FROM mail_outbox WHERE state = 'sent' AND sent_at < $1`, [before]);
    },
  };
}
