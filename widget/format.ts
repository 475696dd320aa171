import type { ApiError } from './types.ts';
import type { Strings } from './i18n/en.ts';

/** Fills `{key}` placeholders. */
export const fmt = (text: string, vars: Record<string, unknown>) => text.replace(/{(\w+)}/g, (_, k: string) => String(vars[k]));

/** The words for a failed request: mapped by code; the server's own message only for a code we do not know. */
export const errorText = (t: Strings, e: ApiError) =>
  fmt(t.errors[e.code] ?? e.message ?? t.errors.internal_error!, { n: e.retry || 60 });

/**
 * `November 21, 2026 at 9:44 pm`, in the reader's time zone. Written by hand from the locale's month
 * names: an `Intl.DateTimeFormat` costs 20–40 ms to create in Chromium, on every page load.
 */
export function dateFormatter(t: Strings) {
  return (iso: string) => {
    const d = new Date(iso);
    const h = d.getHours();
    const time = `${h % 12 || 12}:${String(d.getMinutes()).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
    return fmt(t.at, { date: `${t.months.split(' ')[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`, time });
  };
}

/** Plain text of a stored comment's HTML, one paragraph per block, for editing a comment typed in an earlier visit. */
export function htmlToText(html: string) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return [...body.children].map((e) => e.textContent).join('\n\n') || body.textContent || '';
}
