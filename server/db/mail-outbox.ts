import type { Db } from './open.ts';
import type { MailAddress } from '../mail/mail-config.ts';
import type { MailKind, OutgoingMail } from '../mail/types.ts';
import type { ClaimedMail, MailOutbox, OutboxCounts } from './types.ts';
import { randomToken } from '../lib/tokens.ts';

export interface OutboxRow {
  id: number;
  message_id: string;
  kind: MailKind;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  created_at: number;
  lease_token: string;
}

/**
 * The outbox: rendered messages waiting to be sent. A sender claims due rows
 * with a lease (a random token and a time); only the holder of the token may
 * mark the row sent or failed, and a row whose lease ran out (its sender died)
 * is claimed again and sent with the same Message-ID.
 */
export function createMailOutbox(db: Db): MailOutbox & OutboxWriter {
  const insert = db.prepare(`INSERT OR IGNORE INTO mail_outbox
    (message_id, dedupe_key, kind, recipient, subject, body, state, next_attempt_at, created_at)
    VALUES (@messageId, @dedupeKey, @kind, @recipient, @subject, @body, 'queued', @now, @now)`);
  const DUE = `state = 'queued' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)`;
  const anyDue = db.prepare<Record<string, unknown>, number>(`SELECT 1 FROM mail_outbox WHERE ${DUE} LIMIT 1`).pluck();
  const claim = db.prepare<Record<string, unknown>, OutboxRow>(`UPDATE mail_outbox
    SET lease_token = @token, lease_until = @until, attempts = attempts + 1
    WHERE id IN (SELECT id FROM mail_outbox WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT @limit)
    RETURNING id, message_id, kind, recipient, subject, body, attempts, created_at, lease_token`);
  const sent = db.prepare(`UPDATE mail_outbox SET state = 'sent', sent_at = @now, lease_token = NULL, lease_until = NULL, last_error = ''
    WHERE id = @id AND lease_token = @token`);
  const retry = db.prepare(`UPDATE mail_outbox SET next_attempt_at = @at, lease_token = NULL, lease_until = NULL, last_error = @error
    WHERE id = @id AND lease_token = @token`);
  const failed = db.prepare(`UPDATE mail_outbox SET state = 'failed', lease_token = NULL, lease_until = NULL, last_error = @error
    WHERE id = @id AND lease_token = @token`);
  const counts = db.prepare<[number, number], OutboxCounts>(`SELECT
      coalesce(sum(state = 'queued' AND (lease_until IS NULL OR lease_until <= ?)), 0) AS queued,
      coalesce(sum(state = 'queued' AND lease_until > ?), 0) AS sending,
      coalesce(sum(state = 'sent'), 0) AS sent,
      coalesce(sum(state = 'failed'), 0) AS failed
    FROM mail_outbox`);
  const failedList = db.prepare<
    [number],
    { id: number; kind: MailKind; recipient: string; subject: string; attempts: number; last_error: string; created_at: number }
  >(`SELECT id, kind, recipient, subject, attempts, last_error, created_at FROM mail_outbox WHERE state = 'failed' ORDER BY id DESC LIMIT ?`);
  const requeue = db.prepare(`UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, last_error = '' WHERE id = ? AND state = 'failed'`);
  const prune = db.prepare(`DELETE FROM mail_outbox WHERE state = 'sent' AND sent_at < ?`);

  return {
    add(_tx, mail, dedupeKey, now) {
      return insert.run(outboxValues(mail, dedupeKey, now)).changes > 0;
    },

    /** Claims up to `limit` due messages for `leaseMs`. */
    async claim(now, leaseMs, limit) {
      // Looking first keeps an idle sender from taking the write lock on every poll.
      if (!anyDue.get({ now })) return [];
      const token = randomToken(12);
      return claim.all({ token, until: now + leaseMs, now, limit }).map(toClaimed);
    },

    /** Records a message as sent; false when its lease had passed to another sender meanwhile. */
    async markSent(mail, now) {
      return sent.run({ id: mail.id, token: mail.leaseToken, now }).changes > 0;
    },

    /** Gives a message back for another attempt at `at`, or (at = null) marks it failed for good. */
    async markUnsent(mail, at, error) {
      const params = { id: mail.id, token: mail.leaseToken, error: error.slice(0, 500) };
      if (at === null) failed.run(params);
      else retry.run({ ...params, at });
    },

    async counts(now) {
      return counts.get(now, now)!;
    },

    async failed(limit) {
      return failedList.all(limit).map((row) => ({
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        subject: row.subject,
        attempts: row.attempts,
        lastError: row.last_error,
        createdAt: row.created_at,
      }));
    },

    /** Puts a failed message back in the queue with fresh attempts; false when it is not a failed message. */
    async retry(id, now) {
      return requeue.run(now, id).changes > 0;
    },

    /** Forgets messages sent before `before`. */
    async prune(before) {
      return prune.run(before).changes;
    },
  };
}

/** Queues messages inside the caller's transaction (`tx`, the unit of work); false when the dedupe key was queued before. */
export interface OutboxWriter {
  add(tx: Db, mail: OutgoingMail, dedupeKey: string, now: number): boolean;
}

/** The values of an outbox row, from a rendered mail: shared by both engines. */
export function outboxValues(mail: OutgoingMail, dedupeKey: string, now: number) {
  const body = JSON.stringify({ to: mail.to, text: mail.text, html: mail.html, headers: mail.headers });
  return { messageId: mail.messageId, dedupeKey, kind: mail.kind, recipient: mail.to.address, subject: mail.subject, body, now };
}

export function toClaimed(row: OutboxRow): ClaimedMail {
  const body = JSON.parse(row.body) as { to: MailAddress; text: string; html: string; headers: Record<string, string> };
  return {
    id: row.id,
    messageId: row.message_id,
    kind: row.kind,
    subject: row.subject,
    createdAt: row.created_at,
    attempts: row.attempts,
    leaseToken: row.lease_token,
    ...body,
  };
}
