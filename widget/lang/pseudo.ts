/**
 * A pseudo-locale made from English, `qps` (as in Windows' `qps-ploc`): every word accented and
 * about 40% longer, inside [brackets], placeholders kept. Pages asking for `data-lang="qps"` show
 * where a layout clips or overflows text that other languages make longer (tests/e2e/i18n.test.ts).
 */
const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'ë',
  i: 'ï',
  o: 'ô',
  u: 'ü',
  y: 'ý',
  c: 'ç',
  n: 'ñ',
  A: 'Å',
  E: 'Ë',
  I: 'Ï',
  O: 'Ö',
  U: 'Û',
  C: 'Ç',
  N: 'Ñ',
};

/** One string: accented outside `{placeholders}`, lengthened, bracketed. */
export function pseudoText(text: string) {
  const accented = text
    .split(/({\w+})/)
    .map((part, i) => (i % 2 ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTED[ch] ?? ch)))
    .join('');
  return `[${accented}${' ·'.repeat(Math.ceil(text.length * 0.2))}]`;
}

/** The whole pseudo-locale; the fields the widget reads as values (months' separators, the clock) keep their shape. */
export function pseudoLocale<T extends Record<string, unknown>>(en: T): T {
  const walk = (value: unknown, key: string): unknown => {
    if (key == 'clock' || key == 'dir') return value;
    if (key == 'months') return (value as string).split('|').map(pseudoText).join('|');
    if (typeof value == 'string') return pseudoText(value);
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, walk(v, k)]));
  };
  return { ...(walk(en, '') as T), lang: 'qps' };
}
