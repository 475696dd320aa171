/** count.js: only the comment counts of listing pages (`[data-parley-count]`), no Preact. */
import { fillCounts } from './count-links.ts';
import { askedLanguage } from './lang/choose.ts';
import { ownScript, whenReady } from './script-tag.ts';

const { base, data } = ownScript();
const fill = () => fillCounts(base, data.site, askedLanguage(data.lang));
whenReady(fill);
addEventListener('parley:counts', fill);
