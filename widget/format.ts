import type { ApiError } from './types.ts';
import type { Strings } from './i18n/en.ts';

/** Fills `{key}` placeholders. */
export const fmt = (text: string, vars: Record<string, unknown>) => text.replace(/{(\w+)}/g, (_, k: string) => String(vars[k]));

/** The words for a failed request: mapped by code; the server's own message only for a code we do not know. */
export const errorText = (t: Strings, e: ApiError) =>
  fmt(t.errors[e.code] ?? e.message ?? t.errors.internal_error!, { n: e.retry || 60 });

/** `November 21, 2026 at 9:44 pm`, in the reader's time zone. */
export function dateFormatter(t: Strings) {
  const date = new Intl.DateTimeFormat(t.lang, { dateStyle: 'long' });
  const time = new Intl.DateTimeFormat(t.lang, { timeStyle: 'short' });
  return (iso: string) => {
    const d = new Date(iso);
    return fmt(t.at, { date: date.format(d), time: time.format(d).toLowerCase().replace(/\s/g, ' ') });
  };
}

/** Plain text of a stored comment's HTML, one paragraph per block, for editing a comment typed in an earlier visit. */
export function htmlToText(html: string) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return [...body.children].map((e) => e.textContent).join('\n\n') || body.textContent || '';
}
