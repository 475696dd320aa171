import type { Migration } from '../migrations.ts';

/**
 * Webhook events, written in the transaction of the write that causes them (a new, held,
 * approved, spammed, reported or deleted comment), as mail jobs are: a server that stops right
 * after answering loses none. The background recorder turns each into one delivery per target
 * (webhook_deliveries) and deletes it, in one transaction. No foreign key: a deleted comment's
 * event outlives its row. AUTOINCREMENT: an id is never handed out twice (it keys the deliveries).
 */
export const webhookEvents: Migration = {
  name: 'webhook-events',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        event      TEXT NOT NULL,
        comment_id INTEGER NOT NULL,
        site_id    TEXT NOT NULL,
        page       TEXT NOT NULL,
        status     TEXT
      ) STRICT;
    `);
  },
};
