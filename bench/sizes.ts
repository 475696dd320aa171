/** Sizes of the built bundles: raw, gzip -9 and brotli, against the SPEC §10 bars. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = join(import.meta.dirname, '..', 'dist');
const BARS: Record<string, number> = { 'embed.js': 16 * 1024, 'count.js': 1536 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const files = readdirSync(DIST, { recursive: true })
  .map(String)
  .filter((file) => /\.(js|css)$/.test(file) && statSync(join(DIST, file)).isFile())
  .sort();

console.log('Bundle sizes (npm run build)');
for (const file of files) {
  const body = readFileSync(join(DIST, file));
  const gzip = gzipSync(body, { level: 9 }).length;
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const bar = BARS[file];
  const verdict = bar === undefined ? '' : gzip <= bar ? `  ≤ ${kb(bar)} gzip: ok` : `  OVER the ${kb(bar)} gzip bar`;
  console.log(`  ${file.padEnd(28)} raw ${kb(body.length).padStart(10)}  gzip ${kb(gzip).padStart(9)}  brotli ${kb(brotli).padStart(9)}${verdict}`);
}
if (!existsSync(join(DIST, 'embed.js'))) console.log('  dist/embed.js is missing: run npm run build');
