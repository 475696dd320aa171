/**
 * The locale files as the build ships them (Node only, read by scripts/build.ts): every
 * `widget/i18n/<code>.ts` but English (built into embed.js), and the pseudo-locale `qps`, as JSON.
 * The build writes them as `i18n/<code>.<HASH>.json` (emitGroup in scripts/build.ts).
 */
import { readdirSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import { pseudoLocale } from './pseudo.ts';
import { APART, LATER } from './english-parts.ts';

/** A locale file's name: a language code, an optional region or script (`pt-BR`, `zh-TW`). */
export const LOCALE_FILE = /^([a-z]{2,3}(?:-[A-Z][A-Za-z]+)?)\.ts$/;

export async function buildLocales(folder: URL): Promise<{ code: string; json: string; parts: Record<string, string> }[]> {
  const codes = readdirSync(folder)
    .map((f) => LOCALE_FILE.exec(f)?.[1])
    .filter((code): code is string => !!code && code != 'en')
    .sort();
  const load = async (code: string) => (await tsImport(new URL(code + '.ts', folder).href, import.meta.url)).default;
  const words = await Promise.all(codes.map(async (code) => ({ code, words: await load(code) })));
  // And the pseudo-locale, for finding clipped text (widget/lang/pseudo.ts).
  words.push({ code: 'qps', words: pseudoLocale(await load('en')) });
  return words.map(({ code, words }) => split(code, words));
}

/** A locale's words as served: the thread's file, and each part of APART in a file of its own. */
function split(code: string, words: Record<string, unknown>) {
  const apart = new Set(APART.flatMap((part) => LATER[part]));
  const thread = Object.fromEntries(Object.entries(words).filter(([key]) => !apart.has(key)));
  const parts = Object.fromEntries(
    APART.map((part) => [part, JSON.stringify(Object.fromEntries([['dir', words.dir], ...LATER[part].map((key) => [key, words[key]])]))]),
  );
  return { code, json: JSON.stringify(thread), parts };
}
