/** embed.js: reads its own script tag, mounts the thread, has count.js fill the page's comment counts and offers `window.Parley`. */
import { type Handle, mount } from './mount.ts';
import { ownScript, whenReady } from './script-tag.ts';
import type { Sort, Theme, ThreadOptions } from './types.ts';

type MountOptions = Omit<ThreadOptions, 'base'>;

declare global {
  interface Window {
    Parley: { mount(el: Element, options: MountOptions): Handle };
  }
}

const { script, base, data } = ownScript();

window.Parley = { mount: (el, options) => mount(el, { base, site: data.site, lang: data.lang, ...options }) };

if (script)
  whenReady(() => {
    let el = data.target ? document.querySelector(data.target) : null;
    if (data.target && !el) console.warn('[parley] no element matches data-target', data.target);
    if (!el) script.after((el = document.createElement('div')));
    window.Parley.mount(el, {
      page: data.page || location.pathname,
      title: data.title || document.title,
      theme: data.theme as Theme,
      sort: data.sort as Sort,
      published: data.published,
      headingLevel: Number(data.headingLevel) || undefined,
    });
    // Comment counts elsewhere on the page (`[data-parley-count]`) are count.js's job: loaded only where there are some.
    if (document.querySelector('[data-parley-count]')) {
      const counts = document.createElement('script');
      counts.src = base + 'count.js';
      if (data.site) counts.dataset.site = data.site;
      if (data.lang) counts.dataset.lang = data.lang;
      document.head.append(counts);
    }
  });
