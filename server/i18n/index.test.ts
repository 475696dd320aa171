import { expect, test } from 'vitest';
import { acceptedStrings, fill, pluralText, serverStrings } from './index.ts';

test('a stored language finds its file, else its base language, else English', () => {
  expect(serverStrings('de').lang).toBe('de');
  expect(serverStrings('de-AT').lang).toBe('de');
  expect(serverStrings('pt').lang).toBe('pt-PT');
  expect(serverStrings('pt-br').lang).toBe('pt-BR');
  expect(serverStrings('zh-Hant').lang).toBe('zh-TW');
  expect(serverStrings('nn').lang).toBe('nb');
  expect(serverStrings('xx').lang).toBe('en');
  expect(serverStrings(undefined).lang).toBe('en');
  expect(serverStrings('__proto__').lang).toBe('en');
  expect(serverStrings('constructor').lang).toBe('en');
});

test('Accept-Language: the first language Parley speaks, by q-value', () => {
  expect(acceptedStrings('fr-CH, fr;q=0.9, en;q=0.8').lang).toBe('fr');
  expect(acceptedStrings('xx, he;q=0.5, ar;q=0.7').lang).toBe('ar');
  expect(acceptedStrings('de;q=0, en').lang).toBe('en');
  expect(acceptedStrings(undefined).lang).toBe('en');
  expect(acceptedStrings('garbage;;;q=x').lang).toBe('en');
});

test("placeholders are filled in one pass; plurals by the language's rules", () => {
  expect(fill('{a} and {b}', { a: '{b}', b: 'x' })).toBe('{b} and x');
  expect(fill('{missing}', {})).toBe('{missing}');
  expect(pluralText('ru', { one: '{n} день', few: '{n} дня', many: '{n} дней', other: '{n} дня' }, 5)).toBe('5 дней');
});
