import { useEffect, useRef } from 'preact/hooks';
import { StoreContext, useStore } from '../context.ts';
import { fill, plural } from '../format.ts';
import type { ThreadStore } from '../store.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentList } from './comment-list.tsx';
import { SortSelect } from './sort-select.tsx';
import { act } from './on-demand.ts';

/** The whole comment area of one page, with its store in context. */
export const Thread = ({ store }: { store: ThreadStore }) => (
  <StoreContext.Provider value={store}>
    <Area />
  </StoreContext.Provider>
);

/** Focuses the comment `id` once drawn (made focusable for it), so the focus never falls to <body>. */
export function focusComment(root: ParentNode, id: number) {
  const el = root.querySelector<HTMLElement>('#comment-' + id);
  if (el) {
    el.tabIndex = -1;
    el.focus();
  }
  return el;
}

function Area() {
  const s = useStore();
  const t = s.t;
  const status = s.status.value;
  const target = s.target.value;
  const ref = useRef<HTMLElement>(null);
  // Scroll to and focus the comment opened by #comment-ID (or just posted) once it is drawn.
  useEffect(() => {
    if (target) focusComment(ref.current!, target.id)?.scrollIntoView({ block: 'center' });
  }, [target]);
  // While the first page is on its way, a thread drawn by the server (mount.ts) shows through.
  if (status == 'loading' && !s.thread.value && s.o.pre) return <slot />;
  return (
    <section ref={ref} class="parley" data-theme={s.o.theme} lang={t.lang} dir={s.o.dir || t.dir} aria-busy={status == 'loading'}>
      <p class="parley-live parley-muted" aria-live="polite">
        {status == 'loading' ? s.strings.value && t.loading : s.news}
      </p>
      {status == 'error' && (
        <p role="alert">
          {t.loadFailed} <button onClick={() => s.load()}>{t.retry}</button>
        </p>
      )}
      {/* A thread drawn by the server stays readable (and its plain form usable) under the error. */}
      {status == 'error' && s.o.pre && <slot />}
      {status == 'ready' && <Body />}
    </section>
  );
}

function Body() {
  const s = useStore();
  const t = s.t;
  const { count: n, title, locked } = s.thread.value!;
  const H = ('h' + s.level) as 'h2';
  const list = useRef<HTMLDivElement>(null);
  /** After the last page, the focus goes to the first comment it brought (the button is gone). */
  const more = async () => {
    const first = s.comments.value.length;
    if ((await act(s, 0, (a) => a.loadMore(s))) && !s.next.value) setTimeout(() => focusComment(list.current!, s.comments.value[first]?.id ?? 0));
  };
  const skip = (e: Event) => {
    e.preventDefault();
    list.current!.querySelector<HTMLElement>('#parley-text')?.focus();
  };
  return (
    <div ref={list}>
      {!locked && (
        // biome-ignore lint/a11y/useValidAnchor: a skip link is in-page navigation; inside the shadow root the click moves the focus itself
        <a class="parley-skip" href="#parley-text" onClick={skip}>
          {t.skip}
        </a>
      )}
      {n > 0 && <H class="parley-title">{fill(plural(s.t.lang, t.thoughts, n), { title: <span dir="auto">{s.o.title || title}</span> })}</H>}
      {s.comments.value.length > 1 && <SortSelect />}
      <CommentList parent={0} />
      {s.whole.value && s.next.value && (
        <p>
          <button class="parley-more" onClick={more} disabled={s.more.value == 'loading'}>
            {t.more}
          </button>
          {s.more.value == 'error' && <span role="alert"> {t.loadFailed}</span>}
        </p>
      )}
      {s.whole.value && s.replyTo.value == null && (locked ? <p>{t.closed}</p> : <CommentForm />)}
    </div>
  );
}
