import { expect, test } from 'vitest';
import { dateFormatter, errorText, fmt } from './format.ts';
import { en } from './i18n/en.ts';

test('fills placeholders', () => {
  expect(fmt(en.many, { n: 4, title: 'A Reblog' })).toBe('4 thoughts on “A Reblog”');
});

test('maps error codes to words, never showing the server message for a known code', () => {
  expect(errorText(en, { code: 'duplicate_comment', message: 'Duplicate comment.' })).toBe("You've already said that!");
  expect(errorText(en, { code: 'rate_limited', retry: '42' })).toBe('You are posting comments too quickly. Try again in 42 seconds.');
  expect(errorText(en, { code: 'network' })).toBe('The comment server could not be reached.');
});

test('falls back to the server message for an unknown code, then to a generic sentence', () => {
  expect(errorText(en, { code: 'brand_new', message: 'Something new happened.' })).toBe('Something new happened.');
  expect(errorText(en, { code: 'brand_new' })).toBe(en.errors.internal_error);
});

test('writes dates in words', () => {
  expect(dateFormatter(en)('2026-11-21T12:44:00.000Z')).toMatch(/^November 21, 2026 at \d{1,2}:44 [ap]m$/);
});
