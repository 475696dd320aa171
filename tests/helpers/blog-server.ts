import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A post's page as a blog serves it: `og:title`, a `<title>` with the blog's name, `article:published_time`. */
export const postPage = (title: string, published?: string) => `<!doctype html>
<html><head><meta charset="utf-8">
<title>${title} – A Blog</title>
<meta property="og:title" content="${title}">
${published ? `<meta property="article:published_time" content="${published}">` : ''}
</head><body><h1>${title}</h1><div id="comments"></div></body></html>`;

/**
 * A blog on loopback: `pages` maps a path to its HTML, or to a function that
 * answers the request itself (redirects, endless bodies, silence). Every
 * request is recorded; `down` answers 503 to all.
 */
export async function startLoopbackBlog(pages: Record<string, string | ((res: ServerResponse) => void)> = {}) {
  const requests: string[] = [];
  const state = { down: false };
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    open.add(res);
    res.on('close', () => open.delete(res));
    if (state.down) return void res.writeHead(503).end('down for maintenance');
    const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (page === undefined) return void res.writeHead(404, { 'Content-Type': 'text/html' }).end('<title>Not found</title>');
    if (typeof page === 'function') return page(res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    pages,
    requests,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}
