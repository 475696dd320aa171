/**
 * The languages Parley speaks: a file each under widget/i18n/, English built into embed.js, every
 * other one fetched when a page asks for it. Read by the build (vite.config.ts), the tests and the
 * language choice (choose.ts); embed.js gets the list from the build's manifest, not from here.
 */
export const LOCALES = [
  'ar', 'az', 'be', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'eo', 'es', 'et', 'eu', 'fa', 'fi', 'fr', 'gl', 'he', 'hi', 'hr',
  'hu', 'id', 'it', 'ja', 'ka', 'ko', 'lt', 'lv', 'ms', 'nb', 'nl', 'pl', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'th',
  'tr', 'uk', 'uz', 'vi', 'zh-CN', 'zh-TW',
] as const;

/** The languages written right to left. */
export const RTL: readonly string[] = ['ar', 'fa', 'he'];
