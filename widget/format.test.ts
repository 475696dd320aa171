import { expect, test } from 'vitest';
import { dateFormatter, errorText, fmt } from './format.ts';
import en from './i18n/en.ts';

test('fills placeholders', () => {
  expect(fmt(en.thoughts.other, { n: 4, title: 'A Reblog' })).toBe('4 thoughts on “A Reblog”');
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

test("writes dates in words, in the reader's time zone, as WordPress does", () => {
  const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m, d, h, min).toISOString();
  const date = dateFormatter(en);
  expect(date(local(2026, 10, 21, 21, 44))).toBe('November 21, 2026 at 9:44 pm');
  expect(date(local(2019, 6, 4, 0, 5))).toBe('July 4, 2019 at 12:05 am');
  expect(date(local(2020, 0, 1, 12, 0))).toBe('January 1, 2020 at 12:00 pm');
});
