/**
 * The size bars of SPEC §10: embed.js (everything needed to draw a thread and its form, CSS included)
 * at most 16 KB gzip, count.js at most 1.5 KB. `npm test` builds before vitest runs.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';

const gzipped = (file: string) => gzipSync(readFileSync(new URL(`../dist/${file}`, import.meta.url)), { level: 9 }).length;

test('embed.js is at most 16 KB gzipped', () => {
  expect(gzipped('embed.js')).toBeLessThanOrEqual(16 * 1024);
});

test('count.js is at most 1.5 KB gzipped', () => {
  expect(gzipped('count.js')).toBeLessThanOrEqual(1536);
});

test('both bundles are self-contained scripts without eval', () => {
  for (const file of ['embed.js', 'count.js', 'sign-in.js']) {
    const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
    expect(code).not.toMatch(/\beval\(|new Function\(|\bimport\(|^import |^export /m);
  }
});
