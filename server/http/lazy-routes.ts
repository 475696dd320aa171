import { Hono, type ErrorHandler, type MiddlewareHandler } from 'hono';

// biome-ignore lint/suspicious/noExplicitAny: a routes app of any env and schema
type AnyRoutes = Hono<any, any, any>;

/** What the loaded routes answer for a path they do not hold: the request then goes on to the app's next routes. */
const UNROUTED = 'x-parley-unrouted';

/**
 * Routes whose code loads on first use. The first request that reaches this
 * middleware imports them (`load`), builds them once and hands them the
 * request; a server nobody moderates or signs in to never carries that code
 * (SPEC §10: memory). `load` returns routes mounted at their full paths.
 * Their errors are answered by `onError`, the app's own, inside them (so their
 * middleware still sees the answer, as when mounted directly); a path they do
 * not hold falls through to whatever the app mounts after them.
 */
export function lazyRoutes(load: () => Promise<AnyRoutes>, onError: ErrorHandler): MiddlewareHandler {
  let routes: Promise<AnyRoutes> | undefined;
  const build = async () => {
    const loaded = await load();
    return new Hono()
      .route('/', loaded)
      .notFound(() => new Response(null, { status: 404, headers: { [UNROUTED]: '1' } }))
      .onError(onError);
  };
  return async (c, next) => {
    routes ??= build().catch((error: unknown) => {
      routes = undefined; // a failed import is retried by the next request
      throw error;
    });
    const response = await (await routes).fetch(c.req.raw, c.env);
    if (response.headers.get(UNROUTED)) return next();
    return response;
  };
}
