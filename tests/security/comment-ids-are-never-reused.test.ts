import { afterEach, describe, expect, test, vi } from 'vitest';
import Database from 'better-sqlite3';
import * as api from '../../widget/api.ts';
import { createThreadStore } from '../../widget/store.ts';
import { memoryStorage, stubPage } from '../../widget/test-helpers.ts';
import { like, remove } from '../../widget/actions/changes.ts';
import { post } from '../../widget/actions/post.ts';
import { migrate, migrations } from '../../server/db/migrations.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../../server/migrate/importer.ts';
import { TEST_SECRET } from '../helpers/import-db.ts';
import { writeBlogExport } from '../helpers/wxr-file.ts';

const idsNeverReusedStep = migrations.findIndex((step) => step.name === 'ids-never-reused');

describe('a comment id is never given twice', () => {
  test('deleting the newest comment does not hand its id to the next comment', async () => {
    const t = createTestApp();
    await t.comment({ text: 'first' });
    const newest = await t.comment({ text: 'second' });
    const gone = await t.request('DELETE', `/api/comments/${newest.body.comment.id}`, undefined, { 'X-Parley-Token': newest.body.editToken });
    expect(gone.status).toBe(204);
    const next = await t.comment({ text: 'a stranger' });
    expect(next.body.comment.id).toBeGreaterThan(newest.body.comment.id);
    // The deleted comment's token no longer opens anything: its id names nothing.
    const stale = await t.request('PATCH', `/api/comments/${newest.body.comment.id}`, { text: 'x' }, { 'X-Parley-Token': newest.body.editToken });
    expect(stale.status).toBe(404);
  });

  test("an import keeps a source's comment id only when Parley never gave it before", async () => {
    const t = createTestApp();
    await t.comment({ text: 'first' });
    const second = await t.comment({ text: 'second' });
    await t.request('DELETE', '/api/comments/2', undefined, { 'X-Parley-Token': second.body.editToken });
    const file = writeBlogExport(mkdtempSync(join(tmpdir(), 'parley-ids-')), 'blog.xml', 'https://blog.example', [
      { id: 2, text: 'imported two' },
      { id: 7, text: 'imported seven' },
    ]);
    await importFile(t.repos.imports, {
      format: 'wordpress',
      file,
      site: 'default',
      siteOverride: false,
      skipPingbacks: false,
      maxDepth: 10,
      secret: TEST_SECRET,
      clock: () => t.time.now,
    });
    const idOf = (text: string) => t.db.prepare('SELECT id FROM comments WHERE text = ?').pluck().get(text);
    expect(idOf('imported seven')).toBe(7);
    expect(idOf('imported two')).toBeGreaterThan(2);
  });

  test('every table whose ids reach clients takes AUTOINCREMENT ids', () => {
    const t = createTestApp();
    // A new table with its own `id INTEGER PRIMARY KEY` belongs here too: give it AUTOINCREMENT.
    const tables = t.db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
      .all()
      .filter((table) => /[(,]\s*id\s+INTEGER PRIMARY KEY/.test(table.sql));
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['comments', 'accounts', 'moderators', 'mail_subscriptions', 'mail_jobs', 'bans', 'threads']),
    );
    for (const table of tables) expect(`${table.name}: ${table.sql}`).toMatch(/INTEGER PRIMARY KEY AUTOINCREMENT/);
  });

  test('an older database is rebuilt with AUTOINCREMENT, keeping its ids, rows, references and indexes', () => {
    expect(idsNeverReusedStep).toBeGreaterThan(0);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, idsNeverReusedStep));
    db.exec(`
      INSERT INTO sites (id, created_at) VALUES ('default', 0);
      INSERT INTO threads (id, site_id, page, created_at) VALUES (4, 'default', '/a/', 0);
      INSERT INTO comments (id, thread_id, root_id, depth, status, text, html, created_at) VALUES (7, 4, 7, 1, 'approved', 'root', '<p>root</p>', 1);
      INSERT INTO comments (id, thread_id, parent_id, root_id, depth, status, text, html, created_at) VALUES (9, 4, 7, 7, 2, 'approved', 'reply', '<p>reply</p>', 2);
      INSERT INTO likes (comment_id, voter, created_at) VALUES (9, 'reader', 3);
      INSERT INTO reports (comment_id, reporter, created_at) VALUES (9, 'reader', 3);
      INSERT INTO comment_moderation (comment_id, held_reason) VALUES (7, 'links');
      INSERT INTO moderators (id, email, password_hash, created_at, updated_at) VALUES (3, 'mod@example.com', 'x', 0, 0);
      -- Comment 12 was the newest once, and deleted before the upgrade: the audit log still names it.
      INSERT INTO audit_log (at, actor, moderator_id, action, comment_id) VALUES (5, 'moderator', 5, 'delete', 12);
    `);
    const indexesBefore = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments' ORDER BY name").pluck().all();
    migrate(db);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, parent_id, text FROM comments ORDER BY id').all()).toEqual([
      { id: 7, parent_id: null, text: 'root' },
      { id: 9, parent_id: 7, text: 'reply' },
    ]);
    expect(db.prepare('SELECT comment_id FROM likes').pluck().all()).toEqual([9]);
    expect(db.prepare('SELECT comment_id FROM reports').pluck().all()).toEqual([9]);
    // Every index is kept (later steps add their own, such as 015's comments_pinned).
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments' ORDER BY name").pluck().all()).toEqual(
      expect.arrayContaining(indexesBefore),
    );
    const next = db.prepare("INSERT INTO comments (thread_id, root_id, depth, status, text, html, created_at) VALUES (4, 0, 1, 'approved', 'n', 'n', 9)").run();
    expect(Number(next.lastInsertRowid)).toBe(13);
    const moderator = db.prepare("INSERT INTO moderators (email, password_hash, created_at, updated_at) VALUES ('b@example.com', 'x', 0, 0)").run();
    expect(Number(moderator.lastInsertRowid)).toBe(6);
    // References still cascade into the rebuilt table.
    db.prepare('DELETE FROM comments WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM likes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM comment_moderation').pluck().get()).toBe(0);
  });
});

