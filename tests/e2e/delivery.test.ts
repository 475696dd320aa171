/**
 * What leaves the real server (compiled, as `npm start` runs it) over a socket: the raw bytes
 * with their Content-Encoding, read with node:http so that nothing decodes them on the way.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { get } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, tempDir, type RunningServer } from '../helpers/server.ts';

const DIST = join(import.meta.dirname, '..', '..', 'dist');
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, string>;

function fetchRaw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const decoded = (r: { headers: Record<string, unknown>; body: Buffer }) =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

let server: RunningServer;
const dir = tempDir();
beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: join(dir.path, 'parley.db') });
});
afterAll(async () => {
  await server?.stop();
  dir.cleanup();
});

describe('the real server', () => {
  test('sends embed.js as brotli (or gzip) with Vary, a short lifetime and an ETag, and 304 on revalidation', async () => {
    const raw = readFileSync(join(DIST, 'embed.js'));
    const br = await fetchRaw(`${server.url}/embed.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(br.body.length).toBeLessThan(raw.length / 2);
    expect(decoded(br).equals(raw)).toBe(true);
    const gzip = await fetchRaw(`${server.url}/embed.js`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip).equals(raw)).toBe(true);
    const again = await fetchRaw(`${server.url}/embed.js`, { 'Accept-Encoding': 'gzip, deflate, br', 'If-None-Match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  test('sends the hashed chunks immutable, and count.js revalidated', async () => {
    for (const file of Object.values(manifest)) {
      const response = await fetchRaw(`${server.url}/${file}`, { 'Accept-Encoding': 'br' });
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decoded(response).equals(readFileSync(join(DIST, file)))).toBe(true);
    }
    const count = await fetchRaw(`${server.url}/count.js`, { 'Accept-Encoding': 'gzip' });
    expect(count.headers['content-encoding']).toBe('gzip');
    expect(count.headers.etag).toMatch(/^"[0-9a-f]{16}-gz"$/);
  });

  test('sends a long thread page compressed, and the same JSON raw to a client that does not ask', async () => {
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          page: '/long/',
          title: 'Long',
          text: `Comment ${i} of a long enough thread to compress.`,
          author: { name: 'Ada', email: 'ada@example.com' },
        }),
      });
      expect(response.status).toBe(201);
    }
    const plain = await fetchRaw(`${server.url}/api/comments?page=/long/`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await fetchRaw(`${server.url}/api/comments?page=/long/`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(decoded(br).toString()).toBe(plain.body.toString());
  });
});
