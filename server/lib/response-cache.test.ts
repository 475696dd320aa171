import { describe, expect, test } from 'vitest';
import { createResponseCache, rawQuery } from './response-cache.ts';
import { encodedBody } from '../http/encoding.ts';

const body = (text: string) => encodedBody(text);

function setup() {
  const state = { version: 1, now: 1000 };
  const cache = createResponseCache({ maxGroups: 3, maxPerGroup: 2, externalVersion: () => state.version, clock: () => state.now });
  return { state, cache };
}

describe('response cache', () => {
  test('keeps bodies per group until the group is forgotten', () => {
    const { cache } = setup();
    cache.set('thread-a', 'page-1', body('A1'));
    cache.set('thread-b', 'page-1', body('B1'));
    cache.forget('thread-a');
    expect(cache.get('thread-a', 'page-1')).toBeUndefined();
    expect(Buffer.from(cache.get('thread-b', 'page-1')!.raw).toString()).toBe('B1');
  });

  test('an alias finds the entry, and misses once the entry is gone', () => {
    const { cache } = setup();
    cache.set('thread-a', 'page-1', body('A1'), 'comments?page=/a/');
    expect(Buffer.from(cache.byAlias('comments?page=/a/')!.raw).toString()).toBe('A1');
    cache.forget('thread-a');
    expect(cache.byAlias('comments?page=/a/')).toBeUndefined();
  });

  test('a group expires at its time (a thread closing by age)', () => {
    const { state, cache } = setup();
    cache.set('thread-a', 'page-1', body('A1'), undefined, 2000);
    state.now = 1999;
    expect(cache.get('thread-a', 'page-1')).toBeDefined();
    state.now = 2000;
    expect(cache.get('thread-a', 'page-1')).toBeUndefined();
  });

  test('a write by another connection forgets everything', () => {
    const { state, cache } = setup();
    cache.set('thread-a', 'page-1', body('A1'));
    state.version = 2;
    expect(cache.get('thread-a', 'page-1')).toBeUndefined();
  });

  test('bounded: the oldest group and the oldest entry of a group make room', () => {
    const { cache } = setup();
    for (const group of ['a', 'b', 'c', 'd']) cache.set(group, 'k', body(group));
    expect(cache.get('a', 'k')).toBeUndefined();
    expect(cache.get('d', 'k')).toBeDefined();
    for (const key of ['1', '2', '3']) cache.set('d', key, body(key));
    expect(cache.get('d', 'k')).toBeUndefined();
    expect(cache.get('d', '3')).toBeDefined();
  });

  test('rawQuery takes the query string of a URL', () => {
    expect(rawQuery('http://x/api/comments?page=/a/&limit=5')).toBe('page=/a/&limit=5');
    expect(rawQuery('http://x/api/comments')).toBe('');
  });
});
