import { Hono } from 'hono';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';

const FILES: Record<string, { file: (deps: Deps) => string; type: string; maxAge: number }> = {
  '/embed.js': { file: (d) => join(d.distDir, 'embed.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  '/count.js': { file: (d) => join(d.distDir, 'count.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  '/sign-in.js': { file: (d) => join(d.distDir, 'sign-in.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  '/actions.js': { file: (d) => join(d.distDir, 'actions.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
  '/': { file: () => join(import.meta.dirname, '..', '..', 'demo.html'), type: 'text/html; charset=utf-8', maxAge: 0 },
};

/** The built widget scripts and the demo page, read once and served with an ETag. */
export function staticRoutes(deps: Deps) {
  const loaded = new Map<string, Promise<{ body: Buffer; etag: string } | null>>();
  const load = (path: string) => {
    let entry = loaded.get(path);
    if (!entry) {
      entry = readFile(FILES[path]!.file(deps)).then(
        (body) => ({ body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }),
        () => null,
      );
      loaded.set(path, entry);
    }
    return entry;
  };

  const app = new Hono();
  for (const [path, spec] of Object.entries(FILES)) {
    app.get(path, async (c) => {
      const file = await load(path);
      if (!file) {
        loaded.delete(path);
        return c.text(`${path} has not been built; run npm run build.`, 404);
      }
      const headers = {
        'Content-Type': spec.type,
        'Cache-Control': spec.maxAge ? `public, max-age=${spec.maxAge}` : 'no-cache',
        ETag: file.etag,
        'X-Content-Type-Options': 'nosniff',
      };
      if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
      return c.body(new Uint8Array(file.body), 200, headers);
    });
  }
  /**
   * The locale files (`i18n/de.0123456789.json`, widget/lang/build.ts): fetched by the widget from the
   * blog's origin, so readable from any (public words, no credentials); named by content, so kept a year.
   */
  app.get('/i18n/:name{[a-zA-Z-]+\\.[0-9a-f]{10}\\.json}', async (c) => {
    const body = await readFile(join(deps.distDir, 'i18n', c.req.param('name'))).catch(() => null);
    const headers = { 'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff' };
    if (!body) return c.json({ error: { code: 'not_found', message: 'No such locale.' } }, 404, headers);
    return c.body(new Uint8Array(body), 200, {
      ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
