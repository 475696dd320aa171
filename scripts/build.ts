/**
 * `npm run build`: the widget, the admin view and the server, into dist/ (see
 * the comment at the top of vite.config.ts for what goes where and why).
 *
 *   1. the on-demand chunks, each renamed NAME.HASH.EXT by its content, and the locales
 *      (i18n/CODE.HASH.json, one HASH for all of them: see emitGroup);
 *   2. embed.js and count.js, with the chunks' names compiled in (`__PARLEY_CHUNKS__`);
 *   3. the admin view (dist/admin/);
 *   4. the server, compiled file by file to plain JavaScript (dist/server/);
 *   5. a .br (brotli 11) and a .gz (zopfli: gzip 3–4 % smaller than zlib's best) beside every
 *      text file the server sends, so it never compresses them;
 *   6. dist/manifest.json (the chunks' names) and dist/.built (the time of this build).
 *
 * Chunks of earlier builds stay for a week: a page that still runs a cached older
 * embed.js loads the chunks it was built with, never a newer one.
 *
 * `tsx scripts/build.ts --server` does step 4 alone (under a second): the tests
 * run the compiled server, and rebuild it so when server/ changed.
 */
import { build as viteBuild } from 'vite';
import { build as esbuild, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { HASHED_FILE } from '../server/routes/static.ts';
import { buildLocales } from '../widget/lang/build.ts';
import { APART } from '../widget/lang/english-parts.ts';
import { stampOf } from './built.mjs'; // plain JavaScript, shared with npm start (scripts/run.mjs)

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const WEEK = 7 * 24 * 3600_000;
const started = performance.now();

/** The on-demand chunks: vite.config.ts modes whose output embed.js finds through the manifest. */
// moderate.js first: actions.js, which loads it for a moderator's account, names its hashed file (embed.js does not carry it).
const CHUNKS = ['moderate', 'actions', 'sign-in'];

const manifest: Record<string, string> = {};
/** What embed.js and count.js get compiled in: the manifest, with each group of emitGroup as one entry. */
const compiled: Record<string, string> = {};

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

/** Writes `bytes` as dist/DIR/NAME.HASH.EXT (HASH of `bytes`, or the given one) and lists it in the manifest under `name` (`actions.js`). */
function emitHashed(name: string, bytes: Uint8Array, hash = hashOf(bytes), group = false): string {
  const file = name.replace(/(\.[a-z0-9]+)$/, `.${hash}$1`);
  if (!HASHED_FILE.test(file)) throw new Error(`${file} does not fit the hashed-file pattern of server/routes/static.ts`);
  mkdirSync(dirname(join(DIST, file)), { recursive: true });
  writeFileSync(join(DIST, file), bytes);
  manifest[name] = file;
  if (!group) compiled[name] = file;
  return file;
}

/**
 * Writes files that change together, the locales (`i18n/*.json`), under one HASH of all of them. Each
 * is in the manifest under its own name; embed.js and count.js get the one entry `i18n/*.json` →
 * `i18n/*.HASH.json` (widget/chunks.ts fills in the name): 48 entries would cost them some 500 bytes
 * gzip. A change to any locale renames them all, so each can still be cached for a year.
 */
function emitGroup(pattern: string, files: { name: string; bytes: Uint8Array }[]) {
  const all = createHash('sha256');
  for (const { name, bytes } of files) all.update(name).update('\0').update(bytes).update('\0');
  const hash = all.digest('hex').slice(0, 10);
  for (const { name, bytes } of files) emitHashed(name, bytes, hash, true);
  compiled[pattern] = pattern.replace(/(\.[a-z0-9]+)$/, `.${hash}$1`);
}

function clean() {
  if (!existsSync(DIST)) return;
  for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const hashed = HASHED_FILE.test(relative(DIST, path).replace(/\.(br|gz)$/, ''));
    if (!hashed || Date.now() - statSync(path).mtimeMs > WEEK) rmSync(path);
  }
}

async function widget(mode: string, define: Record<string, string> = {}) {
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), mode, define, logLevel: 'warn' });
}

