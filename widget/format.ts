import type { ComponentChild } from 'preact';
import type { ApiError } from './types.ts';
import type { Locale, Plural } from './i18n/en.ts';

/** Fills `{key}` placeholders; one not in `vars` stays as it is (for `fill`). */
export const fmt = (text: string, vars: Record<string, unknown>) => text.replace(/{(\w+)}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

/** Fills `{key}` placeholders with elements (a title or name marked `dir="auto"`): the pieces to draw. */
export const fill = (text: string, vars: Record<string, ComponentChild>) => text.split(/{(\w+)}/).map((part, i) => (i % 2 ? vars[part] : part));

/** One `Intl.PluralRules` per language for the page (each costs well under a millisecond: bench/i18n.ts). */
const rules: Record<string, Intl.PluralRules> = {};
function category(lang: string, n: number) {
  rules[lang] ??= new Intl.PluralRules(lang);
  return rules[lang].select(n);
}

/** The form of `forms` that the language's plural rules pick for `n`, filled in (`{n}` and `vars`). */
export const plural = (lang: string, forms: Plural, n: number, vars?: Record<string, unknown>) => fmt(forms[category(lang, n)] ?? forms.other, { ...vars, n });

/**
 * A listing link's text: `counts.zero` ("Leave a comment") for no comments at all, else the plural form.
 * The key `zero` is taken by that sentence, so a language whose rules also have a `zero` category for
 * other numbers (Latvian: 10–20, 30, …) says those with `other`.
 */
export const countText = (lang: string, counts: Plural & { zero: string }, n: number) =>
  n ? plural(lang, { ...counts, zero: undefined } as Plural, n) : counts.zero;

/** The words for a failed request: mapped by code; the server's own message only for a code we do not know. */
export const errorText = (t: Locale, e: ApiError) =>
  fmt((t.errors as Record<string, string>)[e.code] ?? e.message ?? t.errors.internal_error, { n: e.retry || 60 });

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `November 21, 2026 at 9:44 pm`, `21. November 2026 um 21:44`, in the reader's time zone: written
 * from the locale's month names, date order and clock (`months`, `date`, `at`, `clock`, `am`/`pm`).
 * No `Intl.DateTimeFormat`: one costs 20–40 ms to create in Chromium, on every page load.
 */
export function dateFormatter(t: Locale) {
  const months = t.months.split('|');
  return (iso: string) => {
    const d = new Date(iso);
    const h = d.getHours();
    const m = pad(d.getMinutes());
    const time = t.clock == '24' ? `${pad(h)}:${m}` : `${h % 12 || 12}:${m} ${h < 12 ? t.am : t.pm}`;
    const date = fmt(t.date, { month: months[d.getMonth()], day: d.getDate(), year: d.getFullYear() });
    return fmt(t.at, { date, time });
  };
}

/** Plain text of a stored comment's HTML, one paragraph per block, for editing a comment typed in an earlier visit. */
export function htmlToText(html: string) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return [...body.children].map((e) => e.textContent).join('\n\n') || body.textContent || '';
}
