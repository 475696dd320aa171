import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { migrate, migrations, schemaVersion, type Migration } from './migrations.ts';
import { openDatabase } from './open.ts';

describe('migrations', () => {
  test('a fresh database replays every step and records the version', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['comments', 'likes', 'meta', 'sites', 'threads']));
  });

  test('a database at an older version gets only the missing steps, keeping its rows', () => {
    const db = new Database(':memory:');
    const first: Migration = { name: 'one', up: (d) => d.exec('CREATE TABLE t (x INTEGER)') };
    const second: Migration = { name: 'two', up: (d) => d.exec('ALTER TABLE t ADD COLUMN y INTEGER DEFAULT 7') };
    migrate(db, [first]);
    db.prepare('INSERT INTO t (x) VALUES (1)').run();
    expect(migrate(db, [first, second])).toBe(2);
    expect(db.prepare('SELECT x, y FROM t').get()).toEqual({ x: 1, y: 7 });
  });

  test('a failing step rolls back with its version bump', () => {
    const db = new Database(':memory:');
    const ok: Migration = { name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') };
    const bad: Migration = {
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [ok, bad])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  test('a database newer than this Parley is refused', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(/newer than this Parley/);
  });
});

describe('002-accounts', () => {
  test('a database at version 1 with comments gains accounts, sessions and the provider mark, keeping its rows', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    db.prepare("INSERT INTO sites (id, created_at) VALUES ('default', 0)").run();
    db.prepare("INSERT INTO threads (site_id, page, created_at) VALUES ('default', '/a/', 0)").run();
    db.prepare("INSERT INTO comments (thread_id, root_id, depth, status, text, html, created_at) VALUES (1, 1, 1, 'approved', 'x', '<p>x</p>', 0)").run();
    expect(migrate(db)).toBe(migrations.length);
    expect(db.prepare('SELECT text, author_provider FROM comments').get()).toEqual({ text: 'x', author_provider: '' });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'sessions', 'auth_flows', 'auth_handoffs', 'mastodon_apps']));
  });
});
