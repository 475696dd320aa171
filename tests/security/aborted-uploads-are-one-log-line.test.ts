import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

/**
 * A client that sends the head of a request and part of its body, then goes
 * away — on every route that reads a body, however it reads it (Parley's JSON
 * reader straight from the socket, hono's `parseBody`, a body wrapped by
 * hono's bodyLimit): the operator reads one line, never a stack.
 */
const dir = tempDir('parley-aborted-');
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db') });
});
afterAll(async () => {
  await server?.stop({ kill: true });
  dir.cleanup();
});

/** Writes `head` and `part` of a body, then closes the connection while the server waits for the rest. */
function abandon(head: string, part: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(`${head}\r\nHost: 127.0.0.1:${server.port}\r\n\r\n${part}`);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 300);
    });
    socket.on('error', reject);
  });
}

/** What the server printed while `act` ran (and until it printed something about it). */
async function loggedBy(act: () => Promise<void>): Promise<string> {
  const before = server.output().length;
  await act();
  await expect.poll(() => server.output().slice(before), { timeout: 10_000 }).toMatch(/went away/);
  // A stack would follow the line at once; give it a moment to show.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return server.output().slice(before);
}

describe('an upload the client abandons mid-body is one log line, on every route', { timeout: 120_000 }, () => {
  test('a form read with parseBody (the email sign-in link’s button)', async () => {
    const logged = await loggedBy(() =>
      abandon('POST /auth/email/verify HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000', 't=abc&name=Ad'),
    );
    expect(logged).toMatch(/^\[parley\] POST \/auth\/email\/verify: the client went away before its request body arrived \(5000 bytes declared\)\n$/);
  });

  test('a multipart form read with parseBody', async () => {
    const logged = await loggedBy(() =>
      abandon(
        'POST /auth/email/verify HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=xx\r\nContent-Length: 5000',
        '--xx\r\nContent-Disposition: form-data; name="t"\r\n\r\nab',
      ),
    );
    expect(logged).toMatch(/^\[parley\] POST \/auth\/email\/verify: the client went away before its request body arrived \(5000 bytes declared\)\n$/);
  });

  test('a JSON body sent in chunks through the admin’s bodyLimit (read as a web stream)', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const logged = await loggedBy(() =>
      abandon(
        `POST /api/admin/session HTTP/1.1\r\nOrigin: ${origin}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked`,
        '10\r\n{"email":"a@b.c"\r\n',
      ),
    );
    expect(logged).toMatch(/^\[parley\] POST \/api\/admin\/session: the client went away before its request body arrived \(unknown bytes declared\)\n$/);
  });

  test('a comment read straight from the socket', async () => {
    const logged = await loggedBy(() =>
      abandon('POST /api/comments HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 5000', '{"page":"/p/","text":"half'),
    );
    expect(logged).toMatch(/^\[parley\] POST \/api\/comments: the client went away before its request body arrived \(\d+ of 5000 bytes\)\n$/);
    // The server goes on serving.
    expect((await fetch(`${server.url}/api/comments?page=/p/`)).status).toBe(200);
  });
});
