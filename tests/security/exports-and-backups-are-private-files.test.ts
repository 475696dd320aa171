import { afterAll, describe, expect, test } from 'vitest';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const dir = tempDir('parley-private-');
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop({ kill: true })));
  dir.cleanup();
});

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('files holding emails and IP addresses are private (0600, folders 0700)', { timeout: 240_000 }, () => {
  const folder = join(dir.path, 'new-folder');
  const databasePath = join(folder, 'parley.db');
  const env = { DATABASE_PATH: databasePath };

  test('the database, its folder when created, and the lock beside it, when Parley creates them', async () => {
    const server = await startServer({ ...env });
    servers.push(server);
    await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ page: '/private/', text: 'From ada@example.com', author: { name: 'Ada', email: 'ada@example.com' } }),
    });
    expect(mode(folder)).toBe('700');
    for (const file of ['parley.db', 'parley.db-wal', 'parley.db-shm', 'parley.db.lock']) expect(`${file} ${mode(join(folder, file))}`).toBe(`${file} 600`);
  });

  test('export --out (JSON and WordPress) and backup are written 0600', async () => {
    const json = join(dir.path, 'export.json');
    const wxr = join(dir.path, 'export.xml');
    const backup = join(dir.path, 'backup.db');
    expect((await runCli('export', ['json', '--out', json], env)).code).toBe(0);
    expect((await runCli('export', ['wordpress', '--out', wxr], env)).code).toBe(0);
    const backedUp = await runCli('backup', [backup], env);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect([mode(json), mode(wxr), mode(backup)]).toEqual(['600', '600', '600']);
  });

  test('an upload the client abandons mid-body is logged as one line, not a server error with a stack', async () => {
    const server = servers[0]!;
    const before = server.output().length;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"page":"/private/","text":"half',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 300);
      });
      socket.on('error', reject);
    });
    await expect.poll(() => server.output().slice(before), { timeout: 10_000 }).toMatch(/went away/);
    const logged = server.output().slice(before);
    expect(logged).toMatch(/^\[parley\] POST \/api\/comments: the client went away before its request body arrived \(\d+ of 5000 bytes\)\n$/);
    // The server goes on serving.
    expect((await fetch(`${server.url}/api/comments?page=/private/`)).status).toBe(200);
  });
});
