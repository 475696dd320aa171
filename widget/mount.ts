/** `Parley.mount`: a thread in an open shadow root on the host's element, with its styles, store and #comment-ID handling. */
import { h, render } from 'preact';
import css from './styles.css?inline';
import { getComments, getConfig, liveEvents, postComment } from './api.ts';
import { createThreadStore } from './store.ts';
import { Thread } from './components/thread.tsx';
import type { ThreadOptions } from './types.ts';

export interface Handle {
  update(p: { page: string; title: string }): void;
  destroy(): void;
}

/** Constructable stylesheets need no `style-src 'unsafe-inline'`; older browsers get a `<style>`. */
function addStyles(root: ShadowRoot) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(Object.assign(document.createElement('style'), { textContent: css }));
  }
}

export function mount(el: Element, options: ThreadOptions): Handle {
  const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  const store = createThreadStore({ getConfig, getComments, postComment, liveEvents }, options);
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
