import type { Migration } from '../migrations.ts';

/**
 * Webhooks (issue 13): the outbox of deliveries to the owner's receivers and chat services.
 * One row per event and target, with its delivery id (a UUID, the same on every attempt),
 * the event's payload, leases, attempts and back-off, like the mail outbox.
 */
export const webhooks: Migration = {
  name: 'webhooks',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_deliveries (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        delivery_id     TEXT NOT NULL UNIQUE,
        dedupe_key      TEXT UNIQUE,
        url             TEXT NOT NULL,
        format          TEXT NOT NULL CHECK (format IN ('json', 'slack', 'discord', 'matrix')),
        event           TEXT NOT NULL,
        payload         TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_token     TEXT,
        lease_until     INTEGER,
        last_status     INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT NOT NULL DEFAULT '',
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER
      ) STRICT;
      CREATE INDEX webhook_deliveries_due    ON webhook_deliveries (next_attempt_at) WHERE state = 'queued';
      CREATE INDEX webhook_deliveries_failed ON webhook_deliveries (id) WHERE state = 'failed';
      CREATE INDEX webhook_deliveries_sent   ON webhook_deliveries (sent_at) WHERE state = 'sent';
    `);
  },
};
