import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './open.ts';
import { createRepos, EXTERNAL_VERSION_MS } from './repos.ts';
import { tempDir } from '../../tests/helpers/server.ts';

const dir = tempDir('parley-read-caches-');
afterAll(() => dir.cleanup());

const settle = () => new Promise((resolve) => setTimeout(resolve, EXTERNAL_VERSION_MS + 20));

/** A site's rules and the ban check are read on every post and kept in memory: what changes them must show. */
describe('what every post reads, kept in memory', () => {
  const path = join(dir.path, 'caches.db');
  const db = openDatabase(path);
  const repos = createRepos(db);
  const other = new Database(path);
  afterAll(() => {
    other.close();
    db.close();
  });

  test("a site's rules: a save here shows at once, another process's change within the version interval", async () => {
    db.prepare("INSERT INTO sites (id, created_at) VALUES ('default', 0)").run();
    expect((await repos.sites.settings('default')).holdLinks).toBe(2);
    const mod = await repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: 'scrypt$x', now: 0 });
    await repos.sites.saveSettings('default', { holdLinks: 5 }, 1, mod);
    expect((await repos.sites.settings('default')).holdLinks).toBe(5);
    // Kept, not read again: a write on this very connection behind the repository's back (the server makes none) goes unseen.
    db.prepare("UPDATE sites SET settings = json_set(settings, '$.holdLinks', 6) WHERE id = 'default'").run();
    expect((await repos.sites.settings('default')).holdLinks).toBe(5);

    other.prepare("UPDATE sites SET settings = json_set(settings, '$.holdLinks', 7) WHERE id = 'default'").run();
    await settle();
    expect((await repos.sites.settings('default')).holdLinks).toBe(7);
  });

  test('a site without a row is not remembered: the row a later write makes is read', async () => {
    expect((await repos.sites.settings('later')).holdLinks).toBe(2);
    db.prepare(`INSERT INTO sites (id, settings, created_at) VALUES ('later', '{"holdLinks":9}', 0)`).run();
    expect((await repos.sites.settings('later')).holdLinks).toBe(9);
  });

  test('bans: none known is remembered; a ban here counts at once, one from another process within the interval', async () => {
    const who = { accountId: null, email: 'troll@example.com', ip: '203.0.113.9' };
    expect(await repos.bans.activeBan(who, 10)).toBeUndefined();
    const mod = await repos.moderators.create({ email: 'mo2@example.com', name: 'Mo', passwordHash: 'scrypt$x', now: 0 });
    await repos.bans.ban({ kind: 'ip', value: '203.0.113.9', reason: 'spam', expiresAt: null, commentId: null }, mod, 10);
    expect(await repos.bans.activeBan(who, 11)).toMatchObject({ kind: 'ip' });

    db.prepare('DELETE FROM bans').run();
    expect(await repos.bans.activeBan(who, 12)).toBeUndefined();
    // Known empty now: a ban written behind the repository's back on this connection is not looked for.
    db.prepare("INSERT INTO bans (kind, value, reason, created_at) VALUES ('ip', '203.0.113.9', 'hidden', 12)").run();
    expect(await repos.bans.activeBan(who, 12)).toBeUndefined();
    db.prepare('DELETE FROM bans').run();
    other.prepare("INSERT INTO bans (kind, value, reason, created_at) VALUES ('email', 'troll@example.com', 'again', 13)").run();
    await settle();
    expect(await repos.bans.activeBan(who, 14)).toMatchObject({ kind: 'email', reason: 'again' });
  });
});
