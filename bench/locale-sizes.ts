/**
 * Sizes of the locale files (gzip -9 bytes): the source file and its strings as JSON, the form the
 * build serves (`dist/i18n/<code>.<hash>.json`, without the parts kept apart: widget/lang/english-parts.ts),
 * which is what the 2 KB bar of issue 11 is held to.
 * English is built into embed.js and fetched by no one.
 * `npx tsx bench/locale-sizes.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { buildLocales } from '../widget/lang/build.ts';

const BAR = 2048;
const built = new Map((await buildLocales(new URL('../widget/i18n/', import.meta.url))).map(({ code, json }) => [code, json]));
const gzip = (body: string | Buffer) => gzipSync(body, { level: 9 }).length;

for (const part of ['widget', 'server']) {
  const folder = join(import.meta.dirname, '..', part, 'i18n');
  const files = readdirSync(folder)
    .filter((f) => /^[a-z]{2,3}(-[A-Z][A-Za-z]+)?\.ts$/.test(f))
    .sort();
  console.log(`${part}/i18n: gzip -9 bytes of the source and of the JSON, and the JSON as the build writes it (zopfli, what is sent; bar ${BAR})`);
  for (const file of files) {
    const strings = (await import(join(folder, file))).default;
    if (!strings) continue;
    const source = gzip(readFileSync(join(folder, file)));
    // The widget's file as the build serves it: the thread's words, without the parts kept apart.
    const served = part == 'widget' ? (built.get(file.replace(/\.ts$/, '')) ?? JSON.stringify(strings)) : JSON.stringify(strings);
    const json = gzip(served);
    const sent = (await gzipAsync(Buffer.from(served), { numiterations: 15 })).length;
    const over = part == 'widget' && file != 'en.ts' && sent > BAR ? `  OVER ${BAR} as sent` : '';
    console.log(`  ${file.padEnd(10)} ${String(source).padStart(5)} ${String(json).padStart(5)} ${String(sent).padStart(5)}${over}`);
  }
}
