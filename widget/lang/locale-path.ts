/** Set by the build (vite.config.ts): the hash in every locale file's name (widget/lang/build.ts). */
declare const __PARLEY_I18N__: string | undefined;

/** Where the server keeps the strings of locale `code` (`i18n/de.0123456789.json`). */
export const localePath = (code: string) => `i18n/${code}.${typeof __PARLEY_I18N__ == 'string' ? __PARLEY_I18N__ : '0000000000'}.json`;
