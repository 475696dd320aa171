/**
 * A thread as HTML, drawn on the server (GET /thread.html): what the widget draws first, in its
 * markup and classes (so it takes the fragment over without a jump), with schema.org microdata for
 * search engines, plain links for paging and a plain form (thread-form.ts). No script, no handler.
 * Bodies are stored sanitised HTML and go in as they are; every other value is escaped by `html`.
 */
import { raw } from 'hono/html';
import type { CommentJson } from '../comments/to-json.ts';
import type { Sort } from '../db/types.ts';
import { fill, pluralText, type ServerStrings } from '../i18n/index.ts';
import { threadForm, type FormView } from './thread-form.ts';
import { h, type Html } from './html.ts';

export interface ThreadView {
  t: ServerStrings;
  title: string;
  /** When the blog says the page was published (null when unknown or only a poster said so), for microdata. */
  publishedAt: number | null;
  count: number;
  /** Approved comments of this page of the thread, in the order the JSON thread gives them. */
  comments: CommentJson[];
  /** The page's address on the blog (absolute when an origin is configured), for microdata; null when unknown. */
  pageUrl: string | null;
  /** This server's origin ('' when unknown: links stay relative to the server). */
  server: string;
  /** The link to the next page (a standalone document), null on the last. */
  next: string | null;
  /** Links to the thread in each order, and the order shown. */
  sorts: Record<Sort, string>;
  sort: Sort;
  /** For each top-level comment whose branch goes on beyond this page: the link to the rest of it. */
  moreReplies: ReadonlyMap<number, string>;
  /** The reply link of a comment: the standalone document with a form for that reply. */
  replyHref: (id: number) => string;
  /** The form; null when comments are closed, or when only signed-in readers may comment (that needs the widget). */
  form: FormView | null;
  locked: boolean;
  /** Whether to link the stylesheet (a fragment; a standalone document has it in its head). */
  stylesheet: boolean;
}

const SCHEMA = 'https://schema.org/';

/** The fragment: a `<section class="parley">` with `lang` and `dir` of the thread's language. */
export function threadHtml(v: ThreadView): Html {
  const { t } = v;
  const tree = repliesOf(v.comments);
  const heading = v.count
    ? h`<h2 class="parley-title">${raw(fill(escapeText(pluralText(t.lang, t.thread.thoughts, v.count)), { title: String(h`<span dir="auto" itemprop="headline">${v.title || '…'}</span>`) }))}</h2>`
    : '';
  return h`<section class="parley parley-ssr" lang="${t.lang}" dir="${t.dir}" itemscope itemtype="${SCHEMA}DiscussionForumPosting"${v.pageUrl && /^https?:/.test(v.pageUrl) ? h` itemid="${v.pageUrl}"` : ''}>${
    v.stylesheet ? h`<link rel="stylesheet" href="${v.server}/thread.css">` : ''
  }${v.pageUrl ? h`<link itemprop="url" href="${v.pageUrl}">` : ''}<meta itemprop="commentCount" content="${v.count}">${
    v.publishedAt === null ? '' : h`<meta itemprop="datePublished" content="${new Date(v.publishedAt).toISOString()}">`
  }${heading}${
    v.comments.length > 1 ? sortLinks(v) : ''
  }${list(v, tree, 0)}${v.next ? h`<p><a class="parley-more" href="${v.next}">${t.thread.more}</a></p>` : ''}<p id="parley-held" class="parley-notice parley-muted" hidden><em>${t.thread.pending}</em></p>${
    v.form ? threadForm(t, v.form) : v.locked ? h`<p>${t.thread.closed}</p>` : ''
  }</section>`;
}

/** The replies of each comment id (0: the top level); a reply whose parent is not on this page stands at the top level, as the widget shows it. */
function repliesOf(comments: CommentJson[]): Map<number, CommentJson[]> {
  const ids = new Set(comments.map((c) => c.id));
  const tree = new Map<number, CommentJson[]>();
  for (const c of comments) {
    const key = c.parent && ids.has(c.parent) ? c.parent : 0;
    tree.get(key)?.push(c) ?? tree.set(key, [c]);
  }
  for (const [key, kids] of tree) if (key) kids.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
  return tree;
}

function list(v: ThreadView, tree: Map<number, CommentJson[]>, parent: number): Html | '' {
  const kids = tree.get(parent);
  if (!kids) return '';
  return h`<ol class="${parent ? 'parley-replies' : 'parley-list'}">${kids.map(
    (c) =>
      h`<li${c.status === 'deleted' ? '' : h` itemprop="comment" itemscope itemtype="${SCHEMA}Comment"`}>${comment(v, c)}${list(v, tree, c.id)}${parent ? '' : moreReplies(v, c.id)}</li>`,
  )}</ol>`;
}

