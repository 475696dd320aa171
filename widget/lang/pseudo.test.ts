import { expect, test } from 'vitest';
import en from '../i18n/en.ts';
import { pseudoLocale, pseudoText } from './pseudo.ts';

test('a pseudo string is accented, longer and bracketed, with its placeholders intact', () => {
  const text = pseudoText('Reply to {name}');
  expect(text).toMatch(/^\[Rëplý tô {name}( ·)+\]$/);
  expect(text.length).toBeGreaterThan('Reply to {name}'.length * 1.3);
});

test('the pseudo-locale has every key of English and keeps the values the widget computes with', () => {
  const qps = pseudoLocale(en);
  expect(Object.keys(qps)).toEqual(Object.keys(en));
  expect(Object.keys(qps.thoughts)).toEqual(Object.keys(en.thoughts));
  expect([qps.lang, qps.dir, qps.clock, qps.months.split('|').length]).toEqual(['qps', 'ltr', '12', 12]);
  expect(qps.date).toMatch(/^\[{month} {day}, {year}/);
});
