/** count.js: only the comment counts of listing pages (`[data-parley-count]`), no Preact. */
import { fillCounts } from './count-links.ts';
import { askedLanguage } from './lang/choose.ts';
import { ownScript, whenReady } from './script-tag.ts';
import { chunk } from './chunks.ts';

const { base, data } = ownScript();
const fill = () => fillCounts(base, data.site, askedLanguage(data.lang));
whenReady(() => {
  fill();
  // The recent-comments list (widget/recent.ts) loads only where a page has one; it reads this tag's data-site and data-lang.
  if (document.querySelector('[data-parley-recent]')) {
    const script = document.createElement('script');
    script.src = base + chunk('recent.js');
    Object.assign(script.dataset, data);
    document.head.append(script);
  }
});
addEventListener('parley:counts', fill);
