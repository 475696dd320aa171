import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { runCli } from '../helpers/cli.ts';
import { writeWxr } from '../helpers/wxr-generator.ts';

/**
 * Backup and restore against the real server, in its own process, taking
 * comments the whole time: the copy must be whole and hold every comment the
 * server acknowledged before the backup began.
 */
const dir = tempDir('parley-backup-');
const databasePath = join(dir.path, 'parley.db');
const env = { DATABASE_PATH: databasePath };
let server: RunningServer;

beforeAll(async () => {
  const blog = join(dir.path, 'blog.xml');
  writeWxr(blog, { posts: 40, comments: 4000 });
  expect((await runCli('import', ['wordpress', blog], env)).code).toBe(0);
  server = await startServer(env);
});

afterAll(async () => {
  await server?.stop();
  dir.cleanup();
});

/** Posts comments from `writers` loops until stopped; `acknowledged` lists the ids answered 201, in order. */
function postContinuously(url: string, writers: number) {
  const acknowledged: number[] = [];
  let running = true;
  const loop = async (writer: number) => {
    for (let i = 0; running && i < 100_000; i++) {
      const response = await fetch(`${url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          page: `/load/${writer}/`,
          text: `comment ${writer}.${i}`,
          author: { name: `Writer ${writer}`, email: `w${writer}@example.org` },
        }),
      });
      if (response.status === 201) acknowledged.push(((await response.json()) as { comment: { id: number } }).comment.id);
      else throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    }
  };
  const loops = Array.from({ length: writers }, (_, writer) => loop(writer));
  return {
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('npm run backup / restore', () => {
  test('a backup taken while the server takes comments passes integrity_check and holds every comment acknowledged before it began', async () => {
    const load = postContinuously(server.url, 4);
    await until(() => load.acknowledged.length >= 100);
    const before = [...load.acknowledged];
    const copy = join(dir.path, 'copy.db');
    const backup = await runCli('backup', [copy], env);
    const during = load.acknowledged.length - before.length;
    await load.stop();

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .* integrity ok\n$/);
    expect(during).toBeGreaterThan(0); // the server really was writing while the backup ran
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(db.prepare('SELECT id FROM comments').pluck().all() as number[]);
    expect(before.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(4000 + before.length);
    db.close();
  });

  test('backup will not overwrite an existing file without --force', async () => {
    const copy = join(dir.path, 'copy.db');
    const again = await runCli('backup', [copy], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; pass --force');
  });

  test('restore refuses while the server holds the database, restores with --force into the running server, and freely once it stopped', async () => {
    const copy = join(dir.path, 'copy.db');
    const refused = await runCli('restore', [copy], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is in use by another process (is the Parley server running?)');

    const inCopy = (page: string) => {
      const db = new Database(copy, { readonly: true });
      const row = db.prepare('SELECT approved_count FROM threads WHERE page = ?').get(page) as { approved_count: number } | undefined;
      db.close();
      return row?.approved_count ?? 0;
    };
    await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/after-backup/', text: 'not in the backup', author: { name: 'Late', email: 'late@example.org' } }),
    });
    const forced = await runCli('restore', [copy, '--force'], env);
    expect(forced.code).toBe(0);
    const read = async (page: string) =>
      ((await (await fetch(`${server.url}/api/comments?page=${page}`)).json()) as { thread: { count: number } }).thread.count;
    expect(await read('/after-backup/')).toBe(0);
    expect(await read('/load/0/')).toBe(inCopy('/load/0/'));

    await server.stop();
    const free = await runCli('restore', [copy], env);
    expect(free.code).toBe(0);
    expect(free.stdout).toMatch(/^Restored .* comments\n$/);
    server = await startServer(env);
    expect(await read('/load/1/')).toBe(inCopy('/load/1/'));
  });
});
