/**
 * Two self-contained IIFE scripts, no chunks, no hashes, no eval:
 *   vite build               → dist/embed.js (Preact, signals, the thread, its CSS as a string)
 *   vite build --mode count  → dist/count.js (only the comment counts)
 * Same sources in, same bytes out: no timestamps, no content hashes, no source maps.
 */
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const count = mode == 'count';
  return {
    publicDir: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !count,
      copyPublicDir: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: count ? 'widget/count.ts' : 'widget/embed.tsx',
        output: {
          format: 'iife',
          entryFileNames: count ? 'count.js' : 'embed.js',
          codeSplitting: false,
          // ASCII only: the strings stay right even where the script is served without a charset.
          charset: 'ascii',
        },
      },
    },
  };
});
