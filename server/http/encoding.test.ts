import { describe, expect, test } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedEncoding, compressible, encodedBody, pick } from './encoding.ts';

describe('Accept-Encoding', () => {
  test.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['gzip;q=0.5, br;q=0.8', 'br'],
    ['GZIP;Q=0.9', 'gzip'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['gzip;q=nonsense, br;q=0', 'identity'],
  ])('%s → %s', (header, expected) => {
    expect(acceptedEncoding(header)).toBe(expected);
  });
});

describe('encoded bodies', () => {
  test('a body of 1 KB or more carries brotli and gzip forms of the same bytes', () => {
    const text = JSON.stringify({ comments: Array.from({ length: 50 }, (_, i) => ({ id: i, html: '<p>a comment</p>' })) });
    const body = encodedBody(text);
    expect(Buffer.from(brotliDecompressSync(body.br!)).toString()).toBe(text);
    expect(Buffer.from(gunzipSync(body.gzip!)).toString()).toBe(text);
    expect(body.bytes).toBe(body.raw.length + body.br!.length + body.gzip!.length);
    expect(pick(body, 'br').headers).toEqual({ 'Content-Encoding': 'br', Vary: 'Accept-Encoding' });
    expect(pick(body, 'identity')).toEqual({ bytes: body.raw, headers: { Vary: 'Accept-Encoding' } });
  });

  test('a small body stays as it is', () => {
    const body = encodedBody('{"A":3}');
    expect(body.br).toBeUndefined();
    expect(pick(body, 'br')).toEqual({ bytes: body.raw, headers: {} });
  });

  test('text, scripts and JSON are compressible; images and event streams are not', () => {
    expect(['application/json; charset=utf-8', 'text/javascript', 'text/css', 'text/html', 'application/atom+xml', 'image/svg+xml'].every(compressible)).toBe(
      true,
    );
    expect(['image/png', 'font/woff2', 'text/event-stream', undefined].some(compressible)).toBe(false);
  });
});
