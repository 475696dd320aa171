/**
 * The stylesheet of a server-drawn thread (GET /thread.css): the widget's own styles
 * (widget/styles.css), which are written for its shadow root, scoped to the fragment's
 * `<section class="parley">` in the page. The same rules draw both, so when the widget takes
 * the fragment over every comment stays where it was.
 */

/**
 * What only the fragment has: the held notice shown when the form's answer points at it; its plain
 * links where the widget has buttons and a select, in boxes of their size; and the room the widget's
 * Write / Preview tabs take (buttons of 1.6em text and 0.25em padding). Its comments are laid out at
 * once: skipping off-screen ones (content-visibility) would size them by estimate first and move
 * what follows once they are drawn, a layout shift the page would pay before the widget arrives.
 */
const FRAGMENT_ONLY = `
.parley-ssr .parley-comment { content-visibility: visible; }
.parley-notice { display: none; }
.parley-notice:target { display: block; }
.parley-actions > :is(a, span) { display: inline-flex; align-items: center; min-block-size: 44px; padding-inline: 0.5em; }
.parley-sorts { display: inline-block; padding: 0.5em 0; border: 1px solid transparent; line-height: normal; }
.parley-sort b { font-weight: 600; }
.parley-tabs-room { block-size: 2.1em; }
`;

/** `css` with each rule's selectors scoped to `.parley`; `:host` rules are dropped. */
export function scopeCss(css: string): string {
  return scopeBlock(css.replace(/\/\*[\s\S]*?\*\//g, '')) + FRAGMENT_ONLY;
}

function scopeBlock(css: string): string {
  let out = '';
  let at = 0;
  while (at < css.length) {
    const open = css.indexOf('{', at);
    if (open < 0) break;
    const prelude = css.slice(at, open).trim();
    const close = matching(css, open);
    const inner = css.slice(open + 1, close);
    if (prelude.startsWith('@')) out += `${prelude} {${scopeBlock(inner)}}\n`;
    else {
      const selectors = splitTopLevel(prelude).flatMap(scopeSelector);
      if (selectors.length) out += `${selectors.join(', ')} {${inner}}\n`;
    }
    at = close + 1;
  }
  return out;
}

/** The index of the `}` that closes the `{` at `open`. */
function matching(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i;
  }
  throw new Error('[parley] widget/styles.css: unbalanced braces');
}

/** A selector list split at its commas, not at those inside `:is(…)` or `:not(…)`. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** `p` → `.parley p`; `[data-theme] img` → also `.parley[data-theme] img` (the section itself); `.parley…` as it is. */
function scopeSelector(selector: string): string[] {
  if (selector.startsWith(':host')) return [];
  if (/^\.parley(?![\w-])/.test(selector)) return [selector];
  return /^[[:]/.test(selector) ? [`.parley ${selector}`, `.parley${selector}`] : [`.parley ${selector}`];
}
