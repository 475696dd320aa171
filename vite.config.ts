/**
 * Self-contained IIFE scripts, no chunks, no hashes, no eval:
 *   vite build                → dist/embed.js   (Preact, signals, the thread, its CSS as a string)
 *   vite build --mode count   → dist/count.js   (only the comment counts)
 *   vite build --mode sign-in → dist/sign-in.js (sign-in icons and popup flow, loaded on demand)
 *   vite build --mode actions → dist/actions.js (Like and the edit, report and delete forms, loaded on demand)
 * Same sources in, same bytes out: no timestamps, no content hashes, no source maps.
 */
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig(({ mode }) => {
  const [input, file] = ENTRIES[mode] ?? ENTRIES.production!;
  return {
    publicDir: false,
    // The packages' modern builds (signals.mjs, not the ES5 signals.module.js that the `browser` condition picks).
    resolve: { conditions: ['module', 'production'] },
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
    plugins: [jsxFrom(mode == 'actions' ? new URL('widget/actions/kit.ts', import.meta.url).pathname : 'preact')],
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
