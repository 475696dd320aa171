/**
 * Which locale file a language tag asks for, without a list of the files (embed.js carries none):
 * English is built in; `pt` and `zh` have regional files (`pt` → `pt-PT`, `zh` → `zh-CN`,
 * `zh-Hant`/`zh-TW`/`zh-HK` → `zh-TW`); Norwegian is written Bokmål (`no`, `nn` → `nb`); every other
 * language has one file named by its base language (`de-AT` → `de`). When that file does not exist,
 * the fetch answers 404 and the thread stays in English (with one `[parley]` console message).
 */
export function localeFor(tag: string): string {
  const [base = '', region = ''] = tag.trim().toLowerCase().split(/[-_]/);
  if (base == 'pt') return region == 'br' ? 'pt-BR' : 'pt-PT';
  if (base == 'zh') return /^(hant|tw|hk|mo)$/.test(region) ? 'zh-TW' : 'zh-CN';
  if (base == 'no' || base == 'nn') return 'nb';
  return /^[a-z]{2,3}$/.test(base) ? base : 'en';
}

/** The direction the host page declares on `<html dir>` (`rtl` or `ltr`), if it does: an Urdu page Parley has no words for still reads right to left. */
export const hostDirection = () => (/^(ltr|rtl)$/.test(document.dir) ? (document.dir as 'ltr' | 'rtl') : undefined);

/** The language a thread asks for: `data-lang`, else the host page's `<html lang>`, else English. */
export const askedLanguage = (dataLang?: string) => dataLang || document.documentElement.lang || 'en';
