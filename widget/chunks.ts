/**
 * The names of the files embed.js loads on demand, by their plain names: the build compiles in
 * the content-hashed ones (`actions.js` → `actions.0123456789.js`, see vite.config.ts), so this
 * embed.js always loads the chunks it was built with. Unbuilt (unit tests), the plain name.
 */
declare const __PARLEY_CHUNKS__: Record<string, string> | undefined;

export const chunk = (name: string): string => (typeof __PARLEY_CHUNKS__ == 'object' ? __PARLEY_CHUNKS__[name] : undefined) ?? name;
