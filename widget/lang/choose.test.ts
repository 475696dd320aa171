import { expect, test } from 'vitest';
import { localeFor } from './choose.ts';
import { LOCALES } from './locales.ts';

test('every shipped locale is found by its own code, in any case', () => {
  for (const code of LOCALES) {
    expect(localeFor(code)).toBe(code);
    expect(localeFor(code.toUpperCase())).toBe(code);
  }
});

test('a regional or scripted tag falls back to its base language', () => {
  expect(['de-AT', 'fr_CA', 'es-419', 'en-GB', 'sr-Latn', 'ar-EG'].map(localeFor)).toEqual(['de', 'fr', 'es', 'en', 'sr', 'ar']);
});

test('Portuguese, Chinese and Norwegian go to their regional files', () => {
  expect(['pt', 'pt-BR', 'pt-pt', 'pt-AO'].map(localeFor)).toEqual(['pt-PT', 'pt-BR', 'pt-PT', 'pt-PT']);
  expect(['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'zh-Hant', 'zh-TW', 'zh-HK', 'zh-Hant-HK'].map(localeFor)).toEqual([
    'zh-CN',
    'zh-CN',
    'zh-CN',
    'zh-CN',
    'zh-TW',
    'zh-TW',
    'zh-TW',
    'zh-TW',
  ]);
  expect(['no', 'nb', 'nb-NO', 'nn'].map(localeFor)).toEqual(['nb', 'nb', 'nb', 'nb']);
});

test('no usable tag is English', () => {
  expect(['', ' ', 'x', '123', 'en'].map(localeFor)).toEqual(['en', 'en', 'en', 'en', 'en']);
});
