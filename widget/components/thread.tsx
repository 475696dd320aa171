import { useEffect, useRef } from 'preact/hooks';
import { StoreContext, useStore } from '../context.ts';
import { plural } from '../format.ts';
import type { ThreadStore } from '../store.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentList } from './comment-list.tsx';
import { SortSelect } from './sort-select.tsx';

/** The whole comment area of one page, with its store in context. */
export const Thread = ({ store }: { store: ThreadStore }) => (
  <StoreContext.Provider value={store}>
    <Area />
  </StoreContext.Provider>
);

function Area() {
  const s = useStore();
  const status = s.status.value;
  const target = s.target.value;
  const ref = useRef<HTMLElement>(null);
  // Scroll to and focus the comment opened by #comment-ID (or just posted) once it is drawn.
  useEffect(() => {
    const el = target && ref.current!.querySelector<HTMLElement>('#comment-' + target.id);
    if (el) el.scrollIntoView({ block: 'center' }), el.focus();
  }, [target]);
  return (
    <section ref={ref} class="parley" data-theme={s.o.theme} lang={s.t.lang} aria-busy={status == 'loading'}>
      <p class="parley-live parley-muted" aria-live="polite">
        {status == 'loading' ? s.t.loading : s.news}
      </p>
      {status == 'error' && (
        <p role="alert">
          {s.t.loadFailed} <button onClick={() => s.load()}>{s.t.retry}</button>
        </p>
      )}
      {status == 'ready' && <Body />}
    </section>
  );
}

function Body() {
  const s = useStore();
  const t = s.t;
  const { count: n, title, locked } = s.thread.value!;
  return (
    <>
      {n > 0 && <h2>{plural(t.lang, t.thoughts, n, { title: s.o.title || title })}</h2>}
      {s.comments.value.length > 1 && <SortSelect />}
      <CommentList parent={0} />
      {s.next.value && (
        <p>
          <button class="parley-more" onClick={s.loadMore} disabled={s.more.value == 'loading'}>
            {t.more}
          </button>
          {s.more.value == 'error' && <span role="alert"> {t.loadFailed}</span>}
        </p>
      )}
      {s.replyTo.value == null && (locked ? <p>{t.closed}</p> : <CommentForm />)}
    </>
  );
}
