/**
 * The locale files as the build ships them (Node only, read by scripts/build.ts): every
 * `widget/i18n/<code>.ts` but English (built into embed.js), and the pseudo-locale `qps`, as JSON.
 * The build writes them as `i18n/<code>.<HASH>.json` (emitGroup in scripts/build.ts).
 */
import { readdirSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import { pseudoLocale } from './pseudo.ts';

/** A locale file's name: a language code, an optional region or script (`pt-BR`, `zh-TW`). */
export const LOCALE_FILE = /^([a-z]{2,3}(?:-[A-Z][A-Za-z]+)?)\.ts$/;

export async function buildLocales(folder: URL): Promise<{ code: string; json: string }[]> {
  const codes = readdirSync(folder)
    .map((f) => LOCALE_FILE.exec(f)?.[1])
    .filter((code): code is string => !!code && code != 'en')
    .sort();
  const load = async (code: string) => (await tsImport(new URL(code + '.ts', folder).href, import.meta.url)).default;
  const locales = await Promise.all(codes.map(async (code) => ({ code, json: JSON.stringify(await load(code)) })));
  // And the pseudo-locale, for finding clipped text (widget/lang/pseudo.ts).
  return [...locales, { code: 'qps', json: JSON.stringify(pseudoLocale(await load('en'))) }];
}
