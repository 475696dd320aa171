/**
 * The locale files as the build ships them (Node only, read by vite.config.ts): every
 * `widget/i18n/<code>.ts` but English (built into embed.js) as `i18n/<code>.<HASH>.json`. HASH is
 * the first ten hex digits of the SHA-256 of all of them together, so embed.js and count.js carry one
 * constant (`__PARLEY_I18N__`) instead of a list of 47 hashes (which would cost some 400 bytes gzip);
 * the names still change whenever any locale's bytes do, so they can be cached for a year.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import { pseudoLocale } from './pseudo.ts';

/** A locale file's name: a language code, an optional region or script (`pt-BR`, `zh-TW`). */
export const LOCALE_FILE = /^([a-z]{2,3}(?:-[A-Z][A-Za-z]+)?)\.ts$/;

export async function buildLocales(folder: URL) {
  const codes = readdirSync(folder)
    .map((f) => LOCALE_FILE.exec(f)?.[1])
    .filter((code): code is string => !!code && code != 'en')
    .sort();
  const load = async (code: string) => (await tsImport(new URL(code + '.ts', folder).href, import.meta.url)).default;
  const json = await Promise.all(codes.map(async (code) => JSON.stringify(await load(code))));
  // And the pseudo-locale, for finding clipped text (widget/lang/pseudo.ts).
  codes.push('qps');
  json.push(JSON.stringify(pseudoLocale(await load('en'))));
  const hash = createHash('sha256').update(json.join('\n')).digest('hex').slice(0, 10);
  return { hash, files: codes.map((code, i) => ({ code, fileName: `i18n/${code}.${hash}.json`, source: json[i]! })) };
}
