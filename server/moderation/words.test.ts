import { describe, expect, test } from 'vitest';
import { findWord, wordList } from './words.ts';

const comment = { text: 'Buy cheap Pills today', name: 'Bob', email: 'bob@mail.example', url: 'http://shop.example/', ip: '203.0.113.5' };

describe('findWord', () => {
  test('finds an entry inside words, ignoring case, and names the field', () => {
    expect(findWord(['pill'], comment)).toEqual({ word: 'pill', field: 'text' });
    expect(findWord(['BOB'], comment)).toEqual({ word: 'BOB', field: 'name' });
    expect(findWord(['@mail.example'], comment)).toEqual({ word: '@mail.example', field: 'email' });
    expect(findWord(['shop.example'], comment)).toEqual({ word: 'shop.example', field: 'website' });
    expect(findWord(['203.0.113.'], comment)).toEqual({ word: '203.0.113.', field: 'IP address' });
  });

  test('ignores blank entries and answers null when nothing matches', () => {
    expect(findWord(['', '   ', 'casino'], comment)).toBeNull();
    expect(findWord([], comment)).toBeNull();
  });
});

describe('wordList', () => {
  test('trims, drops blanks and repeats', () => {
    expect(wordList([' a ', '', 'b', 'a', '  '])).toEqual(['a', 'b']);
  });
});