/** Under a branch that goes on beyond this page, as the widget has its "Show more replies" button. */
const moreReplies = (v: ThreadView, root: number) => {
  const href = v.moreReplies.get(root);
  return href ? h`<p><a class="parley-more" href="${href}">${v.t.thread.moreReplies}</a></p>` : '';
};

function comment(v: ThreadView, c: CommentJson): Html {
  const { t } = v;
  const id = `comment-${c.id}`;
  if (c.status === 'deleted') return h`<article id="${id}" class="parley-comment"><p class="parley-muted">${t.thread.deleted}</p></article>`;
  const a = c.author;
  const ping = c.kind && t.thread[c.kind];
  const name = /^https?:/i.test(a.url)
    ? h`<a href="${a.url}" rel="nofollow ugc noopener" itemprop="url"><span itemprop="name">${a.name}</span></a>`
    : h`<span itemprop="name">${a.name}</span>`;
  const badge = (text: string | false | undefined) => (text ? h`<span class="parley-badge">${text}</span>` : '');
  const avatar = a.avatar && !ping ? h`<img class="parley-avatar" loading="lazy" src="${absolute(v.server, a.avatar)}" width="40" height="40" alt="">` : '';
  return h`<article id="${id}" class="parley-comment">${avatar}<p class="parley-meta">${badge(ping)}<b dir="auto" itemprop="author" itemscope itemtype="${SCHEMA}Person">${name}</b>${badge(c.pinned && t.thread.pinned)}${badge(a.isModerator && t.thread.moderator)}${badge(a.guest && t.thread.guest)}${badge(a.provider)}<span class="parley-date"><a href="#${id}" title="${t.thread.permalink}"><time datetime="${c.createdAt}" itemprop="dateCreated">${dateText(t, c.createdAt)}</time></a>${
    c.editedAt ? ` · ${t.thread.edited}` : ''
  }</span>${c.replyTo ? h`<span class="parley-to">${raw(fill(escapeText(t.thread.inReplyTo), { name: String(h`<span dir="auto">${c.replyTo}</span>`) }))}</span>` : ''}</p><div class="parley-body" dir="auto" itemprop="text">${raw(c.html)}</div>${
    ping ? '' : actions(v, c)
  }${v.pageUrl ? h`<link itemprop="url" href="${v.pageUrl}#${id}">` : ''}</article>`;
}

/** Where the widget has Reply and Like: a link to a reply form, and the likes as words. */
function actions(v: ThreadView, c: CommentJson): Html {
  const likes = c.likes > 0 ? h`<span>${pluralText(v.t.lang, v.t.thread.likes, c.likes)}</span><meta itemprop="upvoteCount" content="${c.likes}">` : '';
  return h`<div class="parley-actions">${v.form ? h`<a href="${v.replyHref(c.id)}" aria-label="${fill(v.t.thread.replyTo, { name: c.author.name })}">${v.t.thread.reply}</a>` : ''}${likes}</div>`;
}

function sortLinks(v: ThreadView): Html {
  const link = (sort: Sort) =>
    sort === v.sort ? h`<b aria-current="true">${v.t.thread[sort]}</b>` : h`<a href="${v.sorts[sort]}" rel="nofollow">${v.t.thread[sort]}</a>`;
  return h`<p class="parley-sort">${v.t.thread.sort}: <span class="parley-sorts">${link('oldest')} · ${link('newest')} · ${link('top')}</span></p>`;
}

/** `/avatar/KEY` on this server, absolute so it loads inside the blog's page. */
const absolute = (server: string, path: string) => (/^https?:/i.test(path) ? path : `${server}${path}`);

/** Escapes a translated sentence before HTML is filled into its holes. */
const escapeText = (text: string) => String(h`${text}`);

const pad = (n: number) => String(n).padStart(2, '0');

/** `November 21, 2026 at 9:44 pm`, as the widget writes it (widget/format.ts), in UTC. */
export function dateText(t: ServerStrings, iso: string): string {
  const s = t.thread;
  const d = new Date(iso);
  const hours = d.getUTCHours();
  const minutes = pad(d.getUTCMinutes());
  const time = s.clock == '24' ? `${pad(hours)}:${minutes}` : `${hours % 12 || 12}:${minutes} ${hours < 12 ? s.am : s.pm}`;
  const date = fill(s.date, { month: s.months.split('|')[d.getUTCMonth()] ?? '', day: d.getUTCDate(), year: d.getUTCFullYear() });
  return fill(s.at, { date, time });
}
