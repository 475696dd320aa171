/**
 * The names of the files embed.js loads on demand, by their plain names: the build compiles in
 * the content-hashed ones (`actions.js` → `actions.0123456789.js`, see scripts/build.ts), so this
 * embed.js always loads the files it was built with. Files hashed as a group have one entry with
 * `*` for the name (`i18n/*.json` → `i18n/*.0123456789.json`). The unit tests define it as `{}`: plain names.
 */
declare const __PARLEY_CHUNKS__: Record<string, string>;

export function chunk(name: string): string {
  const group = __PARLEY_CHUNKS__[name.replace(/[^/]+(?=\.\w+$)/, '*')];
  return __PARLEY_CHUNKS__[name] ?? group?.replace('*', name.slice(name.lastIndexOf('/') + 1, name.lastIndexOf('.'))) ?? name;
}
