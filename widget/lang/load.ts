import { getLocale } from '../api.ts';
import type { Locale } from '../i18n/en.ts';
import { localeFor } from './choose.ts';

/**
 * The strings for language tag `tag` fetched from the server, or null when English (built in) is
 * what to show: asked for, or the only choice left when the server has no file for that language
 * (said once on the console). `group` names a part's own words (`i18n-recent`), apart from the thread's.
 */
export function loadLocale(base: string, tag: string, group?: string): Promise<Locale | null> {
  const code = localeFor(tag);
  if (code == 'en') return Promise.resolve(null);
  return getLocale(base, code, group).catch((error) => {
    console.warn(`[parley] no strings for the language "${tag}"; showing English`, error);
    return null;
  });
}
