import type { IncomingHttpHeaders } from 'node:http';
import { rawQuery, type ResponseCache } from '../lib/response-cache.ts';
import { type CorsHeadersFor, jsonAnswer } from './cors.ts';

/** The public reads the response cache also finds by their raw query string (`comments?page=…`). */
const ALIASED = new Map([
  ['/api/comments', 'comments'],
  ['/api/counts', 'counts'],
]);

/** The alias of a cached answer to `GET /api/NAME?QUERY`: routes store under it, the fast path looks it up. */
export const aliasOf = (name: string, url: string): string => `${name}?${rawQuery(url)}`;

type Fetch = (request: Request, env?: unknown, context?: never) => Response | Promise<Response>;

/**
 * Repeated public reads — a cached thread page or comment count, asked for again
 * with the very same query — answered before the router and its middleware.
 *
 * Through Hono every answer is a promise, and @hono/node-server writes a promise's
 * answer on its slow path (a close listener per request, then an await); an answer
 * returned at once, with plain headers, it writes directly. This is the same
 * answer the routes give for a cache hit (`sendJson`: the CORS headers for the
 * request's origin, the body in the encoding the client accepts), so the
 * contract tests, which go through `app.request`, hold for both paths.
 *
 * Only a GET of `/api/comments` or `/api/counts` without `Authorization` or
 * `X-Parley-Tokens` (whose answers are personal and never cached) is looked up;
 * anything else, and every miss, takes the long way.
 */
export function withFastReads(fetch: Fetch, cache: ResponseCache, corsFor: CorsHeadersFor): Fetch {
  return (request, env, context) => {
    // On node-server the request's own headers object is made on first use; the incoming message's is already there.
    const incoming = (env as { incoming?: { headers: IncomingHttpHeaders } } | undefined)?.incoming?.headers;
    const header = incoming ? (name: string) => incoming[name] as string | undefined : (name: string) => request.headers.get(name) ?? undefined;
    if (request.method === 'GET' && !header('authorization') && !header('x-parley-tokens')) {
      const url = request.url;
      const start = url.indexOf('/', url.indexOf('//') + 2);
      const end = url.indexOf('?', start);
      const name = ALIASED.get(url.slice(start, end < 0 ? undefined : end));
      const hit = name && cache.byAlias(aliasOf(name, url));
      if (hit) return jsonAnswer(header('accept-encoding'), corsFor(header('origin')), hit);
    }
    return fetch(request, env, context);
  };
}
