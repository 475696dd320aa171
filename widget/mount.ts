/** `Parley.mount`: a thread in an open shadow root on the host's element, with its styles, store and #comment-ID handling. */
import { h, render } from 'preact';
import css from './styles.css?inline';
import { getComments, liveEvents, postComment } from './api.ts';
import { createThreadStore } from './store.ts';
import { Thread } from './components/thread.tsx';
import type { ThreadOptions } from './types.ts';

export interface Handle {
  update(p: { page: string; title: string }): void;
  destroy(): void;
}

/**
 * A constructable stylesheet needs no `style-src 'unsafe-inline'`. Every browser the styles are built for
 * has them (light-dark() came later: Chrome 123, Firefox 120, Safari 17.5), so there is no `<style>` fallback.
 */
function addStyles(root: ShadowRoot) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
}

export function mount(el: Element, options: ThreadOptions): Handle {
  const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  const store = createThreadStore({ getComments, postComment, liveEvents }, options);
  const onHash = () => {
    const m = /^#comment-(\d+)$/.exec(location.hash);
    if (m) store.reveal(+m[1]!);
  };
  addStyles(root);
  render(h(Thread, { store }), root);
  store.load().then(onHash);
  addEventListener('hashchange', onHash);
  return {
    update: (p) => void store.update(p).then(onHash),
    destroy() {
      removeEventListener('hashchange', onHash);
      render(null, root);
      store.dispose();
    },
  };
}
