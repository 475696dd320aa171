import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import pg from 'pg';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/server.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createRepos } from '../../server/db/repos.ts';
import { openPostgres } from '../../server/db/pg/database.ts';
import { createPgRepos } from '../../server/db/pg/repos.ts';
import { jsonExport } from '../../server/migrate/json-export.ts';
import type { NewComment, Repos } from '../../server/db/types.ts';

/** `npm run db -- copy`: a site moves from its SQLite file to PostgreSQL and back, with everything. */
const dir = tempDir();
let admin = '';
const databases: string[] = [];

async function database(): Promise<string> {
  const name = `copy_${process.pid}_${databases.length}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  databases.push(name);
  return admin.replace(/\/postgres$/, `/${name}`);
}

const comment = (text: string, extra: Partial<NewComment> = {}): NewComment => ({
  siteId: 'default',
  page: '/moving/',
  title: 'Moving',
  parentId: null,
  status: 'approved',
  text,
  html: `<p>${text}</p>`,
  authorName: 'Ada',
  authorEmail: 'ada@example.com',
  authorUrl: '',
  avatarKey: 'k',
  accountId: null,
  isModerator: false,
  ip: '127.0.0.1',
  userAgent: 'test',
  editTokenHash: 'hash',
  notify: false,
  createdAt: 1_700_000_000_000,
  maxDepth: 5,
  ...extra,
});

/** Something in every kind of table: comments and replies, likes, a deleted id, accounts and sessions, moderation records, settings, mail. */
async function fill(repos: Repos) {
  const first = await repos.comments.postComment(comment('First'));
  const reply = await repos.comments.postComment(comment('A reply', { parentId: first.comment.id, createdAt: 1_700_000_001_000 }));
  const gone = await repos.comments.postComment(comment('Deleted later', { createdAt: 1_700_000_002_000 }));
  await repos.comments.deleteComment(gone.comment.id);
  await repos.comments.setLike(first.comment.id, 'voter-1', true, 1_700_000_003_000);
  await repos.accounts.signIn(
    { provider: 'github', providerUserId: '42', name: 'Al', email: 'al@example.com', url: '', avatarUrl: '', avatarKey: 'av' },
    { tokenHash: 'session-hash', now: 1_700_000_000_000, expiresAt: 1_900_000_000_000 },
  );
  const mod = await repos.moderators.create({ email: 'mo@example.com', name: 'Mo', passwordHash: 'scrypt$x', now: 1_700_000_000_000 });
  await repos.moderators.startSession(mod.id, 'admin-hash', 1_700_000_000_000, 1_900_000_000_000);
  await repos.moderation.report(reply.comment.id, 'ip:1.2.3.4', 'rude', 1_700_000_004_000);
  await repos.bans.ban({ kind: 'email', value: 'spam@example.com', reason: 'spam', expiresAt: null, commentId: null }, mod, 1_700_000_005_000);
  await repos.sites.saveSettings('default', { holdLinks: 4 }, 1_700_000_006_000, mod);
  await repos.sites.secret();
  return { kept: [first.comment.id, reply.comment.id], deleted: gone.comment.id };
}

const exportOf = async (repos: Repos) => {
  let text = '';
  for await (const chunk of jsonExport(repos.exports)) text += chunk;
  return text;
};

beforeAll(() => {
  admin = inject('pgUrl');
});

afterAll(async () => {
  dir.cleanup();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});

describe('npm run db -- copy', () => {
  test('copies an SQLite site to PostgreSQL with matching counts, refuses a non-empty target without --force, never reuses an id, and copies back', async () => {
    const file = join(dir.path, 'parley.db');
    const sqlite = createRepos(openDatabase(file), { mail: true });
    const { kept } = await fill(sqlite);
    const before = await exportOf(sqlite);
    await sqlite.close();

    const url = await database();
    const copied = await runCli('db', ['copy', '--from', file, '--to', url], {});
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/^comments\s+2 →\s+2$/m);
    expect(copied.stdout).toMatch(/^sessions\s+1 →\s+1$/m);
    expect(copied.stdout).toMatch(/^audit_log\s+\d+ →\s+\d+$/m);
    expect(copied.stdout).toContain('every count matches');

    const again = await runCli('db', ['copy', '--from', file, '--to', url], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty \(.*comments.*\); pass --force/);

    const db = openPostgres(url, { poolSize: 2 });
    const onPg = createPgRepos(db, url, { mail: true });
    expect(await exportOf(onPg)).toBe(before);
    expect(await onPg.accounts.sessionAccount('session-hash', 1_800_000_000_000)).toMatchObject({ name: 'Al', provider: 'github' });
    expect(await onPg.moderators.sessionModerator('admin-hash', 1_800_000_000_000)).toMatchObject({ email: 'mo@example.com' });
    expect((await onPg.sites.settings('default')).holdLinks).toBe(4);
    const next = await onPg.comments.postComment(comment('Posted on PostgreSQL', { createdAt: 1_700_000_009_000 }));
    // Past every copied id; past the deleted one too wherever the source kept its high-water mark (AUTOINCREMENT).
    expect(next.comment.id).toBeGreaterThan(Math.max(...kept));
    const afterPg = await exportOf(onPg);
    await onPg.close();

    const back = join(dir.path, 'back.db');
    const returned = await runCli('db', ['copy', '--from', url, '--to', back], {});
    expect(returned.code).toBe(0);
    expect(returned.stdout).toMatch(/^comments\s+3 →\s+3$/m);
    const home = createRepos(openDatabase(back));
    expect(await exportOf(home)).toBe(afterPg);
    await home.close();

    const forced = await runCli('db', ['copy', '--from', file, '--to', back, '--force'], {});
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^comments\s+2 →\s+2$/m);
  }, 240_000);
});
