/**
 * The size bars of SPEC §10: embed.js (everything needed to draw a thread and its form, CSS included)
 * at most 16 KB gzip, count.js at most 1.5 KB; what a reader needs only after interacting loads on
 * demand (sign-in.js, actions.js) and has bars of its own. `npm test` builds before vitest runs.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
const gzipped = (file: string) => gzipSync(read(file), { level: 9 }).length;

test('embed.js is at most 16 KB gzipped', () => {
  expect(gzipped('embed.js')).toBeLessThanOrEqual(16 * 1024);
});

test('count.js is at most 1.5 KB gzipped', () => {
  expect(gzipped('count.js')).toBeLessThanOrEqual(1536);
});

test('the on-demand scripts are small: sign-in.js at most 3 KB, actions.js at most 4 KB gzipped', () => {
  expect(gzipped('sign-in.js')).toBeLessThanOrEqual(3 * 1024);
  expect(gzipped('actions.js')).toBeLessThanOrEqual(4 * 1024);
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

test('actions.js borrows embed.js\'s Preact and signals instead of carrying copies', () => {
  expect(read('embed.js')).toMatch(/Symbol\.for\(.preact-signals.\)/);
  expect(/Symbol\.for\(|preact/i.test(read('actions.js'))).toBe(false);
});

test('every bundle is a self-contained script without eval', () => {
  for (const file of ['embed.js', 'count.js', 'sign-in.js', 'actions.js']) {
    expect(read(file)).not.toMatch(/\beval\(|new Function\(|\bimport\(|^import |^export /m);
  }
});
