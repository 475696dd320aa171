/** count.js: only the comment counts of listing pages (`[data-parley-count]`), no Preact. */
import { fillCounts } from './count-links.ts';
import { ownScript, whenReady } from './script-tag.ts';

const { base, data } = ownScript();
whenReady(() => fillCounts(base, data.site));
