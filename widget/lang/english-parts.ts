/**
 * Where English's words travel. embed.js draws the thread and its form at once, so it carries the
 * words of that first paint; the words only the on-demand bundles draw (their forms, what a failed
 * request says, the sign-in row) travel with that bundle instead, and the store learns them when it
 * loads (`store.learn`). The build (vite.config.ts) cuts widget/i18n/en.ts to these parts; in source
 * and in unit tests every bundle sees all of English. Other languages arrive whole, from their file.
 */
export const LATER: Record<'actions' | 'sign-in' | 'recent' | 'moderate', readonly string[]> = {
  actions: ['replyTo', 'cancelReply', 'arrived', 'posting', 'previewEmpty', 'save', 'cancel', 'confirmDelete', 'reason', 'editPending', 'errors'],
  moderate: ['moderate'],
  'sign-in': ['logIn', 'logInEmail', 'emailSent', 'connecting', 'using', 'logOut', 'change', 'signInFailed', 'signInExpired'],
  recent: ['recentOn', 'recentNone', 'recentLabel'],
};

/**
 * Parts few readers use: in every other language their words are not in the thread's locale file
 * (which every reader of that language fetches, and which keeps to 2 KB) but in a group of their own,
 * `i18n-PART/CODE.json`, with the language's `dir` (scripts/build.ts, widget/lang/build.ts).
 */
export const APART: readonly (keyof typeof LATER)[] = ['recent', 'moderate'];

/** The error words embed.js keeps: for when actions.js itself could not be loaded. */
export const FIRST_ERRORS = ['network', 'internal_error'];

type Words = Record<string, unknown> & { errors: Record<string, string> };

/** The part of English (`en`, all of it) that the bundle built in `mode` carries. */
export function englishFor(mode: string, en: Words): Record<string, unknown> {
  const later = LATER[mode as keyof typeof LATER];
  if (later) return Object.fromEntries(later.map((key) => [key, en[key]]));
  const all = Object.values(LATER).flat();
  const first = Object.entries(en).filter(([key]) => !all.includes(key) && key != 'counts');
  return { ...Object.fromEntries(first), errors: Object.fromEntries(FIRST_ERRORS.map((key) => [key, en.errors[key]])) };
}
