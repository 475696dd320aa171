/**
 * One page of a thread as HTML, read the way GET /api/comments reads it (the same repository
 * call, the same public mapping of rows), for GET /thread.html and for the answer of a refused
 * POST /comments/form: a fragment, or a whole styled document around it.
 */
import type { Deps } from '../deps.ts';
import { commentJson } from '../comments/to-json.ts';
import { encodeCursor } from '../comments/cursor.ts';
import { guestMarks } from '../comments/guest-marks.ts';
import { pageHref } from '../comments/page-key.ts';
import { PUBLIC_VIEWER, type Cursor, type Sort } from '../db/types.ts';
import { closingTime } from '../moderation/decide.ts';
import { formTime } from '../comments/form-time.ts';
import { fill, serverStrings } from '../i18n/index.ts';
import { widgetConfig } from '../routes/widget-config.ts';
import { threadHtml } from './thread-html.ts';
import type { FormView } from './thread-form.ts';
import { h, type Html } from './html.ts';

/** The widget's first page holds as many top-level comments (GET /api/comments' default limit): the fragment it takes over holds the same. */
export const PAGE_LIMIT = 50;

export interface PageRequest {
  page: string;
  site: string;
  lang: string | undefined;
  /** The page's title as the blog gives it, when the thread has none yet. */
  title: string;
  sort: Sort;
  after: Cursor | null;
  standalone: boolean;
  /** The comment the form replies to. */
  reply: number | undefined;
  /** The rest of this top-level comment's branch after `after` ("Show more replies"), instead of a page of the thread. */
  root?: number;
  /** This comment with the comments it answers, instead of a page of the thread (where a comment just posted is shown). */
  comment?: number;
  /** This server's origin as the browser sees it. */
  own: string;
}

/** What a refused form post brings back into the form. */
export type Refusal = Pick<FormView, 'values' | 'error'>;

/**
 * How long a drawn page holding a form may be served from the cache. The form's signed draw time
 * is the end of that span, the latest moment a reader can have received it, so the minimum fill
 * time is never counted from before the reader had the form (at most this much too little).
 */
export const FORM_FRESH_MS = 1000;

export interface DrawnPage {
  html: string;
  /** When the thread closes by age (the page must be drawn afresh then), else Infinity. */
  expiresAt: number;
  /** Until when this page may be served as drawn (its form's signed draw time), else Infinity. */
  keepUntil: number;
}

