/**
 * Two self-contained IIFE scripts, no chunks, no hashes, no eval:
 *   vite build               → dist/embed.js (Preact, signals, the thread, its CSS as a string)
 *   vite build --mode count  → dist/count.js (only the comment counts)
 *   vite build --mode sign-in → dist/sign-in.js (sign-in icons and popup flow, loaded on demand)
 * Same sources in, same bytes out: no timestamps, no content hashes, no source maps.
 */
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const count = mode == 'count';
  /** `vite build --mode sign-in` → dist/sign-in.js, which embed.js loads only where sign-in is offered. */
  const entry = mode == 'sign-in' ? ['widget/sign-in/index.ts', 'sign-in.js'] : count ? ['widget/count.ts', 'count.js'] : ['widget/embed.tsx', 'embed.js'];
  return {
    publicDir: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      target: 'es2022',
      // light-dark() natively (Chrome 123, Firefox 120, Safari 17.5): no generated fallback variables.
      cssTarget: ['chrome123', 'firefox120', 'safari17.5'],
      outDir: 'dist',
      emptyOutDir: entry[1] == 'embed.js',
      copyPublicDir: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: entry[0],
        output: {
          format: 'iife',
          entryFileNames: entry[1],
          codeSplitting: false,
          // ASCII only: the strings stay right even where the script is served without a charset.
          charset: 'ascii',
        },
      },
    },
  };
});
