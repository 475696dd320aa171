import { Hono, type Context, type ErrorHandler } from 'hono';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import type { Repos } from './db/repos.ts';
import { noAccounts, type AccountLookup } from './comments/identity.ts';
import { AppError } from './errors.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { createSignInLockout } from './auth/sign-in-lockout.ts';
import { corsHeadersFor, createCors } from './http/cors.ts';
import { withFastReads } from './http/fast-reads.ts';
import { compressResponses } from './http/compress.ts';
import { createResponseCache } from './lib/response-cache.ts';
import { DIST } from './paths.ts';
import { commentRoutes } from './routes/comments.ts';
import { ownCommentRoutes } from './routes/own-comment.ts';
import { likeRoutes } from './routes/likes.ts';
import { countRoutes } from './routes/counts.ts';
import { recentRoutes } from './routes/recent.ts';
import { previewRoutes } from './routes/preview.ts';
import { widgetConfigRoutes } from './routes/widget-config.ts';
import { avatarRoutes } from './routes/avatar.ts';
import { staticRoutes } from './routes/static.ts';
import { reportRoutes } from './routes/reports.ts';
import { adminPageRoutes } from './routes/admin-page.ts';
import { createAkismet, type Akismet } from './moderation/akismet.ts';
import { createMetaRefresher, type MetaRefresher } from './threads/meta-refresher.ts';
import { sessionRoutes } from './routes/session.ts';
import { eventRoutes } from './routes/events.ts';
import { isStorageFull } from './db/storage-faults.ts';
import { uploadAborted } from './http/json-body.ts';
import { lazyRoutes } from './http/lazy-routes.ts';

export interface AppOptions {
  config: Config;
  repos: Repos;
  secret: string;
  clock?: () => number;
  accountOf?: AccountLookup;
  distDir?: string;
  log?: (message: string, error?: unknown) => void;
  /** Replaces the Akismet client made from AKISMET_KEY and AKISMET_URL. */
  akismet?: Akismet | null;
  /** Replaces the fetcher of blog pages' titles made from SITE_ORIGINS. */
  metaRefresher?: MetaRefresher;
}

/**
 * Moderator sign-in attempts per client address in ten minutes, and wrong
 * passwords per account in ten minutes before that account's sign-in is
 * locked for fifteen; neither is turned off by RATE_LIMIT_PER_MINUTE=0.
 */
const SIGN_IN_ATTEMPTS = 10;
const SIGN_IN_FAILURES = 10;
const SIGN_IN_LOCK_MS = 15 * 60_000;

