import { getCounts } from './api.ts';
import { countText } from './format.ts';
import { counts } from './i18n/en.ts';

/** Sets the text of every `[data-parley-count="/path/"]` on the page to `N Comments`, with one request. */
export async function fillCounts(base: string, site?: string) {
  const links = [...document.querySelectorAll<HTMLElement>('[data-parley-count]')];
  if (!links.length) return;
  const page = (a: HTMLElement) => a.dataset.parleyCount!;
  try {
    const n = await getCounts(base, [...new Set(links.map(page))], site);
    for (const a of links) a.textContent = countText('en', counts, n[page(a)] ?? 0);
  } catch (error) {
    console.warn('[parley] could not load comment counts', error);
  }
}
