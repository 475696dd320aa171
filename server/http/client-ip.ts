import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address: the socket's, or — only when the server sits behind a
 * trusted reverse proxy (`TRUST_PROXY`) — the last address that proxy appended
 * to `X-Forwarded-For`, which a client cannot forge.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    // No socket: the app was called through app.request() in a test.
    return c.req.header('x-test-client-ip') ?? '';
  }
}
