/**
 * recent.js: fills each `<div data-parley-recent data-limit="5">` with the site's latest comments,
 * as "NAME on TITLE" links to them with a short excerpt, in the page's language, themed as the
 * thread is (widget/styles.css): the same `--parley-*` properties with the same defaults, and
 * `data-theme` (light, dark or auto) on the element or on the count.js tag. count.js loads it only
 * where such an element is.
 * No Preact: a shadow root, a few elements, and every server string set as text, never as HTML.
 */
import { getRecent, type RecentComment } from './api.ts';
import en from './i18n/en.ts';
import { askedLanguage, hostDirection } from './lang/choose.ts';
import { loadLocale } from './lang/load.ts';
import { ownScript } from './script-tag.ts';

const CSS = `:host{display:block}
.parley{all:initial;display:block;color-scheme:light dark;font:inherit;font-family:var(--parley-font,inherit);font-size:var(--parley-font-size,16px);line-height:1.5;color:var(--parley-text,light-dark(#1d2327,#f0f0f1));background:var(--parley-bg,light-dark(#fff,#1d2327));padding:.5em 1em}
.parley[data-theme=light]{color-scheme:light}.parley[data-theme=dark]{color-scheme:dark}
ul{list-style:none;margin:0;padding:0}li{margin:0 0 .75em}
a{color:var(--parley-accent,light-dark(#2271b1,#72aee6));text-decoration:underline}a:focus-visible{outline:2px solid var(--parley-accent,light-dark(#2271b1,#72aee6));outline-offset:2px}
p{margin:.15em 0 0;color:var(--parley-muted,light-dark(#50575e,#b4b9be));font-size:.9em}`;

/** The comment's link on the blog: its page (a path, never a scheme) and its anchor. */
const hrefOf = (c: RecentComment) => (/^\/(?!\/)/.test(c.page) ? `${c.page.replace(/#.*$/, '')}#comment-${c.id}` : '');

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
};

/** `{name} on {title}` with the name and title as their own `dir="auto"` runs. */
function heading(pattern: string, c: RecentComment): Node[] {
  return pattern.split(/{(\w+)}/).map((part, i) => {
    if (!(i % 2)) return document.createTextNode(part);
    const run = el('bdi', part == 'name' ? c.author.name : part == 'title' ? c.title : '');
    return run;
  });
}

function draw(host: HTMLElement, comments: RecentComment[], words: typeof en, lang: string, dir: string) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const box = el('div');
  box.className = 'parley';
  box.lang = lang;
  box.dir = dir;
  // As the thread's data-theme: light or dark sets the colour scheme, anything else follows the reader's.
  const theme = host.dataset.theme || data.theme;
  if (theme) box.dataset.theme = theme;
  const style = el('style', CSS);
  if (!comments.length) box.append(el('p', words.recentNone));
  const list = el('ul');
  list.setAttribute('aria-label', words.recentLabel);
  for (const c of comments) {
    const item = el('li');
    const link = el('a');
    const href = hrefOf(c);
    if (href) link.href = href;
    link.append(...heading(words.recentOn, c));
    const excerpt = el('p', c.excerpt);
    excerpt.dir = 'auto';
    item.append(link, excerpt);
    list.append(item);
  }
  if (comments.length) box.append(list);
  root.replaceChildren(style, box);
}

const { base, data } = ownScript();
const hosts = [...document.querySelectorAll<HTMLElement>('[data-parley-recent]')];
const limitOf = (host: HTMLElement) => Math.min(50, Math.max(1, Number.parseInt(host.dataset.limit ?? '', 10) || 5));
const lang = askedLanguage(data.lang);

(async () => {
  const locale = await loadLocale(base, lang, 'i18n-recent');
  // The build cuts the English built in here to the three strings of this list (widget/lang/english-parts.ts).
  const words = locale ?? en;
  const dir = hostDirection() ?? locale?.dir ?? 'ltr';
  // One request per site, for the longest list of it on the page.
  const bySite = new Map<string, HTMLElement[]>();
  for (const host of hosts) {
    const site = host.dataset.site || data.site || '';
    bySite.set(site, [...(bySite.get(site) ?? []), host]);
  }
  for (const [site, group] of bySite) {
    try {
      const { comments } = await getRecent(base, Math.max(...group.map(limitOf)), site || undefined);
      for (const host of group) draw(host, comments.slice(0, limitOf(host)), words, locale?.lang ?? 'en', dir);
    } catch (error) {
      console.warn('[parley] could not load recent comments', error);
    }
  }
})();
