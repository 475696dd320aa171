import type { MiddlewareHandler } from 'hono';
import { acceptedEncoding, compress, COMPRESS_MIN_BYTES, compressible, type Bytes } from './encoding.ts';
import { isComplete } from './cors.ts';

/**
 * Compresses the answers that are made per request (admin lists, the feed, pages,
 * errors) when they are 1 KB or more and the client accepts brotli or gzip.
 * Answers that settled their encoding already — the cached thread pages and
 * counts (`sendJson`), the widget's files — pass untouched, so the hot path
 * pays nothing here.
 */
export function compressResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (isComplete(res) || !res.body || c.req.method === 'HEAD') return;
    const encoding = acceptedEncoding(c.req.header('accept-encoding'));
    if (encoding === 'identity' || res.headers.has('content-encoding') || !compressible(res.headers.get('content-type'))) return;
    const raw = new Uint8Array(await res.arrayBuffer()) as Bytes;
    const headers = new Headers(res.headers);
    if (raw.byteLength >= COMPRESS_MIN_BYTES) {
      headers.set('Content-Encoding', encoding);
      headers.delete('Content-Length');
      headers.append('Vary', 'Accept-Encoding');
    }
    c.res = undefined as never;
    c.res = new Response(raw.byteLength >= COMPRESS_MIN_BYTES ? compress(raw, encoding) : raw, { status: res.status, statusText: res.statusText, headers });
  };
}
