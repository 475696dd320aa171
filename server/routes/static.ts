import { type Context, Hono } from 'hono';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';
import { ROOT } from '../paths.ts';
import { createStaticFiles, sendStatic } from '../http/static-file.ts';

const SCRIPT = 'text/javascript; charset=utf-8';
const TYPES: Record<string, string> = { js: SCRIPT, json: 'application/json; charset=utf-8', css: 'text/css; charset=utf-8' };
const SECURITY = { 'X-Content-Type-Options': 'nosniff' };

/**
 * Files whose name carries their content hash (`actions.0123456789.js`,
 * `i18n/fr.0123456789.json`: a name, ten hex digits, an extension; at most one
 * folder deep) never change, so browsers may keep them for a year without asking.
 * The build lists the current ones in dist/manifest.json and injects that list
 * into embed.js (see vite.config.ts); older ones stay for a while, so a page
 * that still runs the previous embed.js finds the chunks it was built with.
 */
export const HASHED_FILE = /^(?!server\/)(?:[A-Za-z0-9_-]+\/)?[A-Za-z0-9_-]+\.[0-9a-f]{10}\.(js|json|css)$/;

/** The entry scripts keep their URLs (they are in blogs' templates): a short lifetime, then a revalidation (ETag, 304). */
const ENTRIES = ['embed.js', 'count.js'];

/** The demo post's path (demo.html's data-page). */
export const DEMO_POST = '/2019/07/a-reblog-transformation-cambodia/';

/** The built widget (stable entry scripts, hashed chunks) and the demo page, compressed as the client accepts. */
export function staticRoutes(deps: Deps) {
  const files = createStaticFiles();
  const app = new Hono();

  for (const name of ENTRIES) {
    app.get(`/${name}`, async (c) => {
      const file = await files(join(deps.distDir, name));
      if (!file) return c.text(`/${name} has not been built; run npm run build.`, 404);
      return sendStatic(c, file, { 'Content-Type': SCRIPT, 'Cache-Control': 'public, max-age=300', ...SECURITY });
    });
  }

  // The demo page is its one post, so links to its comments (the recent-comments list) lead back to it.
  app.on('GET', ['/', DEMO_POST], async (c) => {
    const file = await files(join(ROOT, 'demo.html'));
    if (!file) return c.text('Not found', 404);
    return sendStatic(c, file, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', ...SECURITY });
  });

  // The demo page's icon; browsers that ask for /favicon.ico get the same picture.
  const icon = async (c: Context) => {
    const file = await files(join(ROOT, 'favicon.svg'));
    if (!file) return c.text('Not found', 404);
    return sendStatic(c, file, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400', ...SECURITY });
  };
  app.get('/favicon.svg', icon);
  app.get('/favicon.ico', icon);

  app.get('/:path{.+\\.[0-9a-f]{10}\\.(?:js|json|css)}', async (c) => {
    const path = c.req.path.slice(1);
    const type = HASHED_FILE.exec(path)?.[1];
    const file = type ? await files(join(deps.distDir, path)) : null;
    // The locale files (i18n/de.HASH.json) are fetched by the widget from the blog's origin: public words, readable from any.
    const cors: Record<string, string> = type == 'json' ? { 'Access-Control-Allow-Origin': '*' } : {};
    if (!file) return c.text('Not found', 404, cors);
    return sendStatic(c, file, { 'Content-Type': TYPES[type!]!, 'Cache-Control': 'public, max-age=31536000, immutable', ...SECURITY, ...cors });
  });
  return app;
}
