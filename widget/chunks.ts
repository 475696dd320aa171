/**
 * The names of the files embed.js loads on demand, by their plain names: the build compiles in
 * the content-hashed ones (`actions.js` → `actions.0123456789.js`, see vite.config.ts), so this
 * embed.js always loads the chunks it was built with. The unit tests define it as `{}`: plain names.
 */
declare const __PARLEY_CHUNKS__: Record<string, string>;

export const chunk = (name: string): string => __PARLEY_CHUNKS__[name] ?? name;
