/** embed.js: reads its own script tag, mounts the thread and offers `window.Parley` (count.js, for the page's comment counts, comes with actions.js's live start). */
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
    if (!el) {
      el = document.createElement('div');
      script.after(el);
    }
    window.Parley.mount(el, {
      page: data.page || location.pathname,
      title: data.title || document.title,
      theme: data.theme as Theme,
      sort: data.sort as Sort,
      published: data.published,
      headingLevel: +data.headingLevel! || undefined,
    });
  });
