/**
 * One store per mounted thread: the signals that describe it and the actions that change them.
 * Components read the signals and call the actions; nothing else talks to the API.
 */
import { batch, computed, signal } from '@preact/signals';
import type * as Api from './api.ts';
import type { Account, ApiError, Comment, Config, Sort, ThreadInfo, ThreadOptions, ThreadPage } from './types.ts';
import en from './i18n/en.ts';
import { dateFormatter, fmt } from './format.ts';
import { buildTree, merge } from './tree.ts';
import { type Guest, type Tokens, read, saveToken, tokensFor, write } from './storage.ts';

export type ThreadStore = ReturnType<typeof createThreadStore>;

/** The requests a thread makes (sign-in.js and actions.js make their own: widget/sign-in/, widget/actions/). */
export type StoreApi = Pick<typeof Api, 'getComments' | 'postComment' | 'liveEvents'>;

export function createThreadStore(api: StoreApi, options: ThreadOptions) {
  const o = { ...options, sort: (/^(newest|top)$/.test(options.sort!) ? options.sort : 'oldest') as Sort };
  const config = signal<Config | null>(null);
  const thread = signal<ThreadInfo | null>(null);
  const comments = signal<Comment[]>([]);
  const next = signal<string | null>(null);
  const status = signal<'loading' | 'ready' | 'error'>('loading');
  const more = signal<'' | 'loading' | 'error'>('');
  /** Branches that go on beyond what is loaded: root id → cursor; and the one whose rest is loading (or failed). */
  const branches = signal<Record<string, string>>({});
  const branching = signal<{ root: number; failed: boolean } | null>(null);
  const sort = signal(o.sort);
  const replyTo = signal<number | null>(null);
  /** The comment to scroll to and highlight; a new object each time so the same id can be revealed again. */
  const target = signal<{ id: number } | null>(null);
  const liked = signal(read<number[]>('liked', []));
  /** Comments this reader reported (kept, so Report shows once), and the one whose report form is open. */
  const reported = signal(read<number[]>('reported', []));
  const reporting = signal<number | null>(null);
  const now = signal(Date.now());
  /** What the polite live region says: loading, or that someone else's comment arrived. */
  const news = signal('');
  const posting = signal(false);
  /** The signed-in reader; set by the sign-in bundle (widget/sign-in/). */
  const account = signal<Account | null>(null);
  const postError = signal<ApiError | null>(null);
  /** The comment whose body is being edited, the one whose deletion is being asked, the last failed action. */
  const editing = signal<number | null>(null);
  const asking = signal<number | null>(null);
  const failure = signal<{ id: number; error: ApiError } | null>(null);
  /** This reader's comments whose last edit waits for a moderator (the approved version stays shown). */
  const heldEdits = signal<number[]>([]);
  const guest = read<Guest>('guest', { name: '', email: '', url: '' });
  const draft = { text: signal(''), name: signal(guest.name), email: signal(guest.email), url: signal(guest.url), notify: signal(false), hp: signal('') };
  /** When the form appeared (reset after each comment): the server holds comments sent faster than a person types. */
  let formAt = Date.now();
  const tree = computed(() => buildTree(comments.value));
  /** The Markdown typed in this session, so Edit starts from it rather than from the HTML. */
  const sources = new Map<number, string>();
  let tokens = read<Tokens>('tokens', {});
  let seq = 0;
  const date = dateFormatter(en);
  const timer = setInterval(() => (now.value = Date.now()), 15e3);
  let closeLive: (() => void) | undefined;

  const fetchPage = (after?: string, root?: number, comment?: number) =>
    api.getComments(o.base, { page: o.page, site: o.site, sort: sort.value, after, root, comment }, tokensFor(tokens, o.page, o.site));
  const find = (id: number) => comments.value.find((c) => c.id == id);
  const put = (c: Comment) => (comments.value = merge(comments.value, [c]));
  const recount = (by: number) => (thread.value = { ...thread.value!, count: thread.value!.count + by });
  /** The like count of comment `id` changed (a like here, or live from others). */
  const likes = (id: number, count: number) => find(id) && put({ ...find(id)!, likes: count });

  /** Comment `id` is gone for good (deleted, or no longer on the server): its edit token and liked mark go with it. */
  function forget(id: number) {
    delete tokens[id];
    write('tokens', tokens);
    write('liked', (liked.value = liked.value.filter((x) => x != id)));
  }

  /** Someone else's comment arrived or changed (server-sent events). */
  function arrived(c: Comment) {
    const known = find(c.id);
    batch(() => {
      put({ ...c, mine: known ? known.mine : !!tokens[c.id] });
      if (!known) {
        recount(1);
        news.value = fmt(en.arrived, { name: c.author.name });
      }
    });
  }

  /** A comment left the public thread: gone, or a placeholder when replies hang from it; this browser forgets it. */
  function dropped(id: number, placeholder = tree.value.has(id)) {
    forget(id);
    const c = find(id);
    if (!c) return;
    batch(() => {
      if (placeholder) put({ ...c, status: 'deleted', html: '', author: { name: '', url: '', avatar: '', isModerator: false } });
      else comments.value = comments.value.filter((x) => x.id != id);
      if (c.status == 'approved') recount(-1);
    });
  }

  function live() {
    closeLive?.();
    closeLive = api.liveEvents(o.base, o, {
      comment: arrived,
      removed: ({ id }) => dropped(id),
      likes: (c) => likes(c.id, c.likes),
    });
  }

  function show(page: ThreadPage, list: Comment[], fresh = false) {
    thread.value = page.thread;
    comments.value = list;
    branches.value = { ...(fresh ? {} : branches.value), ...page.more };
  }

  /** (Re)loads the first page; `quiet` keeps the current list on screen meanwhile. */
  async function load(quiet = false) {
    const n = ++seq;
    if (!quiet) status.value = 'loading';
    try {
      // One request draws the thread: each page carries the form's configuration.
      const page = await fetchPage();
      if (n == seq) batch(() => ((config.value = page.config), show(page, page.comments, true), (next.value = page.next), (status.value = 'ready')));
      if (n == seq && !quiet) live();
    } catch (error) {
      console.warn('[parley] could not load comments', error);
      if (n == seq) status.value = 'error';
    }
  }

  /** Appends the next page; resolves to false when it failed. */
  async function loadMore() {
    const n = seq;
    more.value = 'loading';
    try {
      const page = await fetchPage(next.value!);
      if (n == seq) batch(() => (show(page, merge(comments.value, page.comments)), (next.value = page.next), (more.value = '')));
      return true;
    } catch (error) {
      console.warn('[parley] could not load more comments', error);
      more.value = 'error';
      return false;
    }
  }

  /** Loads the rest of the branch under top-level comment `root` ("Show more replies"); resolves to false when it failed. */
  async function loadBranch(root: number) {
    const n = seq;
    branching.value = { root, failed: false };
    try {
      const page = await fetchPage(branches.value[root], root);
      if (n != seq) return true;
      const rest = { ...branches.value };
      delete rest[root];
      batch(() => ((branches.value = rest), show(page, merge(comments.value, page.comments)), (branching.value = null)));
      return true;
    } catch (error) {
      console.warn('[parley] could not load more replies', error);
      branching.value = { root, failed: true };
      return false;
    }
  }

  /**
   * Loads pages until comment `id` is there (at most 50); a reply deep in a long branch
   * then comes with the comments above it. Makes it the target.
   */
  async function reveal(id: number) {
    for (let pages = 0; !find(id) && next.value && pages < 50; pages++) if (!(await loadMore())) return;
    if (!find(id)) {
      const page = await fetchPage(undefined, undefined, id).catch(() => null);
      if (page) comments.value = merge(comments.value, page.comments);
    }
    if (find(id)) target.value = { id };
  }

  async function post() {
    const parent = replyTo.value ?? undefined;
    const text = draft.text.value;
    const author = { name: draft.name.value, email: draft.email.value, url: draft.url.value };
    posting.value = true;
    postError.value = null;
    try {
      const res = await api.postComment(o.base, {
        page: o.page,
        title: o.title,
        site: o.site,
        parent,
        text,
        author,
        notify: draft.notify.value || undefined,
        hp: draft.hp.value,
        elapsed: Date.now() - formAt,
        published: o.published,
      });
      formAt = Date.now();
      const c = { ...res.comment, mine: true };
      const known = find(c.id);
      if (res.editToken) tokens = saveToken(c.id, { t: res.editToken, p: o.page, s: o.site, at: c.createdAt });
      sources.set(c.id, text);
      write('guest', author);
      batch(() => {
        comments.value = merge(comments.value, [c], !parent && sort.value == 'newest');
        if (c.status == 'approved' && !known) recount(1);
        draft.text.value = '';
        replyTo.value = null;
        target.value = { id: c.id };
      });
    } catch (error) {
      postError.value = error as ApiError;
    } finally {
      posting.value = false;
    }
  }

  /** Runs an action on comment `id`; a failure is kept to be shown under that comment. Resolves to success. */
  function attempt(id: number, action: () => Promise<unknown>) {
    failure.value = null;
    return action().then(
      () => true,
      (error: ApiError) => ((failure.value = { id, error }), false),
    );
  }

  const store = {
    t: en,
    o,
    /** `November 21, 2026 at 9:44 pm`. */
    date,
    config,
    thread,
    comments,
    tree,
    next,
    status,
    more,
    branches,
    branching,
    sort,
    replyTo,
    target,
    liked,
    reported,
    reporting,
    news,
    posting,
    account,
    postError,
    editing,
    asking,
    failure,
    heldEdits,
    draft,
    /** Set when the form moves (reply / cancel) so it takes the focus once mounted. */
    focusForm: false,
    /** The button that opened the on-demand form now open (`edit7`); it takes the focus back once drawn again. */
    refocus: '',
    load,
    loadMore,
    loadBranch,
    reveal,
    post,
    attempt,
    /** A comment left the thread: deleted by its author here, gone from the server (404), or (live) removed by a moderator. */
    dropped,
    /** One of this reader's comments was edited: show it (or, when the edit is held, the approved version), and keep the Markdown. */
    edited(c: Comment, text: string, held = false) {
      sources.set(c.id, text);
      batch(() => {
        put({ ...c, mine: true });
        heldEdits.value = [...heldEdits.value.filter((id) => id != c.id), ...(held ? [c.id] : [])];
      });
    },
    likes,
    /** The edit token this browser holds for comment `id`, if any. */
    token: (id: number) => tokens[id]?.t,
    setSort(value: Sort) {
      sort.value = value;
      return load(true);
    },
    setReply(id: number | null) {
      store.focusForm = true;
      replyTo.value = id;
    },
    /** Switches to another page (single-page apps). */
    update(p: { page: string; title: string }) {
      Object.assign(o, p);
      batch(() => {
        replyTo.value = target.value = postError.value = editing.value = asking.value = failure.value = null;
        draft.text.value = '';
      });
      return load();
    },
    /** Edit and Delete show for the reader's own comments while the edit window is open. */
    canEdit: (c: Comment) => (c.mine || !!tokens[c.id]) && c.status != 'deleted' && now.value < Date.parse(c.createdAt) + config.value!.editWindowMinutes * 6e4,
    /** The Markdown of one's own comment, when known: typed in this visit, or sent by the server to its author. */
    source: (c: Comment) => sources.get(c.id) ?? c.text,
    dispose() {
      clearInterval(timer);
      closeLive?.();
    },
  };
  return store;
}
