import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { formBody } from '../http/form-body.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { languageTag, pageKey, siteId } from '../comments/schemas.ts';
import { createPoster } from '../comments/post-comment.ts';
import { formElapsed } from '../comments/form-time.ts';
import { pageHref } from '../comments/page-key.ts';
import { pageOrigin } from '../mail/page-origin.ts';
import { createThreadPages, type PageRequest, type Refusal } from '../threads/thread-page.ts';
import { standalonePolicy } from '../threads/standalone-policy.ts';

/**
 * `POST /comments/form`: a guest comment from the server-drawn form, without JavaScript. It goes
 * the JSON API's way (server/comments/post-comment.ts): the same rate limit, validation,
 * moderation and spam checks, the form's signed draw time as the fill time. Never signed in: no
 * cookie or token is read, so a moderator's browser posts as a guest like any other. Accepted from
 * the origins a guest post through the JSON API is (with SITE_ORIGINS set, those, and this server's
 * own standalone documents). Answers 303 to the blog page at `#comment-ID` (published) or
 * `#parley-held` (held), on a configured origin — never to an address the request names; a
 * refused post answers the thread as a document with what was typed and the error beside its field.
 */
export function commentFormRoutes(deps: Deps) {
  const { config } = deps;
  const poster = createPoster(deps);
  const draw = createThreadPages(deps);
  const policy = standalonePolicy(config);

  return new Hono().post('/comments/form', async (c) => {
    const own = ownOrigin(c, config);
    const fields = await formBody(c);
    const request: PageRequest = {
      page: fields.page ?? '',
      site: siteId.safeParse(fields.site || 'default').data ?? 'default',
      lang: languageTag.parse(fields.lang),
      title: '',
      sort: 'oldest',
      after: null,
      standalone: fields.standalone === '1',
      reply: undefined,
      own,
    };
    const values: Refusal['values'] = {
      text: fields.text ?? '',
      name: fields.name ?? '',
      email: fields.email ?? '',
      url: fields.url ?? '',
      notify: fields.notify === '1',
    };
    try {
      const origin = c.req.header('origin');
      if (origin !== undefined && config.siteOrigins.length && !config.siteOrigins.includes(origin) && origin !== own) {
        throw new AppError(403, 'origin_not_allowed', `Pages on ${origin} may not post to this comment server.`);
      }
      await poster.admit(c, null);
      const { comment, thread } = await poster.post(
        c,
        {
          page: fields.page,
          title: fields.title ?? '',
          site: fields.site || 'default',
          parent: fields.parent || null,
          text: values.text,
          author: { name: values.name, email: values.email, url: values.url },
          notify: values.notify,
          hp: fields.hp || undefined,
          elapsed: formElapsed(deps.secret, fields.loaded, deps.clock()),
          lang: request.lang,
        },
        null,
      );
      const published = comment.status === 'approved';
      const back = backTo(c, { ...request, page: thread.page }, published ? comment.id : undefined);
      return c.body(null, 303, { Location: back, 'Cache-Control': 'no-store' });
    } catch (error) {
      // A refusal the reader can act on comes back in the form; one without a thread to draw it in goes the JSON way.
      if (!(error instanceof AppError) || !pageKey.safeParse(request.page).success) throw error;
      const retryAfter = Number(error.headers?.['Retry-After']) || undefined;
      const { html } = await draw(
        { ...request, standalone: true, reply: Number(fields.parent) || undefined },
        {
          values,
          error: { field: error.field, code: error.code, message: error.message, retryAfter },
        },
      );
      return c.html(html, error.status, {
        ...error.headers,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
      });
    }
  });

  /**
   * The blog page on a configured origin (server/mail/page-origin.ts), else this server's standalone
   * document of the thread, at the comment just published or at the held notice. The standalone
   * document shows the published comment's chain (it may be past the first page), whose "Load more
   * comments" leads back to the thread.
   */
  function backTo(c: Context, r: PageRequest, published: number | undefined): string {
    const at = published === undefined ? '#parley-held' : `#comment-${published}`;
    const origin = r.standalone ? '' : pageOrigin(config.siteOrigins, c.req.header('origin'), r.own);
    const href = origin && pageHref(origin, r.page);
    if (href) return `${href}${at}`;
    const chain: Record<string, string> = published === undefined ? {} : { comment: String(published) };
    return `${r.own}/thread.html?${new URLSearchParams({ page: r.page, site: r.site, ...(r.lang ? { lang: r.lang } : {}), ...chain, standalone: '1' })}${at}`;
  }
}
