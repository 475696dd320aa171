import { Hono, type Context } from 'hono';
import { join } from 'node:path';
import type { Deps } from '../deps.ts';
import { createStaticFiles, sendStatic } from '../http/static-file.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The admin view (built by `vite build --config vite.admin.config.ts` into dist/admin/) at /admin/, with a strict policy. */
export function adminPageRoutes(deps: Deps) {
  const dir = join(deps.distDir, 'admin');
  const avatars = deps.avatarBase ? ` ${new URL(deps.avatarBase).origin}` : '';
  const security = {
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:${avatars}; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };

  const files = createStaticFiles();

  const page = async (c: Context) => {
    const html = await files(join(dir, 'index.html'));
    if (!html) return c.text('The admin view has not been built; run npm run build.', 404);
    return sendStatic(c, html, { ...security, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  };

  return (
    new Hono()
      // Relative redirect: the page's relative asset and API URLs need the trailing slash, and a path prefix survives.
      .get('/admin', (c) => c.body(null, 308, { Location: 'admin/' }))
      .get('/admin/', page)
      .get('/admin/assets/:file', async (c) => {
        const file = c.req.param('file');
        const type = TYPES[file.slice(file.lastIndexOf('.'))];
        if (!/^[A-Za-z0-9._-]+$/.test(file) || file.startsWith('.') || !type) return c.text('Not found', 404);
        const body = await files(join(dir, 'assets', file));
        if (!body) return c.text('Not found', 404);
        return sendStatic(c, body, { ...security, 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' });
      })
  );
}
