import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';
import { runCli } from '../helpers/cli.ts';
import { writeBlogExport } from '../helpers/wxr-file.ts';

const dir = tempDir('parley-lock-');
const running: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop({ kill: true })));
  dir.cleanup();
});

async function start(databasePath: string) {
  const server = await startServer({ DATABASE_PATH: databasePath });
  running.push(server);
  return server;
}

describe('one server per database file', { timeout: 180_000 }, () => {
  test('a second server on the same DATABASE_PATH refuses at start-up, naming the file and the process that holds it', async () => {
    const path = join(dir.path, 'shared.db');
    const first = await start(path);
    const refused = await startServer({ DATABASE_PATH: path }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).toContain('server exited with 1');
    expect(refused).toContain(`process ${first.process.pid} `);
    expect(refused).toContain(path);
    expect(refused).not.toMatch(/\n\s+at /);
    // The first one still serves.
    expect((await fetch(`${first.url}/api/counts?page=/x/`)).status).toBe(200);
  });

  test('a server killed with kill -9 leaves no stale lock: the next one starts at once', async () => {
    const path = join(dir.path, 'crash.db');
    const doomed = await start(path);
    await doomed.stop({ kill: true });
    const next = await start(path);
    expect((await fetch(`${next.url}/api/counts?page=/x/`)).status).toBe(200);
    const third = await startServer({ DATABASE_PATH: path }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(third).toContain(`process ${next.process.pid} `);
  });

  test('the command-line tools run beside the server', async () => {
    const path = join(dir.path, 'tools.db');
    const server = await start(path);
    await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/tools/', text: 'Beside the server', author: { name: 'Ada', email: 'ada@example.com' } }),
    });
    const env = { DATABASE_PATH: path };
    const exported = await runCli('export', ['json'], env);
    expect([exported.code, exported.stderr]).toEqual([0, '']);
    expect(exported.stdout).toContain('Beside the server');
    const backup = await runCli('backup', [join(dir.path, 'tools-backup.db')], env);
    expect(backup.code, backup.stderr).toBe(0);
    // An import writes beside it, and the running server then serves what it imported.
    const file = writeBlogExport(dir.path, 'tools.xml', 'https://blog.example', [{ id: 7, text: 'Imported beside the server' }]);
    const imported = await runCli('import', ['wordpress', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    const thread = (await (await fetch(`${server.url}/api/comments?page=/hello/`)).json()) as { comments: Array<{ text?: string; html?: string }> };
    expect(JSON.stringify(thread.comments)).toContain('Imported beside the server');
  });
});
