import { decodeHTML } from 'entities';
import { isPageKey } from '../comments/page-key.ts';

/** Turning what export files hold into values Parley stores. */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Query parameters of WordPress's plain permalinks (`/?p=123`): without them every post's path would be `/`. */
const PLAIN_PERMALINK = ['p', 'page_id', 'attachment_id'];

/**
 * The page key of a post or thread, as the widget's default `data-page`
 * (`location.pathname`) would be on it: the path of its link. For WordPress's
 * plain permalinks the identifying query (`?p=123`) is kept, since the path
 * alone is `/` for every post. Null when there is no usable link: none, or
 * one that is not an http(s) address (`javascript:`, `data:`, `mailto:`), or
 * whose path is not a page key (server/comments/page-key.ts).
 */
export function pageFromLink(link: string): string | null {
  const trimmed = link.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = new URL(trimmed, 'http://localhost');
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const plain = PLAIN_PERMALINK.find((name) => url.searchParams.has(name));
  const page = plain ? `${url.pathname}?${plain}=${encodeURIComponent(url.searchParams.get(plain)!)}` : url.pathname;
  return isPageKey(page) ? page : null;
}

/**
 * Which blog or forum a file's ids belong to, as a key: `host/path` of a blog's
 * address (lower case, no scheme, no `www.`, no trailing slash, so the same
 * blog moved to https is the same blog), or a Disqus forum's name.
 */
export function sourceOrigin(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) return '';
  try {
    const url = new URL(trimmed);
    return (url.host.replace(/^www\./, '') + url.pathname.replace(/\/+$/, '')).toLowerCase().slice(0, 300);
  } catch {
    return line(trimmed, 300).toLowerCase();
  }
}

/** A one-line field: control characters dropped, trimmed, at most `max` characters. */
export function line(value: string, max: number): string {
  return value.replace(CONTROL, '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** A body: control characters (but newlines and tabs) dropped, outer whitespace trimmed. */
/**
 * A name or title as WordPress keeps it: HTML, so `&laquo;` or `&#8217;` may
 * stand for a character. Parley shows names and titles as plain text, so the
 * entities are decoded here (and tags, which WordPress would strip, dropped).
 */
export function plainText(value: string, max: number): string {
  return line(decodeHTML(value.replace(/<[^>]*>/g, '')), max);
}

export function body(value: string): string {
  return value.replace(CONTROL, '').trim();
}

/** An author's website: kept only as an absolute http(s) URL (`example.com` gets `http://`), else ''. */
export function website(value: string): string {
  const trimmed = line(value, 500);
  if (!trimmed) return '';
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : '';
  } catch {
    return '';
  }
}

export function email(value: string): string {
  return line(value, 254).toLowerCase();
}

/** WordPress's `YYYY-MM-DD HH:MM:SS` as UTC milliseconds; null for empty or `0000-00-00` dates. */
export function wordpressDate(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return null;
  const ms = Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** An ISO 8601 or RFC 822 date (Disqus, RSS `pubDate`) as milliseconds; null when unreadable. */
export function anyDate(value: string): number | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

/** A source's comment id, when it is a positive whole number Parley can keep as its own id. */
export function numericId(value: string): number | null {
  if (!/^\d{1,15}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}

export function flag(value: string): boolean {
  return /^(true|1|yes)$/i.test(value.trim());
}
