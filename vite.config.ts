/**
 * The widget: self-contained IIFE scripts, no eval. `npm run build` (scripts/build.ts) runs every mode:
 *   mode actions    → dist/actions.HASH.js  (Like and the edit, report and delete forms, loaded on demand)
 *   mode sign-in    → dist/sign-in.HASH.js  (sign-in icons and popup flow, loaded on demand)
 *   mode moderate   → dist/moderate.HASH.js (a moderator's controls in the thread, loaded by actions.js for them only)
 *   mode production → dist/embed.js         (Preact, signals, the thread, its CSS as a string)
 *   mode count      → dist/count.js         (only the comment counts)
 * Same sources in, same bytes out: no timestamps, no source maps.
 *
 * How files loaded on demand are named and found (one mechanism for all of them):
 * - Everything embed.js loads later is named by its content: NAME.HASH.EXT, HASH the first ten hex
 *   digits of its SHA-256 (`actions.0123456789.js`, `i18n/fr.0123456789.json`; one folder at most).
 *   The server serves any dist/ file whose name has that shape (HASHED_FILE in server/routes/static.ts)
 *   with `Cache-Control: public, max-age=31536000, immutable`. embed.js and count.js keep their
 *   stable URLs (they are in blogs' templates): five minutes, then revalidated by ETag (304).
 * - The build makes those files first, lists them in one manifest { 'actions.js': 'actions.HASH.js',
 *   … } (also written to dist/manifest.json), and compiles that manifest into embed.js as the
 *   constant `__PARLEY_CHUNKS__`; widget code asks `chunk('actions.js')` (widget/chunks.ts) for the
 *   URL. embed.js therefore always names the chunks it was built with, and since a chunk's name
 *   changes with its bytes, a deploy never pairs a new chunk with an old embed.js.
 * - To add files: in scripts/build.ts, before embed.js is built, write each with
 *   `emitHashed('NAME.json', bytes)`; it lands as dist/NAME.HASH.json, in the manifest, and
 *   `chunk('NAME.json')` finds it. Files that change together go in with `emitGroup` under one HASH
 *   and one compiled-in entry: the locales, `chunk('i18n/fr.json')` → `i18n/fr.HASH.json`. A new Vite
 *   mode for a script chunk goes in ENTRIES below and in CHUNKS there. The build also writes a .br
 *   and .gz beside each file, so serving compresses nothing.
 */
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { tsImport } from 'tsx/esm/api';
import { englishFor } from './widget/lang/english-parts.ts';

const ENTRIES: Record<string, [source: string, file: string]> = {
  production: ['widget/embed.tsx', 'embed.js'],
  count: ['widget/count.ts', 'count.js'],
  'sign-in': ['widget/sign-in/index.ts', 'sign-in.js'], // renamed sign-in.HASH.js by scripts/build.ts
  actions: ['widget/actions/index.ts', 'actions.js'],
  recent: ['widget/recent.ts', 'recent.js'], // renamed recent.HASH.js; count.js loads it where a page has [data-parley-recent]
  moderate: ['widget/moderate/index.ts', 'moderate.js'], // moderate.HASH.js, loaded by actions.js for a moderator's account
};

/**
 * Classic JSX, `h(type, props, ...children)`: shorter than the automatic runtime's
 * `jsx(type, { ...props, children: [...] })`, and no second element factory beside `h`
 * (about 230 bytes of embed.js gzipped). Every .tsx file gets `h` and `Fragment` from Preact;
 * in actions.js they come from embed.js's own Preact instead (widget/actions/kit.ts).
 */
const jsxFrom = (source: string): Plugin => ({
  name: 'parley:jsx-from',
  transform: { filter: { id: /\.tsx$/ }, handler: (code) => `import { h, Fragment } from ${JSON.stringify(source)};\n${code}` },
});

/**
 * Terser over the minified bundle, three passes: what it finds after Vite's own minifier makes
 * embed.js about 180 bytes smaller compressed, room its 16 KB bar needs. Same bytes in, same out.
 */
const squeeze: Plugin = {
  name: 'parley:squeeze',
  async renderChunk(code) {
    const { minify } = await import('terser');
    const out = await minify(code, { ecma: 2020, compress: { passes: 3 }, mangle: true, format: { ascii_only: true } });
    return { code: out.code!, map: null };
  },
};

/** widget/i18n/en.ts cut to the words this bundle draws (widget/lang/english-parts.ts). */
const english = (mode: string, en: Parameters<typeof englishFor>[1]): Plugin => ({
  name: 'parley:english',
  load(id) {
    if (!id.endsWith('/widget/i18n/en.ts')) return;
    return `export const counts = ${JSON.stringify(en.counts)};\nexport default ${JSON.stringify(englishFor(mode, en))};\n`;
  },
});

export default defineConfig(async ({ mode }): Promise<UserConfig> => {
  const [input, file] = ENTRIES[mode] ?? ENTRIES.production!;
  const en = (await tsImport(new URL('widget/i18n/en.ts', import.meta.url).href, import.meta.url)).default;
  return {
    publicDir: false,
    // The packages' modern builds (signals.mjs, not the ES5 signals.module.js that the `browser` condition picks).
    resolve: { conditions: ['module', 'production'] },
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
    plugins: [
      jsxFrom(mode == 'actions' || mode == 'moderate' ? new URL('widget/actions/kit.ts', import.meta.url).pathname : 'preact'),
      english(mode, en),
      squeeze,
    ],
    build: {
      target: 'es2022',
      // light-dark() natively (Chrome 123, Firefox 120, Safari 17.5): no generated fallback variables.
      cssTarget: ['chrome123', 'firefox120', 'safari17.5'],
      outDir: 'dist',
      // scripts/build.ts empties dist/ (keeping last week's chunks) before the first mode.
      emptyOutDir: false,
      copyPublicDir: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input,
        output: {
          format: 'iife',
          entryFileNames: file,
          codeSplitting: false,
          // ASCII only: the strings stay right even where the script is served without a charset.
          charset: 'ascii',
        },
      },
    },
  };
});