/** Builds the whole HTTP application from its dependencies. Opens no socket. */
export function createApp(options: AppOptions) {
  const { config, repos } = options;
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((message, error) => (error === undefined ? console.error(`[parley] ${message}`) : console.error(`[parley] ${message}`, error)));
  // On PostgreSQL every server counts into the same rows (server/db/pg/shared-counters.ts).
  const sharedAs = (name: string) => repos.sharedCounters && { counters: repos.sharedCounters, name };
  const deps: Deps = {
    config,
    repos,
    clock,
    secret: options.secret,
    accountOf: options.accountOf ?? noAccounts,
    cache: createResponseCache({ maxGroups: 2000, maxPerGroup: 32, externalVersion: repos.externalVersion, clock }),
    limits: {
      comments: createRateLimiter({ limit: config.rateLimitPerMinute, windowMs: 60_000, clock, shared: sharedAs('comments') }),
      actions: createRateLimiter({ limit: config.rateLimitPerMinute * 12, windowMs: 60_000, clock, shared: sharedAs('actions') }),
      signIn: createRateLimiter({ limit: SIGN_IN_ATTEMPTS, windowMs: 10 * 60_000, clock, shared: sharedAs('sign-in') }),
      signInLockout: createSignInLockout({ failures: SIGN_IN_FAILURES, windowMs: 10 * 60_000, lockMs: SIGN_IN_LOCK_MS, clock, shared: repos.sharedCounters }),
    },
    akismet:
      options.akismet !== undefined
        ? options.akismet
        : config.akismetKey
          ? createAkismet({ key: config.akismetKey, url: config.akismetUrl, log: (message) => log(message) })
          : null,
    avatarBase: config.publicUrl,
    pages: options.metaRefresher ?? createMetaRefresher({ repo: repos.threadMeta, siteOrigins: config.siteOrigins, clock, log: (message) => log(message) }),
    distDir: options.distDir ?? DIST,
  };

  const corsFor = corsHeadersFor(config.siteOrigins);
  const api = new Hono()
    .use(createCors(corsFor))
    .route('/', commentRoutes(deps))
    .route('/', ownCommentRoutes(deps))
    .route('/', likeRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', countRoutes(deps))
    .route('/', recentRoutes(deps))
    .route('/', previewRoutes(deps))
    .route('/', widgetConfigRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', eventRoutes(deps))
    .all('*', () => {
      throw new AppError(404, 'not_found', 'There is no such API endpoint.');
    });

  // What readers reach on every page loads at start; the moderators' API, sign-in, the feed and
  // the mail links load on their first request (README, Operations: memory).
  const onError: ErrorHandler = (error, c) => errorResponse(error, c, log);
  // biome-ignore lint/suspicious/noExplicitAny: a routes app of any env and schema
  const late = (load: () => Promise<Hono<any, any, any>>) => lazyRoutes(load, onError);
  // Comments without JavaScript (the thread drawn on the server, its form's posts): one module, loaded on the first of its requests.
  const withoutScript = late(async () => (await import('./routes/without-script.ts')).withoutScriptRoutes(deps));
  const app = new Hono()
    .use(compressResponses())
    .use(
      '/api/admin/*',
      late(async () => new Hono().route('/api/admin', (await import('./routes/admin.ts')).adminRoutes(deps))),
    )
    // Sign-in by email (a rare request, with the mail composer and every language's words): loaded on first use.
    .use(
      '/api/auth/email',
      late(async () => new Hono().use(createCors(corsFor)).route('/api', (await import('./routes/email-sign-in.ts')).emailSignInRequestRoutes(deps))),
    )
    // The widget's moderation controls (a moderator's account only): loaded on first use, with the API's CORS.
    .use(
      '/api/moderate/*',
      late(async () => new Hono().use(createCors(corsFor)).route('/api/moderate', (await import('./routes/moderate.ts')).moderateRoutes(deps))),
    )
    .route('/api', api)
    .route('/', adminPageRoutes(deps))
    .use(
      '/auth/*',
      late(async () => (await import('./routes/auth.ts')).authRoutes(deps)),
    )
    .route('/', avatarRoutes(deps))
    .use('/thread.html', withoutScript)
    .use('/thread.css', withoutScript)
    .use('/comments/form', withoutScript)
    .use(
      '/feed.atom',
      late(async () => (await import('./routes/feed.ts')).feedRoutes(deps)),
    )
    .use(
      '/mail/*',
      late(async () => (await import('./routes/mail.ts')).mailRoutes(deps)),
    )
    .route('/', staticRoutes(deps));

  app.onError(onError);
  app.notFound((c) => c.text('Not found', 404));
  // A repeated read of a cached page or count is answered before the router (app.request goes through it too).
  app.fetch = withFastReads(app.fetch, deps.cache, corsFor) as typeof app.fetch;
  return app;
}

const STORAGE_FULL = 'The comment server is out of space, so nothing was saved. Reading still works; please try again later.';

function errorResponse(error: unknown, c: Context, log: (message: string, error?: unknown) => void) {
  if (error instanceof AppError) {
    return c.json(error.toJSON(), error.status, error.headers);
  }
  const where = `${c.req.method} ${new URL(c.req.url).pathname}`;
  // On any route, whatever read the body: the client left, which is no fault of the server's.
  const aborted = uploadAborted(error, c);
  if (aborted) {
    log(`${where}: ${aborted.message}`);
    return c.body(null, 400);
  }
  if (isStorageFull(error)) {
    // Not a bug: one line for the operator, and an answer the reader can act on.
    log(`${where} not saved: the disk holding the database is full (${(error as { code: string }).code}); free space on it`);
    return c.json({ error: { code: 'storage_full', message: STORAGE_FULL } }, 507);
  }
  log(`${where} failed`, error);
  return c.json({ error: { code: 'internal_error', message: 'Something went wrong on the comment server; please try again.' } }, 500);
}

export type App = ReturnType<typeof createApp>;
