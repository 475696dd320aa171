import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp } from '../helpers/test-app.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const post = (text: string) => ({ page: '/full/', title: 'Full', text, author: { name: 'Ada', email: 'ada@example.com' } });

describe('a full disk (SQLite max_page_count): 507 storage_full, reads go on, writes come back with space', () => {
  test('through the app', async () => {
    const logged: string[] = [];
    const t = createTestApp({}, { log: (message: string, error?: unknown) => logged.push(`${message} ${error ?? ''}`) });
    expect((await t.post('/api/comments', post('Before the disk filled up'))).status).toBe(201);
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    t.db.pragma(`max_page_count = ${pages}`);
    let full: Response | undefined;
    for (let i = 0; i < 50 && !full; i++) {
      const response = await t.post('/api/comments', post(`A long comment ${i} `.repeat(200)));
      if (response.status !== 201) full = response;
    }
    expect(full?.status).toBe(507);
    const { error } = (await full!.json()) as any;
    expect(error.code).toBe('storage_full');
    expect(error.message).toMatch(/out of space.*nothing was saved.*try again later/i);
    expect(logged.join('\n')).toMatch(/disk holding the database is full/);
    expect(logged.join('\n')).not.toMatch(/\n\s+at /);
    const read = await t.get('/api/comments?page=/full/');
    expect(read.status).toBe(200);
    const shown = ((await read.json()) as any).comments.length;
    expect(shown).toBeGreaterThan(0);
    // Space comes back: the same server saves again.
    t.db.pragma('max_page_count = 1073741823');
    expect((await t.post('/api/comments', post('After space came back '.repeat(200)))).status).toBe(201);
  });
});

/** A 3 MB tmpfs: a real disk that really fills up (needs root, as the tests run in CI). */
function mountSmallDisk(path: string): boolean {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fills the disk to the last byte with a filler file; returns a function that frees it. */
function fillDisk(dir: string): () => void {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    for (let size = chunk.length / 2; size >= 1; size /= 2) {
      try {
        for (;;) writeSync(fd, chunk, 0, size);
      } catch {
        // the next, smaller piece
      }
    }
  } finally {
    closeSync(fd);
  }
  return () => rmSync(path);
}

const dir = tempDir('parley-full-');
const disk = join(dir.path, 'disk');
const mounted = mountSmallDisk(disk);
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop({ kill: true })));
  if (mounted) execFileSync('umount', [disk]);
  dir.cleanup();
});

describe.skipIf(!mounted)('a full disk for real (a small tmpfs), through the real server process', { timeout: 240_000 }, () => {
  if (!mounted) console.warn('[parley] full-disk test skipped: mounting a tmpfs needs root (`mount -t tmpfs`)');

  test('507 storage_full while full, reads served, writes back once space returns; start-up says the disk is full', async () => {
    const databasePath = join(disk, 'parley.db');
    const server = await startServer({ DATABASE_PATH: databasePath });
    servers.push(server);
    const send = (text: string) =>
      fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(post(text)),
      });
    expect((await send('Before the disk filled up')).status).toBe(201);
    const free = fillDisk(disk);
    let full: Response | undefined;
    for (let i = 0; i < 50 && !full; i++) {
      const response = await send(`A long comment ${i} `.repeat(200));
      if (response.status !== 201) full = response;
    }
    expect(full?.status).toBe(507);
    expect(((await full!.json()) as any).error.code).toBe('storage_full');
    const read = await fetch(`${server.url}/api/comments?page=/full/`);
    expect(read.status).toBe(200);
    free();
    expect((await send('After space came back')).status).toBe(201);

    // Started again on the full disk: it says so at start-up, and serves what it has.
    const freeAgain = fillDisk(disk);
    await server.stop();
    const restarted = await startServer({ DATABASE_PATH: databasePath });
    servers.push(restarted);
    expect(restarted.output()).toContain(`the disk holding DATABASE_PATH (${databasePath}) is full`);
    const after = (await (await fetch(`${restarted.url}/api/comments?page=/full/`)).json()) as any;
    expect(after.thread.count).toBeGreaterThanOrEqual(2);
    freeAgain();
  });
});
