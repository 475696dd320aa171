import { chunk } from '../chunks.ts';

/**
 * Where the server keeps the strings of locale `code` (`i18n/de.0123456789.json`, named by the build:
 * widget/chunks.ts); the words of a part few readers need are in a group of their own
 * (`i18n-recent/de.0123456789.json`, see APART in english-parts.ts).
 */
export const localePath = (code: string, group = 'i18n') => chunk(`${group}/${code}.json`);
