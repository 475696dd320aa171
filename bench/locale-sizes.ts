/**
 * Sizes of the locale files (gzip -9 bytes): the source file and its strings as JSON, the form the
 * build serves (`dist/i18n/<code>.<hash>.json`), which is what the 2 KB bar of issue 11 is held to.
 * English is built into embed.js and fetched by no one.
 * `npx tsx bench/locale-sizes.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BAR = 2048;
const gzip = (body: string | Buffer) => gzipSync(body, { level: 9 }).length;

for (const part of ['widget', 'server']) {
  const folder = join(import.meta.dirname, '..', part, 'i18n');
  const files = readdirSync(folder)
    .filter((f) => /^[a-z]{2,3}(-[A-Z][A-Za-z]+)?\.ts$/.test(f))
    .sort();
  console.log(`${part}/i18n: gzip -9 bytes, source and as JSON (bar ${BAR} on the widget's JSON)`);
  for (const file of files) {
    const strings = (await import(join(folder, file))).default;
    if (!strings) continue;
    const source = gzip(readFileSync(join(folder, file)));
    const json = gzip(JSON.stringify(strings));
    const over = part == 'widget' && file != 'en.ts' && json > BAR ? `  OVER ${BAR} as JSON` : '';
    console.log(`  ${file.padEnd(10)} ${String(source).padStart(5)} ${String(json).padStart(5)}${over}`);
  }
}
