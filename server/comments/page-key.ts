/**
 * A page key names a thread: the path of the blog post it is under, as the
 * widget's default `data-page` (`location.pathname`) would be. Links to a
 * thread are built only from a configured origin plus such a path, so a key
 * can never turn into a link to another site or into a `javascript:` URL.
 */

export const PAGE_KEY_MAX = 500;

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Why `page` is not a page key (a phrase after "page"), or null when it is one:
 * it starts with one `/` (so no scheme and no `//host`), holds no backslash
 * (browsers read `/\host` as `//host`) and no control character, and is at
 * most 500 characters.
 */
export function pageKeyProblem(page: string): string | null {
  if (!page.startsWith('/')) return 'must be a path on the blog, starting with /';
  if (page.startsWith('//')) return 'must be a path on the blog, not an address on another host (//…)';
  if (page.includes('\\')) return 'must not contain a backslash';
  if (CONTROL.test(page)) return 'must not contain control characters';
  if (page.length > PAGE_KEY_MAX) return `is too long (maximum ${PAGE_KEY_MAX} characters)`;
  return null;
}

export const isPageKey = (page: string) => pageKeyProblem(page) === null;

/**
 * The address of `page` on the blog at `origin` (to `#comment-ID` when given);
 * the bare path when no origin is known. Null for a stored key that is not a
 * path (older data, imports): such a thread is linked to nothing.
 */
export function pageHref(origin: string, page: string, commentId?: number): string | null {
  if (!isPageKey(page)) return null;
  const hash = commentId === undefined ? '' : `#comment-${commentId}`;
  if (!origin) return `${page.replace(/#.*$/s, '')}${hash}`;
  let home: URL;
  try {
    home = new URL(`${origin}/`);
  } catch {
    return null;
  }
  const url = new URL(page, home);
  if (url.origin !== home.origin) return null;
  url.hash = hash;
  return url.href;
}

/** How mails and feeds name a thread: its title, else its path (never a stored key that is not a path, which a mail client could turn into a link). */
export const threadName = (title: string, page: string) => title || (isPageKey(page) ? page : 'an untitled page');
