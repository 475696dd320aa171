/**
 * What a blog post says about itself — its title and publication date — read
 * from its own HTML, the way Isso learns a thread's title: `og:title`, else
 * `<title>`; `article:published_time`. Pure: the fetch is in fetch-page.ts.
 */
import { decodeHTML } from 'entities';
import { toSpacedLabel } from '../lib/unicode-text.ts';

import type { PageMeta } from '../db/types.ts';

export type { PageMeta } from '../db/types.ts';

/** The longest title kept (feeds, mails and the admin view show it in one line). */
export const TITLE_LENGTH = 300;

/** A title as it is kept: entities decoded, invisible characters dropped, spaces collapsed, at most TITLE_LENGTH characters. */
export function cleanTitle(raw: string): string {
  const text = toSpacedLabel(decodeHTML(raw)).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > TITLE_LENGTH
    ? chars
        .slice(0, TITLE_LENGTH - 1)
        .join('')
        .trimEnd() + '…'
    : text;
}

/** The attributes of one tag's source (`<meta a="b" c='d'>`), names lower-cased. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    found.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return found;
}

/** A date the page gives, if it reads as one after 1990 and not later than a day from `now`. */
function dateOf(value: string | undefined, now: number): number | null {
  const time = value ? Date.parse(value.trim()) : NaN;
  return Number.isFinite(time) && time > Date.UTC(1990, 0, 1) && time <= now + 86_400_000 ? time : null;
}

/** The `<meta>` tags and the first `<title>` of a page's head, in one forward pass (never quadratic, whatever the page holds). */
function scanHead(html: string): { metas: string[]; title: string | undefined } {
  const lower = html.toLowerCase();
  const metas: string[] = [];
  let title: string | undefined;
  let pos = 0;
  const skipTo = (needle: string, from: number) => {
    const at = lower.indexOf(needle, from);
    return at < 0 ? -1 : at + needle.length;
  };
  while (pos < html.length) {
    const at = lower.indexOf('<', pos);
    if (at < 0) break;
    const rest = lower.slice(at, at + 8);
    let next = at + 1;
    if (rest.startsWith('<!--')) next = skipTo('-->', at + 4);
    else if (/^<(script|style)\b/.test(rest)) next = skipTo(`</${rest.startsWith('<script') ? 'script' : 'style'}`, at + 6);
    else if (/^<\/head\b|^<body\b/.test(rest)) break;
    else if (/^<meta\b/.test(rest)) {
      next = skipTo('>', at);
      if (next > 0) metas.push(html.slice(at, next));
    } else if (/^<title\b/.test(rest) && title === undefined) {
      const open = skipTo('>', at);
      const close = open < 0 ? -1 : lower.indexOf('</title', open);
      if (close < 0) break;
      title = html.slice(open, close);
      next = close;
    }
    if (next < 0) break;
    pos = next;
  }
  return { metas, title };
}

/** Reads the head of an HTML page: `og:title`, else `<title>`; `article:published_time`. */
export function parsePageMeta(html: string, now: number): PageMeta {
  const { metas, title } = scanHead(html);
  const meta = new Map<string, string>();
  for (const tag of metas) {
    const a = attributes(tag);
    const key = (a.get('property') ?? a.get('name') ?? '').toLowerCase();
    if (key && a.has('content') && !meta.has(key)) meta.set(key, a.get('content')!);
  }
  return { title: cleanTitle(meta.get('og:title') || title || ''), publishedAt: dateOf(meta.get('article:published_time'), now) };
}
