import type { ComponentChild } from 'preact';
/**
 * One store per mounted thread: the signals that describe it and the actions that change them.
 * Components read the signals and call the actions; nothing else talks to the API.
 */
import { batch, computed, signal } from '@preact/signals';
import type * as Api from './api.ts';
import type { Account, ApiError, Comment, Config, Sort, ThreadInfo, ThreadOptions, ThreadPage } from './types.ts';
import en, { type Locale } from './i18n/en.ts';
import { localeFor } from './lang/choose.ts';
import { loadLocale } from './lang/load.ts';
import { dateFormatter } from './format.ts';
import { buildTree, merge } from './tree.ts';
import { type Guest, type Tokens, read, tokensFor, write } from './storage.ts';

export type ThreadStore = ReturnType<typeof createThreadStore>;

/** The requests a thread makes to draw itself (sign-in.js and actions.js make the others, posting and live events too). */
export type StoreApi = Pick<typeof Api, 'getComments'>;

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
  /** Whether the whole page is drawn: the first paint draws the first screenful of it (FIRST top-level comments), the rest follows. */
  const whole = signal(false);
  const posting = signal(false);
  /** The signed-in reader; set by the sign-in bundle (widget/sign-in/). */
  const account = signal<Account | null>(null);
  const postError = signal<ApiError | null>(null);
  /** The form's fields the browser found missing or malformed, by API field name (checked before posting). */
  const invalid = signal<Record<string, ApiError>>({});
  /** The comment whose body is being edited, the one whose deletion is being asked, the last failed action. */
  const editing = signal<number | null>(null);
  const asking = signal<number | null>(null);
  const failure = signal<{ id: number; error: ApiError } | null>(null);
  /** This reader's comments whose last edit waits for a moderator (the approved version stays shown). */
  const heldEdits = signal<number[]>([]);
  const guest = read<Guest>('guest', { name: '', email: '', url: '' });
  const draft = { text: signal(''), name: signal(guest.name), email: signal(guest.email), url: signal(guest.url), notify: signal(false), hp: signal('') };
  const tree = computed(() => buildTree(comments.value));
  /** The Markdown typed in this session, so Edit starts from it rather than from the HTML. */
  const sources = new Map<number, string>();
  let tokens = read<Tokens>('tokens', {});
  let seq = 0;
  /**
   * The thread's words: English at once, or (null) until the language asked for has arrived. It is
   * fetched alongside the first page of comments and both are shown together, so a page in another
   * language never shows English first.
   */
  const strings = signal<Locale | null>(localeFor(o.lang || 'en') == 'en' ? en : null);
  const words = strings.value ? null : loadLocale(o.base, o.lang!);
  const t = () => strings.value ?? en;
  const date = computed(() => dateFormatter(t()));
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
    liked.value = liked.value.filter((x) => x != id);
    write('liked', liked.value);
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
      // One request draws the thread (each page carries the form's configuration), while the locale loads beside it.
      const [page, locale] = await Promise.all([fetchPage(), words]);
      if (n == seq)
        batch(() => {
          strings.value ??= locale ?? en;
          config.value = page.config;
          show(page, page.comments, true);
          next.value = page.next;
          status.value = 'ready';
        });
    } catch (error) {
      console.warn('[parley] could not load comments', error);
      strings.value ??= (await words) ?? en;
      if (n == seq) status.value = 'error';
    }
  }

  /** Runs an action on comment `id`; a failure is kept to be shown under that comment. Resolves to success. */
  function attempt(id: number, action: () => Promise<unknown>) {
    failure.value = null;
    return action().then(
      () => true,
      (error: ApiError) => {
        failure.value = { id, error };
        return false;
      },
    );
  }

  const store = {
    /** A moderator's controls under a comment: set by moderate.js, for an account linked to a moderator only. */
    mod: undefined as ((c: Comment) => ComponentChild) | undefined,
    /** The words of the thread's language (English while another one is on its way). */
    get t() {
      return t();
    },
    /**
     * Adds the words an on-demand bundle brought (English's words for its forms and errors travel
     * with it: widget/lang/english-parts.ts) where the thread's words lack them.
     */
    learn(words: Partial<Locale>) {
      // In place: nothing drawn so far uses these words, so the thread need not be drawn again.
      const now = t() as Record<string, unknown>;
      for (const [key, value] of Object.entries(words)) now[key] ??= value;
      now.errors = { ...words.errors, ...(now.errors as object) };
    },
    /** The thread's shadow root (set by mount.ts), for the styles the on-demand bundles bring. */
    root: null as ShadowRoot | null,
    /** Adds a stylesheet to the thread's shadow root. */
    adopt(css: string) {
      const root = store.root!;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    },
    /** The thread's words once there (null meanwhile: the live region says nothing in English). */
    strings,
    o,
    /** The level of the thread's heading (`data-heading-level`, 2 by default). */
    level: Math.min(o.headingLevel || 2, 5),
    /** `November 21, 2026 at 9:44 pm`, in the thread's language. */
    date: (iso: string) => date.value(iso),
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
    whole,
    posting,
    account,
    postError,
    invalid,
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
    /** Which load is the latest: a page that arrives after a newer load is dropped. */
    get seq() {
      return seq;
    },
    show,
    /** A page of the thread (`after`), the rest of a branch (`root`), or comment `comment` with those above it. */
    fetchPage,
    /** When the form appeared (reset after each comment): sent with a comment, as `elapsed`. */
    formAt: Date.now(),
    /** The Markdown this reader typed in this visit, by comment id (Edit starts from it rather than from the HTML). */
    sources,
    /** The edit tokens this browser holds, once actions.js has saved a new one (widget/actions/post.ts). */
    set tokens(saved: Tokens) {
      tokens = saved;
    },
    recount,
    /** Whether this browser holds the edit token of comment `id`. */
    owns: (id: number) => !!tokens[id],
    /** Keeps the function that closes the live stream (widget/actions/live.ts), closing the one before. */
    live(close: () => void) {
      closeLive?.();
      closeLive = close;
    },
    attempt,
    put,
    find,
    /** Comment `id` is gone for good (deleted, or no longer on the server): its edit token and liked mark go with it. */
    forget,
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
    dispose() {
      clearInterval(timer);
      closeLive?.();
    },
  };
  return store;
}
