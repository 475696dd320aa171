/**
 * Live changes to the thread (server-sent events) and what the reader's own actions take away.
 * Part of actions.js, which embed.js loads right after the first paint to start them
 * (widget/components/on-demand.ts), so embed.js carries only what draws the thread.
 */
import { liveEvents } from '../api.ts';
import { fmt } from '../format.ts';
import { merge } from '../tree.ts';
import { loadMore } from './pages.ts';
import type { ThreadStore } from '../store.ts';
import type { Comment } from '../types.ts';
import { CommentError, Fragment, h, useSignal, useStore } from './kit.ts';

declare const __PARLEY_MODERATE__: string;
let moderating: Promise<void> | undefined;
const started = new WeakSet<ThreadStore>();

/** Loads moderate.js (its hashed name compiled in by the build) once a page, and starts it for thread `s` once. */
function moderate(s: ThreadStore) {
  moderating ??= new Promise((resolve, reject) =>
    document.head.append(Object.assign(document.createElement('script'), { src: s.o.base + __PARLEY_MODERATE__, onload: resolve, onerror: reject })),
  );
  moderating.then(
    () => {
      if (started.has(s)) return;
      started.add(s);
      void window.ParleyModerate!({ h, Fragment, useSignal, useStore, CommentError }, s);
    },
    (error) => console.warn('[parley] no moderation controls', error),
  );
}

/** Per thread: the live comments waiting for the answer to this reader's own post, while it is in flight. */
const held = new WeakMap<ThreadStore, Comment[]>();

/** A comment left the public thread: gone, or a placeholder when replies hang from it; this browser forgets it. */
export function dropped(s: ThreadStore, id: number, placeholder = s.tree.value.has(id)) {
  s.forget(id);
  const c = s.find(id);
  if (!c) return;
  if (placeholder) s.put({ ...c, status: 'deleted', html: '', author: { name: '', url: '', avatar: '', isModerator: false } });
  else s.comments.value = s.comments.value.filter((x) => x.id != id);
  if (c.status == 'approved') s.recount(-1);
}

/** Someone else's comment arrived or changed: shown, and a new one counted and announced. */
export function arrived(s: ThreadStore, c: Comment) {
  const waiting = held.get(s);
  if (waiting) return void waiting.push(c);
  const known = s.find(c.id);
  // Several signals change; Preact draws the thread once for them (its renders are deferred).
  s.put({ ...c, mine: known ? known.mine : s.owns(c.id) });
  if (!known) {
    s.recount(1);
    s.news.value = fmt(s.t.arrived, { name: c.author.name });
  }
}

/**
 * While this reader's comment is being posted, live comments wait for the POST's answer: the live
 * event can come first, and the reader's own comment must not be announced as someone else's.
 * The returned function lets them in.
 */
export function hold(s: ThreadStore) {
  held.set(s, []);
  return () => {
    const waiting = held.get(s)!;
    held.delete(s);
    for (const c of waiting) arrived(s, c);
  };
}

/** Whether count.js was asked for (once a page). */
let counting = false;

/** Comment counts elsewhere on the page (`[data-parley-count]`) are count.js's job: loaded once, only where there are some. */
function loadCounts(s: ThreadStore) {
  if (counting || !document.querySelector('[data-parley-count]')) return;
  counting = true;
  const script = Object.assign(document.createElement('script'), { src: s.o.base + 'count.js' });
  Object.assign(script.dataset, { lang: s.o.lang, ...(s.o.site && { site: s.o.site }) });
  document.head.append(script);
}

/** Opens the thread's live stream (`events`: the request, replaceable in unit tests), and has count.js fill the page's counts. */
export function live(s: ThreadStore, events = liveEvents) {
  loadCounts(s);
  // An account linked to a moderator (signed in now or later): its controls load, for this reader only.
  s.account.subscribe((account) => account?.moderator && moderate(s));
  s.live(
    events(s.o.base, s.o, {
      comment: (c) => arrived(s, c),
      removed: ({ id }) => dropped(s, id),
      likes: (c) => s.likes(c.id, c.likes),
    }),
  );
}

/**
 * Loads pages until comment `id` is there (at most 50); a reply deep in a long branch then comes
 * with the comments above it. Makes it the target: a `#comment-ID` link.
 */
export async function reveal(s: ThreadStore, id: number) {
  for (let pages = 0; !s.find(id) && s.next.value && pages < 50; pages++) if (!(await loadMore(s))) return;
  if (!s.find(id)) {
    const page = await s.fetchPage(undefined, undefined, id).catch(() => null);
    if (page) s.comments.value = merge(s.comments.value, page.comments);
  }
  if (s.find(id)) s.target.value = { id };
}
