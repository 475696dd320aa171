import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'node:http';
import { join } from 'node:path';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

/** Sends a raw HTTP request (optionally chunked, with no Content-Length) and returns status and body. */
function send(server: RunningServer, body: string, options: { chunked?: boolean; type?: string } = {}) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(
      `${server.url}/api/comments`,
      {
        method: 'POST',
        headers: {
          'Content-Type': options.type ?? 'application/json',
          ...(options.chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    if (options.chunked) for (let i = 0; i < body.length; i += 4097) req.write(body.slice(i, i + 4097));
    else req.write(body);
    req.end();
  });
}

const comment = (text: string) => JSON.stringify({ page: '/bodies/', text, author: { name: 'B', email: 'b@example.com' } });

describe('request bodies read from the socket by the real server', () => {
  let server: RunningServer;
  const dir = tempDir();
  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db') });
  });
  afterAll(async () => {
    await server?.stop();
    dir.cleanup();
  });

  test('a comment in UTF-8 arrives whole, declared or chunked', async () => {
    const sent = await send(server, comment('Grüße — “quoted” 💬'));
    expect(sent.status).toBe(201);
    expect(sent.body.comment.html).toBe('<p>Grüße — “quoted” 💬</p>');
    const chunked = await send(server, comment('y'.repeat(9_000) + 'é'.repeat(900)), { chunked: true });
    expect(chunked.status).toBe(201);
  });

  test('413 past 64 KB, whether the length is declared or only counted while reading', async () => {
    const big = comment('x'.repeat(70_000));
    expect(await send(server, big)).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
    expect(await send(server, big, { chunked: true })).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
  });

  test('415 for a body that is not JSON, 400 for broken JSON', async () => {
    expect(await send(server, 'text=hi', { type: 'application/x-www-form-urlencoded' })).toMatchObject({ status: 415 });
    expect(await send(server, '{"page":')).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });
});