export function createThreadPages(deps: Deps) {
  const { config, repos, clock } = deps;
  const configFor = widgetConfig(deps);
  // Links to the thread's page on the blog: the first embedding origin, else PUBLIC_URL (as the feed links them).
  const pageBase = config.siteOrigins[0] ?? config.publicUrl;

  /** A standalone document of this thread on this server, with `extra` parameters. */
  const standaloneHref = (r: PageRequest, extra: Record<string, string> = {}) =>
    `${r.own}/thread.html?${new URLSearchParams({ page: r.page, site: r.site, ...(r.lang ? { lang: r.lang } : {}), ...extra, standalone: '1' })}`;

  return async function draw(r: PageRequest, refusal?: Refusal): Promise<DrawnPage> {
    const t = serverStrings(r.lang);
    const where = { siteId: r.site, page: r.page, viewer: PUBLIC_VIEWER, after: r.after };
    const result =
      r.comment !== undefined
        ? await repos.comments.listChain({ ...where, comment: r.comment })
        : r.root === undefined
          ? await repos.comments.listThread({ ...where, sort: r.sort, limit: PAGE_LIMIT })
          : await repos.comments.listBranch({ ...where, root: r.root });
    const guests = await guestMarks(repos.members, r.site, result.comments);
    const toJson = (row: (typeof result.comments)[number]) => commentJson(row, r.page, deps.avatarBase, false, guests.has(row.id));
    const comments = result.comments.map(toJson);
    const closesAt = result.thread ? closingTime(await repos.sites.settings(r.site), result.thread) : null;
    const locked = !!result.thread?.locked || (closesAt !== null && clock() >= closesAt);
    const widget = await configFor(r.site);
    // The heading is the title the blog gives (as the widget's data-title); the stored one only when it gives none.
    const title = r.title || result.thread?.title || '';
    // A reply to a comment on another page of the thread (a refused reply is drawn again on the first page): found by its chain.
    const target =
      r.reply === undefined
        ? undefined
        : (comments.find((c) => c.id === r.reply) ?? listedLast(await repos.comments.listChain({ ...where, comment: r.reply }), toJson));
    const replied = target?.status === 'approved' ? target : undefined;
    const lang = t.lang;
    const servedUntil = clock() + FORM_FRESH_MS;
    const form: FormView | null =
      locked || widget.requireSignIn
        ? null
        : {
            action: `${r.own}/comments/form`,
            hidden: {
              page: r.page,
              site: r.site,
              title,
              lang,
              loaded: formTime(deps.secret, servedUntil),
              ...(replied ? { parent: String(replied.id) } : {}),
              ...(r.standalone ? { standalone: '1' } : {}),
            },
            requireNameEmail: widget.requireNameEmail,
            notify: widget.notify,
            maxTextLength: widget.maxTextLength,
            empty: comments.length === 0,
            replyTo: replied ? { name: replied.author.name } : null,
            values: refusal?.values ?? { text: '', name: '', email: '', url: '', notify: false },
            error: refusal?.error ?? null,
          };
    const fragment = threadHtml({
      t,
      title,
      // A date only the first poster gave is not the blog's: search engines are not told it.
      publishedAt: result.thread && result.thread.metaSource !== 'poster' ? result.thread.publishedAt : null,
      count: result.thread?.approvedCount ?? 0,
      comments,
      pageUrl: pageHref(pageBase, r.page),
      server: r.own,
      // A comment's chain is part of the thread: its "Load more comments" leads to the thread's first page.
      next: r.comment !== undefined ? standaloneHref(r) : result.next && standaloneHref(r, { sort: r.sort, after: encodeCursor(result.next) }),
      sorts: { oldest: standaloneHref(r, { sort: 'oldest' }), newest: standaloneHref(r, { sort: 'newest' }), top: standaloneHref(r, { sort: 'top' }) },
      sort: r.sort,
      moreReplies: new Map([...result.more].map(([root, cursor]) => [root, standaloneHref(r, { root: String(root), after: encodeCursor(cursor) })])),
      // The reply link keeps the reader where they are: the same page, branch or chain.
      replyHref: (id) =>
        `${standaloneHref(r, {
          ...(r.sort === 'oldest' ? {} : { sort: r.sort }),
          ...(r.after ? { after: encodeCursor(r.after) } : {}),
          ...(r.root !== undefined ? { root: String(r.root) } : {}),
          ...(r.comment !== undefined ? { comment: String(r.comment) } : {}),
          reply: String(id),
        })}#parley-form`,
      form,
      locked,
      stylesheet: !r.standalone,
    });
    const expiresAt = closesAt !== null && !locked ? closesAt : Infinity;
    const keepUntil = form ? servedUntil : Infinity;
    if (!r.standalone) return { html: String(fragment), expiresAt, keepUntil };
    const html = documentOf(lang, t.dir, title ? fill(t.title, { title }) : r.page, r.own, pageHref(pageBase, r.page), fragment);
    return { html: String(html), expiresAt, keepUntil };
  };
}

/** The last comment of a chain (the one asked for), as the public sees it. */
function listedLast<R, J>(page: { comments: R[] }, toJson: (row: R) => J): J | undefined {
  const last = page.comments.at(-1);
  return last === undefined ? undefined : toJson(last);
}

/** The standalone document (for `<noscript><iframe>` and for the pages the form's answers lead to). */
function documentOf(lang: string, dir: string, title: string, own: string, canonical: string | null, body: Html): Html {
  return h`<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${
    canonical && /^https?:/.test(canonical) ? h`<link rel="canonical" href="${canonical}">` : ''
  }<link rel="stylesheet" href="${own}/thread.css"></head><body>${body}</body></html>
`;
}

export type ThreadPages = ReturnType<typeof createThreadPages>;