/** Compiles server/**.ts one file each to dist/server/**.js, relative imports renamed .ts → .js. */
async function server() {
  rmSync(join(DIST, 'server'), { recursive: true, force: true });
  const sources = readdirSync(join(ROOT, 'server'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(ROOT, 'server', file));
  const relativeAsJs: Plugin = {
    name: 'relative-as-js',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => ({ path: args.path.replace(/\.ts$/, '.js'), external: true }));
    },
  };
  await esbuild({
    entryPoints: sources,
    outbase: join(ROOT, 'server'),
    outdir: join(DIST, 'server'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [relativeAsJs],
    logLevel: 'warning',
  });
}

async function compressAll() {
  for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !/\.(js|css|json|html|svg)$/.test(entry.name) || relative(DIST, path).startsWith('server')) continue;
    if (existsSync(`${path}.br`) && statSync(`${path}.br`).mtimeMs >= statSync(path).mtimeMs) continue;
    const body = readFileSync(path);
    if (body.length < 1024) continue;
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    );
    writeFileSync(`${path}.gz`, await gzipAsync(body, { numiterations: 15 }));
  }
}

const stamp = (part: 'widget' | 'server') => writeFileSync(stampOf(part), `${new Date().toISOString()}\n`);

if (process.argv.includes('--server')) {
  await server();
  stamp('server');
  console.log(`[parley] compiled dist/server/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exit(0);
}

clean();
mkdirSync(DIST, { recursive: true });
const locales = await buildLocales(new URL('../widget/i18n/', import.meta.url));
emitGroup(
  'i18n/*.json',
  locales.map(({ code, json }) => ({ name: `i18n/${code}.json`, bytes: Buffer.from(json) })),
);
for (const part of APART) {
  emitGroup(
    `i18n-${part}/*.json`,
    locales.map(({ code, parts }) => ({ name: `i18n-${part}/${code}.json`, bytes: Buffer.from(parts[part]!) })),
  );
}
// The locales first: moderate.js loads the words of its part (widget/lang/english-parts.ts: APART).
const defines: Record<string, () => Record<string, string>> = {
  moderate: () => ({ __PARLEY_CHUNKS__: JSON.stringify({ 'i18n-moderate/*.json': compiled['i18n-moderate/*.json'] }) }),
  actions: () => ({ __PARLEY_MODERATE__: JSON.stringify(manifest['moderate.js']) }),
};
for (const chunk of CHUNKS) {
  await widget(chunk, defines[chunk]?.() ?? {});
  const plain = join(DIST, `${chunk}.js`);
  emitHashed(`${chunk}.js`, readFileSync(plain), undefined, chunk == 'moderate');
  rmSync(plain);
}
const localesOnly = { __PARLEY_CHUNKS__: JSON.stringify({ 'i18n-recent/*.json': compiled['i18n-recent/*.json'] }) };
// embed.js gets every chunk but the words of the parts kept apart: recent.js and moderate.js load those.
const forEmbed = Object.fromEntries(Object.entries(compiled).filter(([name]) => !APART.some((part) => name.startsWith(`i18n-${part}/`))));
const define = { __PARLEY_CHUNKS__: JSON.stringify(forEmbed) };
// recent.js (the recent-comments list) is count.js's to load, never embed.js's; it loads a locale, so it comes after them.
await widget('recent', localesOnly);
const recentJs = emitHashed('recent.js', readFileSync(join(DIST, 'recent.js')), undefined, true);
rmSync(join(DIST, 'recent.js'));
await widget('production', define);
// count.js loads nothing on demand but a locale and recent.js: the other entries would be bytes it never reads.
await widget('count', { __PARLEY_CHUNKS__: JSON.stringify({ 'i18n/*.json': compiled['i18n/*.json'], 'recent.js': recentJs }) });
await viteBuild({ configFile: join(ROOT, 'vite.admin.config.ts'), logLevel: 'warn' });
await compressAll();
writeFileSync(join(DIST, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
stamp('widget');
await server();
stamp('server');
console.log(`[parley] built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.values(compiled).join(', ')}`);
