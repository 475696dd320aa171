/**
 * Self-contained IIFE scripts, no chunks, no hashes, no eval:
 *   vite build                → dist/embed.js   (Preact, signals, the thread, its CSS as a string)
 *   vite build --mode count   → dist/count.js   (only the comment counts)
 *   vite build --mode sign-in → dist/sign-in.js (sign-in icons and popup flow, loaded on demand)
 *   vite build --mode actions → dist/actions.js (Like and the edit, report and delete forms, loaded on demand)
 *   vite build (also)         → dist/i18n/<code>.<HASH>.json (each locale but English, fetched on demand;
 *                               HASH, the same in every name, is compiled into embed.js and count.js: widget/lang/build.ts)
 * Same sources in, same bytes out: no timestamps, no content hashes, no source maps.
 */
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { tsImport } from 'tsx/esm/api';
import { buildLocales } from './widget/lang/build.ts';
import { englishFor } from './widget/lang/english-parts.ts';

const ENTRIES: Record<string, [source: string, file: string]> = {
  production: ['widget/embed.tsx', 'embed.js'],
  count: ['widget/count.ts', 'count.js'],
  'sign-in': ['widget/sign-in/index.ts', 'sign-in.js'],
  actions: ['widget/actions/index.ts', 'actions.js'],
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

/** The locale files, written beside embed.js. */
const locales = (files: { fileName: string; source: string }[]): Plugin => ({
  name: 'parley:locales',
  generateBundle() {
    for (const { fileName, source } of files) this.emitFile({ type: 'asset', fileName, source });
  },
});

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
  const i18n = await buildLocales(new URL('widget/i18n/', import.meta.url));
  const en = (await tsImport(new URL('widget/i18n/en.ts', import.meta.url).href, import.meta.url)).default;
  return {
    define: { __PARLEY_I18N__: JSON.stringify(i18n.hash) },
    publicDir: false,
    // The packages' modern builds (signals.mjs, not the ES5 signals.module.js that the `browser` condition picks).
    resolve: { conditions: ['module', 'production'] },
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
    plugins: [
      jsxFrom(mode == 'actions' ? new URL('widget/actions/kit.ts', import.meta.url).pathname : 'preact'),
      english(mode, en),
      ...(file == 'embed.js' ? [locales(i18n.files)] : []),
    ],
    build: {
      target: 'es2022',
      // light-dark() natively (Chrome 123, Firefox 120, Safari 17.5): no generated fallback variables.
      cssTarget: ['chrome123', 'firefox120', 'safari17.5'],
      outDir: 'dist',
      emptyOutDir: file == 'embed.js',
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
