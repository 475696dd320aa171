import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, migrations, schemaVersion } from './migrations.ts';
import { core } from './migrations/001-core.ts';
import { accounts } from './migrations/002-accounts.ts';
import { moderation } from './migrations/003-moderation.ts';

describe('the mail migration', () => {
  test('adds its tables to a database made before it, keeping its rows', () => {
    const db = new Database(':memory:');
    migrate(db, [core, accounts, moderation]);
    db.prepare("INSERT INTO sites (id, created_at) VALUES ('default', 1)").run();
    db.prepare("INSERT INTO threads (site_id, page, created_at) VALUES ('default', '/p/', 1)").run();
    expect(migrate(db)).toBe(migrations.length);
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['mail_subscriptions', 'mail_jobs', 'mail_outbox', 'mail_digest_items']));
    expect(db.prepare('SELECT page FROM threads').pluck().all()).toEqual(['/p/']);
  });
});
