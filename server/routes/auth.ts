import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AuthFlow } from '../db/types.ts';
import type { SignInProvider } from '../auth/provider.ts';
import { createSignInProviders } from '../auth/providers/index.ts';
import { finishSignIn, originAllowed, startSignIn, takeFlow } from '../auth/sign-in.ts';
import { errorPage, instancePage, sessionPage, type Page } from '../auth/pages.ts';
import { AppError } from '../errors.ts';
import { parse } from '../http/validate.ts';
import { clientIp } from '../http/client-ip.ts';
import { acceptedStrings, serverStrings } from '../i18n/index.ts';
import { languageTag } from '../comments/schemas.ts';
import { ownOrigin } from '../http/own-origin.ts';
import * as pages from '../auth/pages.ts';
import { emailSignInLinkRoutes } from './email-sign-in.ts';

const origin = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://blog.example.com');

const startQuery = z
  .object({
    origin,
    page: z.url({ protocol: /^https?$/ }).max(2000),
    mode: z.enum(['popup', 'redirect']).default('popup'),
    handoff: z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,100}$/, 'must be 32 to 100 URL-safe characters')
      .optional(),
    instance: z.string().trim().max(300).default(''),
    /** The widget's language: the popup's pages are written in it. */
    lang: languageTag,
  })
  .refine((q) => new URL(q.page).origin === q.origin, { message: 'must be a page on origin', path: ['page'] })
  .refine((q) => q.mode === 'popup' || q.handoff, { message: 'is needed for a full-page sign-in', path: ['handoff'], params: { required: true } });

const render = (c: Context, status: number, page: Page) => c.html(page.html, status as 400, page.headers);

/** `/auth/PROVIDER/start` and `/auth/PROVIDER/callback`: the sign-in popup's pages (or a full-page redirect). */
export function authRoutes(deps: Deps) {
  const providers = createSignInProviders(deps.config.auth, deps.repos.authFlows, deps.clock);

  function providerOf(c: Context): SignInProvider {
    const provider = providers.get(c.req.param('provider') ?? '');
    if (!provider) throw new AppError(404, 'unknown_provider', 'This comment server does not offer sign-in with that provider.');
    return provider;
  }

  /** The popup's words: in the language the widget said (at the start, or stored with the flow), else the browser's. */
  const words = (c: Context, lang?: string) => (lang ? serverStrings(lang) : acceptedStrings(c.req.header('accept-language')));

  /** Renders a refusal as a page; `where` is given only when it is safe to tell the embedding page. */
  function refuse(c: Context, error: unknown, lang?: string, where?: { origin: string; page: string }) {
    if (!(error instanceof AppError)) throw error;
    return render(c, error.status, errorPage({ code: error.code, message: error.message }, words(c, lang), where));
  }

  return new Hono()
    .route('/', emailSignInLinkRoutes(deps, pages, words))
    .get('/auth/:provider/start', async (c) => {
      try {
        await deps.limits.actions.hit(`ip:${clientIp(c, deps.config.trustProxy)}`);
        const provider = providerOf(c);
        const query = parse(startQuery, c.req.query());
        if (provider.needsInstance && !query.instance) {
          const { instance: _, ...params } = c.req.query();
          return render(c, 200, instancePage(c.req.path, params, words(c, query.lang)));
        }
        const baseUrl = deps.config.publicUrl || new URL(c.req.url).origin;
        const url = await startSignIn(deps, provider, {
          ...query,
          handoff: query.handoff ?? '',
          baseUrl,
          lang: words(c, query.lang).lang,
          ownOrigin: ownOrigin(c, deps.config),
        });
        return c.redirect(url.href, 302);
      } catch (error) {
        const lang = languageTag.safeParse(c.req.query('lang')).data;
        if (error instanceof AppError && error.field === 'instance') {
          const { instance: _, ...params } = c.req.query();
          return render(c, 400, instancePage(c.req.path, params, words(c, lang), error.message));
        }
        return refuse(c, error, lang);
      }
    })
    .get('/auth/:provider/callback', async (c) => {
      let flow: AuthFlow | undefined;
      try {
        const provider = providerOf(c);
        const state = c.req.query('state');
        flow = await takeFlow(deps, provider.id, state);
        const params = new URL(c.req.url).searchParams;
        const done = await finishSignIn(deps, provider, flow, state!, params, ownOrigin(c, deps.config));
        if (done.mode === 'redirect') return c.redirect(done.location, 303);
        return render(c, 200, sessionPage(done.token, done.origin, done.providerName, words(c, flow.lang)));
      } catch (error) {
        const where = flow && originAllowed(deps, flow.origin, ownOrigin(c, deps.config)) ? { origin: flow.origin, page: flow.page } : undefined;
        return refuse(c, error, flow?.lang, where);
      }
    });
}
