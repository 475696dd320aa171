/** `Parley.mount`: a thread in an open shadow root on the host's element, with its styles, store and #comment-ID handling. */
import { h, render } from 'preact';
import css from './styles.css?inline';
import { getComments } from './api.ts';
import { act, startLive } from './components/on-demand.ts';
import { createThreadStore } from './store.ts';
import { Thread } from './components/thread.tsx';
import type { ThreadOptions } from './types.ts';
import { askedLanguage, hostDirection } from './lang/choose.ts';

export interface Handle {
  update(p: { page: string; title: string }): void;
  destroy(): void;
}

export function mount(el: Element, options: ThreadOptions): Handle {
  const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  const store = createThreadStore({ getComments }, { ...options, lang: askedLanguage(options.lang), dir: options.lang ? undefined : hostDirection() });
  const onHash = () => {
    const m = /^#comment-(\d+)$/.exec(location.hash);
    if (m) act(store, 0, (a) => a.reveal(store, +m[1]!));
  };
  // Constructable stylesheets need no `style-src 'unsafe-inline'` (store.adopt); every browser the styles are built for has them.
  root.adoptedStyleSheets = [];
  store.root = root;
  store.adopt(css);
  // A thread already drawn inside el (GET /thread.html, fetched when the blog was built) stays in view through a <slot>
  // until the whole first page is drawn at once (thread.tsx): nothing moves when the widget takes over.
  if (el.firstElementChild) store.whole.value = store.o.pre = true;
  render(h(Thread, { store }), root);
  // Once the first screenful is painted: the rest of the page, then actions.js (live updates, the forms).
  // (A hidden tab paints no frames: there the timer alone goes on.)
  const loaded = () => {
    let done = false;
    const rest = () => {
      if (done) return;
      done = true;
      store.whole.value = true;
      onHash();
      startLive(store);
    };
    // Two frames: the first paints the first screenful; the rest starts after the next one began.
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(rest)));
    setTimeout(rest, 500);
  };
  store.load().then(loaded);
  addEventListener('hashchange', onHash);
  return {
    update: (p) => void store.update(p).then(loaded),
    destroy() {
      removeEventListener('hashchange', onHash);
      render(null, root);
      store.dispose();
    },
  };
}
