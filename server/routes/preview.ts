import { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { jsonBody } from '../http/json-body.ts';
import { clientIp } from '../http/client-ip.ts';
import { previewSchema } from '../comments/schemas.ts';
import { renderComment } from '../content/render.ts';

/** `POST /api/preview { text }` → `{ html }`, rendered exactly as it would be stored. */
export function previewRoutes(deps: Deps) {
  return new Hono().post('/preview', async (c) => {
    await deps.limits.actions.hit(`ip:${clientIp(c, deps.config.trustProxy)}`);
    const { text } = parse(previewSchema, await jsonBody(c));
    return c.json({ html: await renderComment(text) });
  });
}
