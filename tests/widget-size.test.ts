/**
 * The size bars of SPEC §10, in bytes on the wire — as the server sends them to a browser that
 * accepts brotli, and to one that accepts only gzip: embed.js (everything needed to draw a thread
 * and its form, CSS included) at most 16 KB, count.js at most 1.5 KB; what a reader needs only
 * after interacting loads on demand (sign-in.js, actions.js) and has bars of its own.
 * `npm test` builds before vitest runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createTestApp } from './helpers/test-app.ts';

const manifest = JSON.parse(readFileSync(new URL('../dist/manifest.json', import.meta.url), 'utf8')) as Record<string, string>;
/** The built file behind a plain name: the entry scripts as they are, the chunks by their hashed names. */
const built = (name: string) => manifest[name] ?? name;
const read = (name: string) => readFileSync(new URL(`../dist/${built(name)}`, import.meta.url), 'utf8');

const { app } = createTestApp();
async function onTheWire(name: string, acceptEncoding: string) {
  const response = await app.request(`/${built(name)}`, { headers: { 'Accept-Encoding': acceptEncoding } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-encoding')).toBe(acceptEncoding);
  return (await response.arrayBuffer()).byteLength;
}

describe.each([['br'], ['gzip']])('as sent with Content-Encoding: %s', (encoding) => {
  test('embed.js is at most 16 KB', async () => {
    expect(await onTheWire('embed.js', encoding)).toBeLessThanOrEqual(16 * 1024);
  });

  test('count.js is at most 1.5 KB', async () => {
    expect(await onTheWire('count.js', encoding)).toBeLessThanOrEqual(1536);
  });

  test('the on-demand scripts are small: sign-in.js at most 3 KB, actions.js at most 4 KB', async () => {
    expect(await onTheWire('sign-in.js', encoding)).toBeLessThanOrEqual(3 * 1024);
    expect(await onTheWire('actions.js', encoding)).toBeLessThanOrEqual(4 * 1024);
  });
});

test('the edit, report and delete forms are in actions.js, not in embed.js', () => {
  const embed = read('embed.js');
  const actions = read('actions.js');
  // The forms' class, and the edit and delete requests (PATCH, the edit token header); their words are in the locale, with all the others.
  for (const marker of ['parley-edit', 'PATCH', '"X-Parley-Token"']) {
    expect(embed.includes(marker), `${marker} in embed.js`).toBe(false);
    expect(actions.includes(marker), `${marker} in actions.js`).toBe(true);
  }
});

test("actions.js borrows embed.js's Preact and signals instead of carrying copies", () => {
  expect(read('embed.js')).toMatch(/Symbol\.for\(.preact-signals.\)/);
  expect(/Symbol\.for\(|preact/i.test(read('actions.js'))).toBe(false);
});

test('every bundle is a self-contained script without eval', () => {
  for (const file of ['embed.js', 'count.js', 'sign-in.js', 'actions.js']) {
    expect(read(file)).not.toMatch(/\beval\(|new Function\(|\bimport\(|^import |^export /m);
  }
});
