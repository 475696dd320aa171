import { describe, expect, test } from 'vitest';
import { nameKey } from './name-key.ts';

describe('nameKey', () => {
  test.each([
    ['Alice Moderator', 'alice  MODÉRATOR'],
    ['Alice Moderator', 'Аlice Моderator'], // Cyrillic А and М
    ['Alice Moderator', 'ａｌｉｃｅ ｍｏｄｅｒａｔｏｒ'],
    ['Alice Moderator', 'Alice_Moderator.'],
    ['Alice Moderator', 'A1ice M0derator'],
    ['Straße', 'STRASSE'],
    ['Emma', 'Ernrna'],
    ['Walter', 'VValter'],
  ])('%s and %s fold to one key', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  test.each([
    ['Ada', 'Adam'],
    ['Alice', 'Alicia'],
    ['Иван', 'Ivan'],
  ])('%s and %s stay apart', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  test('punctuation-only names fold to the empty key (never held)', () => {
    expect(nameKey(' - . ')).toBe('');
  });
});
