/**
 * The moderators' view, a second Vite entry: admin/index.html → dist/admin/,
 * served by the server at /admin/ (hashed assets under /admin/assets/).
 * No inline scripts or styles, so the page runs under a strict Content-Security-Policy.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'admin',
  // Relative URLs, so the view also works under a path prefix (https://example.com/comments/admin/).
  base: './',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    outDir: '../dist/admin',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
