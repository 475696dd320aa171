import type { Context } from 'hono';
import type { Config } from '../config.ts';

/** This server's origin as browsers see it: PUBLIC_URL's, else the forwarded (TRUST_PROXY) or requested host. */
export function ownOrigin(c: Context, config: Pick<Config, 'publicUrl' | 'trustProxy'>): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const url = new URL(c.req.url);
  if (config.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto || host) return `${proto || url.protocol.slice(0, -1)}://${host || url.host}`;
  }
  return url.origin;
}