describe('the widget forgets what it held for a deleted comment', () => {
  const base = 'http://comments.test/';
  let t: TestApp;
  afterEach(() => vi.unstubAllGlobals());

  function openThread() {
    t ??= createTestApp({ MIN_FILL_SECONDS: '0' });
    vi.stubGlobal('fetch', (input: URL, init: RequestInit) => t.app.request(String(input), init));
    stubPage();
    return createThreadStore(api, { base, page: '/post/', title: 'A post' });
  }
  const stored = () => ({
    tokens: Object.keys(JSON.parse(localStorage.getItem('parley:tokens') ?? '{}')),
    liked: JSON.parse(localStorage.getItem('parley:liked') ?? '[]'),
  });

  test("deleting one's own comment drops its edit token and its liked mark", async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    const store = openThread();
    await store.load();
    store.draft.text.value = 'Mine';
    store.draft.name.value = 'Ada';
    store.draft.email.value = 'ada@example.com';
    await post(store);
    const id = store.target.value!.id;
    await like(store, id);
    expect(stored()).toEqual({ tokens: [String(id)], liked: [id] });
    await remove(store, id);
    expect(stored()).toEqual({ tokens: [], liked: [] });
    expect([store.token(id), store.liked.value]).toEqual([undefined, []]);
    store.dispose();
  });

  test('a comment missing on the server (404) is forgotten too, and leaves the thread', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    t = createTestApp({ MIN_FILL_SECONDS: '0' });
    const kept = await t.comment({ text: 'kept' });
    const gone = await t.comment({ text: 'gone' });
    const entry = (token: string) => ({ t: token, p: '/post/', at: '2026-11-21T12:00:00.000Z' });
    localStorage.setItem(
      'parley:tokens',
      JSON.stringify({ [kept.body.comment.id]: entry(kept.body.editToken), [gone.body.comment.id]: entry(gone.body.editToken) }),
    );
    localStorage.setItem('parley:liked', JSON.stringify([kept.body.comment.id, gone.body.comment.id]));
    const store = openThread();
    await store.load();
    // Meanwhile a moderator deletes it for good.
    t.db.prepare('DELETE FROM comments WHERE id = ?').run(gone.body.comment.id);
    await expect(like(store, gone.body.comment.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(stored()).toEqual({ tokens: [String(kept.body.comment.id)], liked: [kept.body.comment.id] });
    expect(store.comments.value.map((c) => c.id)).toEqual([kept.body.comment.id]);
    store.dispose();
  });
});
