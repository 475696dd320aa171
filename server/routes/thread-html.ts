import { type Context, Hono } from 'hono';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { parse } from '../http/validate.ts';
import { encodedBody, type EncodedBody } from '../http/encoding.ts';
import { sendStatic, type StaticFile } from '../http/static-file.ts';
import { ownOrigin } from '../http/own-origin.ts';
import { label, languageTag, pageKey, siteId, commentId } from '../comments/schemas.ts';
import { decodeCursor } from '../comments/cursor.ts';
import { ROOT } from '../paths.ts';
import { scopeCss } from '../threads/thread-css.ts';
import { createThreadPages, type PageRequest } from '../threads/thread-page.ts';
import { threadGroup } from '../comments/thread-group.ts';
import { standalonePolicy } from '../threads/standalone-policy.ts';
import { serverStrings } from '../i18n/index.ts';

const htmlQuery = z.object({
  page: pageKey,
  site: siteId.default('default'),
  lang: languageTag,
  title: label(300).default(''),
  sort: z.enum(['oldest', 'newest', 'top']).default('oldest'),
  after: z.string().max(200).optional(),
  standalone: z.literal('1').optional(),
  reply: commentId.optional(),
  /** The rest of one long branch ("Show more replies"). */
  root: commentId.optional(),
  /** One comment with the comments it answers (where the form's answer shows a comment just posted). */
  comment: commentId.optional(),
});

const SECURITY = { 'X-Content-Type-Options': 'nosniff' };

/**
 * `GET /thread.html`: a thread drawn on the server (a fragment, or with `standalone=1` a whole
 * document), cached with the JSON thread and forgotten on the same writes, with an ETag and in the
 * encoding the client accepts; `GET /thread.css`, its stylesheet.
 */
export function threadHtmlRoutes(deps: Deps) {
  const { config, cache } = deps;
  const draw = createThreadPages(deps);
  const etags = new WeakMap<EncodedBody, string>();
  let css: Promise<StaticFile> | undefined;
  const policy = standalonePolicy(config);

  const asFile = (body: EncodedBody): StaticFile => {
    let etag = etags.get(body);
    if (etag === undefined) {
      etag = createHash('sha256').update(body.raw).digest('hex').slice(0, 16);
      etags.set(body, etag);
    }
    return { ...body, etag };
  };

  return new Hono()
    .get('/thread.html', async (c) => {
      const query = parse(htmlQuery, c.req.query());
      const request: PageRequest = {
        page: query.page,
        site: query.site,
        // The language as it will be drawn (en-US and en-GB are one answer), so varying the tag cannot push the thread's pages out of the cache.
        lang: query.lang === undefined ? undefined : serverStrings(query.lang).lang,
        title: query.title,
        sort: query.sort,
        after: decodeCursor(query.after),
        standalone: query.standalone === '1',
        reply: query.reply,
        root: query.root,
        comment: query.comment,
        own: ownOrigin(c, config),
      };
      const group = threadGroup(query.site, query.page);
      // The origin is part of the key: a request naming another Host must not write its links into others' answers.
      const key = [
        'html',
        request.own,
        request.lang ?? '',
        query.title,
        query.sort,
        query.after ?? '',
        query.standalone ?? '',
        query.reply ?? '',
        query.root ?? '',
        query.comment ?? '',
      ].join('\n');
      let body = cache.get(group, key);
      if (!body) {
        const drawn = await draw(request);
        body = encodedBody(drawn.html);
        cache.set(group, key, body, undefined, drawn.expiresAt, drawn.keepUntil);
      }
      return sendStatic(c, asFile(body), {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        ...SECURITY,
        ...(request.standalone ? { 'Content-Security-Policy': policy } : {}),
      });
    })

    .get('/thread.css', async (c: Context) => {
      // The first paint's styles and those of the states a reader reaches by acting (a refused field's error in red).
      css ??= Promise.all(['styles.css', join('actions', 'styles.css')].map((name) => readFile(join(ROOT, 'widget', name), 'utf8'))).then((sources) =>
        asFile(encodedBody(scopeCss(sources.join('\n')))),
      );
      return sendStatic(c, await css, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600', ...SECURITY });
    });
}
