import { chunk } from '../chunks.ts';

/** Where the server keeps the strings of locale `code` (`i18n/de.0123456789.json`, named by the build: widget/chunks.ts). */
export const localePath = (code: string) => chunk(`i18n/${code}.json`);
