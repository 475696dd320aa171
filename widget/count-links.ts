import { getCounts } from './api.ts';
import { countText } from './format.ts';
import { counts } from './i18n/en.ts';
import { loadLocale } from './lang/load.ts';

/**
 * Sets the text of every `[data-parley-count="/path/"]` on the page to `N Comments` ("Leave a
 * comment" for none) in the page's language, with one request (and the locale's, alongside, when
 * the language is not English). Again whenever the thread on this page posts (`parley:counts`).
 */
export async function fillCounts(base: string, site: string | undefined, lang: string) {
  const links = [...document.querySelectorAll<HTMLElement>('[data-parley-count]')];
  if (!links.length) return;
  const page = (a: HTMLElement) => a.dataset.parleyCount!;
  try {
    const [n, locale] = await Promise.all([getCounts(base, [...new Set(links.map(page))], site), loadLocale(base, lang)]);
    for (const a of links) a.textContent = countText(locale?.lang ?? 'en', locale?.counts ?? counts, n[page(a)] ?? 0);
  } catch (error) {
    console.warn('[parley] could not load comment counts', error);
  }
}
