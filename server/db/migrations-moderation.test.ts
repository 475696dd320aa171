import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, migrations, schemaVersion } from './migrations.ts';
import { core } from './migrations/001-core.ts';

describe('the moderation migration', () => {
  test('adds its tables to a database made by the core step alone, keeping its rows', () => {
    const db = new Database(':memory:');
    migrate(db, [core]);
    db.prepare("INSERT INTO sites (id, created_at) VALUES ('default', 1)").run();
    db.prepare("INSERT INTO threads (site_id, page, created_at) VALUES ('default', '/p/', 1)").run();
    expect(migrate(db)).toBe(migrations.length);
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['moderators', 'admin_sessions', 'reports', 'bans', 'audit_log', 'comment_moderation']));
    expect(db.prepare('SELECT page, published_at FROM threads').get()).toEqual({ page: '/p/', published_at: null });
  });
});
